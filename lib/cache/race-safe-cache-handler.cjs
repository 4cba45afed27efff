// Next's own file-system cache, with three changes.
//
// 1. Entries are dated a few seconds earlier than they were stored. A page render that started
//    before a comment was written but finished after its tag was expired would otherwise be stored
//    as fresh and hide the new comment until the next write. Dated earlier, such an entry counts as
//    written before the expiry, so the next request renders again. The cost: for a few seconds
//    after a write, that article's page is rendered per request instead of served from the cache.
//
// 2. Tag expiries are shared by every server process on the database (the workers of one
//    `npm start`, or several instances on PostgreSQL) through its "CacheTag" table:
//    revalidateTag() writes there too, and every cache read first brings this process's tag
//    manifest up to date from it (shared-tag-expiries.cjs). A comment posted through one process
//    therefore expires the cached page in all of them before their next page load. Each process
//    keeps its own memory cache; the page files on disk are shared.
//
// 3. Those shared page files are written to a temporary name and renamed, so a process reading a
//    page another one is writing sees the old file or the new one, never half of it.
//
// For the worker processes (scripts/next-worker.mjs), which load this very module, it also exports
// expireTags (revalidateTag outside Next) and expiriesVersion (for their page memo).
const { randomUUID } = require('node:crypto');
const { rename, unlink, writeFile } = require('node:fs/promises');
const FileSystemCache = require('next/dist/server/lib/incremental-cache/file-system-cache').default;
const { tagsManifest } = require('next/dist/server/lib/incremental-cache/tags-manifest.external');
const { DEFAULT_DATABASE_URL } = require('../db/database-url.cjs');
const { sharedTagExpiries } = require('./shared-tag-expiries.cjs');

/** Longer than any render of a page (they take milliseconds; seconds under heavy load). */
const RENDER_GRACE_MS = 3000;

const sharedExpiries = sharedTagExpiries(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);

/** Marks a tag expired at `expiredAt` (ms) in this process's manifest, never moving it back. */
function applyExpiry(tag, expiredAt) {
  const entry = tagsManifest.get(tag) ?? {};
  if ((entry.expired ?? 0) >= expiredAt) return;
  tagsManifest.set(tag, { ...entry, stale: Math.max(entry.stale ?? 0, expiredAt), expired: expiredAt });
}

async function writeFileByRename(file, data) {
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
}

class RaceSafeCacheHandler extends FileSystemCache {
  constructor(ctx) {
    super(ctx.fs ? { ...ctx, fs: { ...ctx.fs, writeFile: writeFileByRename } } : ctx);
  }

  async get(...args) {
    for (const [tag, expiredAt] of await sharedExpiries.readAll()) applyExpiry(tag, expiredAt);
    const entry = await super.get(...args);
    if (!entry || typeof entry.lastModified !== 'number') return entry;
    return { ...entry, lastModified: entry.lastModified - RENDER_GRACE_MS };
  }

  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    const list = (typeof tags === 'string' ? [tags] : tags).filter(Boolean);
    const now = Date.now();
    for (const tag of list) await sharedExpiries.write(tag, tagsManifest.get(tag)?.expired ?? now);
  }
}

/**
 * What revalidateTag(tag, { expire: 0 }) does, for code that runs outside Next's request context
 * (the workers' comment posts, lib/comments/api/node-comment-post.ts): expires the tags now, in
 * this process and for every process on the database.
 */
async function expireTags(tags) {
  const now = Date.now();
  for (const tag of tags) {
    applyExpiry(tag, now);
    await sharedExpiries.write(tag, now);
  }
}

module.exports = RaceSafeCacheHandler;
module.exports.expireTags = expireTags;
/** The version of the shared expiries, for the workers' page memo (lib/cache/page-memo.cjs). */
module.exports.expiriesVersion = () => sharedExpiries.version();
module.exports.RENDER_GRACE_MS = RENDER_GRACE_MS;
