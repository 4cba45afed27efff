// Next's own file-system cache, with two changes.
//
// 1. Entries are dated a few seconds earlier than they were stored. A page render that started
//    before a comment was written but finished after its tag was expired would otherwise be stored
//    as fresh and hide the new comment until the next write. Dated earlier, such an entry counts as
//    written before the expiry, so the next request renders again. The cost: for a few seconds
//    after a write, that article's page is rendered per request instead of served from the cache.
//
// 2. On PostgreSQL (several app instances), tag expiries are shared through the "CacheTag" table:
//    revalidateTag() writes there too, and every cache read first brings this process's tag
//    manifest up to date from it (one small query, shared by concurrent reads). A comment posted on
//    instance A therefore expires the cached page on instance B before B's next page load.
//    Each instance keeps its own page files; only the expiry dates are shared.
const FileSystemCache = require('next/dist/server/lib/incremental-cache/file-system-cache').default;
const { tagsManifest } = require('next/dist/server/lib/incremental-cache/tags-manifest.external');

/** Longer than any render of a page (they take milliseconds; seconds under heavy load). */
const RENDER_GRACE_MS = 3000;

const databaseUrl = process.env.DATABASE_URL ?? '';
const sharesTags = /^postgres(ql)?:\/\//.test(databaseUrl);

let pool;
function getPool() {
  if (!pool) {
    const { Pool } = require('pg');
    pool = new Pool({ connectionString: databaseUrl, max: 4 });
    // An idle connection dropped by the server (restart, failover) must not bring the app down.
    pool.on('error', (error) => console.error('CacheTag pool:', error.message));
  }
  return pool;
}

/** Marks a tag expired at `expiredAt` (ms) in this process's manifest, never moving it back. */
function applyExpiry(tag, expiredAt) {
  const entry = tagsManifest.get(tag) ?? {};
  if ((entry.expired ?? 0) >= expiredAt) return;
  tagsManifest.set(tag, { ...entry, stale: Math.max(entry.stale ?? 0, expiredAt), expired: expiredAt });
}

let inFlightSync = null;
/**
 * Reads every shared tag expiry; concurrent callers share one query (the table has a few rows).
 * If PostgreSQL cannot answer, the page is served from this instance's cache (perhaps missing the
 * latest comments) rather than not at all: posting fails loudly in that case anyway.
 */
function syncSharedTags() {
  inFlightSync ??= getPool()
    // Epoch milliseconds both ways: the column holds UTC (as Prisma writes it), whatever the TZ here.
    .query(`SELECT "tag", (EXTRACT(EPOCH FROM "expiredAt") * 1000)::float8 AS "ms" FROM "CacheTag"`)
    .then(({ rows }) => {
      for (const row of rows) applyExpiry(row.tag, Number(row.ms));
    })
    .catch((error) => console.error('CacheTag: lecture impossible', error.message))
    .finally(() => {
      inFlightSync = null;
    });
  return inFlightSync;
}

class RaceSafeCacheHandler extends FileSystemCache {
  async get(...args) {
    if (sharesTags) await syncSharedTags();
    const entry = await super.get(...args);
    if (!entry || typeof entry.lastModified !== 'number') return entry;
    return { ...entry, lastModified: entry.lastModified - RENDER_GRACE_MS };
  }

  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    if (!sharesTags) return;
    const list = (typeof tags === 'string' ? [tags] : tags).filter(Boolean);
    const now = Date.now();
    for (const tag of list) {
      const expiredAt = tagsManifest.get(tag)?.expired ?? now;
      await getPool().query(
        `INSERT INTO "CacheTag" ("tag", "expiredAt") VALUES ($1, to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC')
         ON CONFLICT ("tag") DO UPDATE SET "expiredAt" = GREATEST("CacheTag"."expiredAt", EXCLUDED."expiredAt")`,
        [tag, expiredAt],
      );
    }
  }
}

module.exports = RaceSafeCacheHandler;
module.exports.RENDER_GRACE_MS = RENDER_GRACE_MS;
