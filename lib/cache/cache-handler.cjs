// Next's `cacheHandler` (the documented contract: get, set, revalidateTag, resetRequestCache) for
// rendered pages and unstable_cache data. Entries live in this process's memory, bounded in
// bytes; they stay true across processes and instances through the tag versions in the database
// (tag-versions.cjs): each entry keeps the versions read before its render, and is dropped as soon
// as a write has moved one of them. A render that raced a write is therefore never served: it
// carries the versions from before the write.
const { DEFAULT_DATABASE_URL } = require('../db/database-url.cjs');
const { tagVersions } = require('./tag-versions.cjs');

/**
 * Memory for entries per process (CACHE_MEMORY_MB, 32 by default); the least recently used go
 * first. Small by default: nginx in front keeps the pages, this only spares renders on its misses.
 */
const MAX_BYTES = cacheMemoryMb(process.env.CACHE_MEMORY_MB) * 1024 * 1024;
/** A render that never stored its result (an error) stops counting as in flight after this. */
const RENDER_TIMEOUT_MS = 60_000;
/** Renders remembered as in flight at most; the oldest go first (misses on any address add one). */
const MAX_RENDERS = 10_000;
/** Next's header listing a rendered page's tags (those of the data it read). */
const TAGS_HEADER = 'x-next-cache-tags';

function cacheMemoryMb(setting) {
  if (setting === undefined || setting === '') return 32;
  const megabytes = Number(setting);
  if (!Number.isInteger(megabytes) || megabytes < 0) throw new Error(`CACHE_MEMORY_MB : nombre entier de Mo attendu (0 ou plus), reçu « ${setting} ».`);
  return megabytes;
}

/** Roughly the bytes an entry holds: its strings and buffers. */
function sizeOf(value) {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return value.length * 2;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value !== 'object') return 8;
  let total = 0;
  const children = value instanceof Map ? value.values() : Array.isArray(value) ? value : Object.values(value);
  for (const child of children) total += sizeOf(child);
  return total;
}

function tagsOf(data, ctx) {
  const tags = new Set(ctx?.tags ?? []);
  const header = data?.headers?.[TAGS_HEADER];
  if (typeof header === 'string') for (const tag of header.split(',')) if (tag) tags.add(tag);
  return [...tags];
}

/** When the entry must render again by itself (ms), from its revalidate time in seconds. */
function deadlineOf(data, ctx, renderedAt) {
  const revalidate = ctx?.cacheControl?.revalidate ?? ctx?.revalidate ?? data?.revalidate;
  return typeof revalidate === 'number' && revalidate > 0 ? renderedAt + revalidate * 1000 : null;
}

/** One connection (or pool) per database and process, whatever the number of handlers. */
const storesByUrl = new Map();
function versionsOf(url) {
  if (!storesByUrl.has(url)) storesByUrl.set(url, tagVersions(url));
  return storesByUrl.get(url);
}

class CacheHandler {
  constructor() {
    // `next build` renders pages without a database: nothing it renders is kept (they render
    // again at their first request), so the build reads no tag either.
    this.isBuild = process.env.NEXT_PHASE === 'phase-production-build';
    this.versions = this.isBuild ? null : versionsOf(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  }

  async get(key, ctx) {
    if (this.isBuild) return null;
    const entry = CacheHandler.entries.get(key);
    let current;
    try {
      current = await this.versions.read();
    } catch (error) {
      console.error('Cache : versions des étiquettes illisibles, la page est rendue à nouveau.', error.message);
      return null;
    }
    const now = Date.now();
    const tags = entry ? [...entry.tags, ...(ctx?.softTags ?? [])] : [];
    const isFresh =
      entry && (entry.deadline === null || now < entry.deadline) && tags.every((tag) => (current.get(tag) ?? 0) === (entry.versions.get(tag) ?? 0));
    if (!isFresh) {
      if (entry) this.forget(key);
      this.renderStarts(key, current, now, ctx?.softTags);
      return null;
    }
    // Most recently used last.
    CacheHandler.entries.delete(key);
    CacheHandler.entries.set(key, entry);
    if (entry.deadline === null || entry.value?.kind === 'FETCH') return { lastModified: entry.renderedAt, value: entry.value, cacheControl: entry.cacheControl };
    // A page with an end of its own is handed over as "now, with the seconds it has left": Next
    // sends them as s-maxage, so a proxy in front keeps it until that end, not a full lifetime more.
    const secondsLeft = Math.max(1, Math.ceil((entry.deadline - now) / 1000));
    return { lastModified: now, value: entry.value, cacheControl: { revalidate: secondsLeft, expire: undefined } };
  }

  async set(key, data, ctx) {
    if (this.isBuild) return;
    const render = this.renderEnds(key);
    const snapshot = render?.versions ?? (await this.versions.read());
    const renderedAt = render?.startedAt ?? Date.now();
    const tags = tagsOf(data, ctx);
    // Only the versions get() compares: an entry's memory does not grow with the number of tags.
    const versions = new Map();
    for (const tag of [...tags, ...(render?.softTags ?? [])]) if (snapshot.has(tag)) versions.set(tag, snapshot.get(tag));
    const entry = {
      value: data,
      tags,
      versions,
      renderedAt,
      deadline: deadlineOf(data, ctx, renderedAt),
      cacheControl: ctx?.cacheControl,
      size: sizeOf(data) + key.length * 2,
    };
    if (entry.size > MAX_BYTES / 8) return;
    this.forget(key);
    CacheHandler.entries.set(key, entry);
    CacheHandler.bytes += entry.size;
    for (const [oldest, old] of CacheHandler.entries) {
      if (CacheHandler.bytes <= MAX_BYTES) break;
      CacheHandler.entries.delete(oldest);
      CacheHandler.bytes -= old.size;
    }
  }

  /** Next calls this for revalidateTag(): the write is shared with every process, or it throws. */
  async revalidateTag(tags) {
    await this.versions.move(typeof tags === 'string' ? [tags] : tags);
  }

  resetRequestCache() {}

  forget(key) {
    const entry = CacheHandler.entries.get(key);
    if (!entry) return;
    CacheHandler.entries.delete(key);
    CacheHandler.bytes -= entry.size;
  }

  /** A miss: its render reads the data from now on, so its entry gets the versions read before (its own tags are known only at its end). */
  renderStarts(key, versions, now, softTags = []) {
    const render = CacheHandler.renders.get(key);
    if (render && now - render.startedAt < RENDER_TIMEOUT_MS) render.count += 1;
    // The oldest versions of the renders in flight: an entry may only be older than it says.
    else {
      CacheHandler.renders.delete(key);
      CacheHandler.renders.set(key, { versions, softTags, startedAt: now, count: 1 });
      if (CacheHandler.renders.size > MAX_RENDERS) CacheHandler.renders.delete(CacheHandler.renders.keys().next().value);
    }
  }

  renderEnds(key) {
    const render = CacheHandler.renders.get(key);
    if (render && --render.count === 0) CacheHandler.renders.delete(key);
    return render;
  }
}

// One store per process: Next makes a handler per request, the entries outlive it.
CacheHandler.entries = new Map();
CacheHandler.bytes = 0;
CacheHandler.renders = new Map();

module.exports = CacheHandler;
