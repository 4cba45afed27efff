// Next's own file-system cache, with one change: entries are dated a few seconds earlier than
// they were stored. A page render that started before a comment was written but finished after
// its tag was expired would otherwise be stored as fresh and hide the new comment until the next
// write. Dated earlier, such an entry counts as written before the expiry, so the next request
// renders again. The cost: for a few seconds after a write, that article's page is rendered per
// request instead of served from the cache.
const FileSystemCache = require('next/dist/server/lib/incremental-cache/file-system-cache').default;

/** Longer than any render of a page (they take milliseconds; seconds under heavy load). */
const RENDER_GRACE_MS = 3000;

class RaceSafeCacheHandler extends FileSystemCache {
  async get(...args) {
    const entry = await super.get(...args);
    if (!entry || typeof entry.lastModified !== 'number') return entry;
    return { ...entry, lastModified: entry.lastModified - RENDER_GRACE_MS };
  }
}

module.exports = RaceSafeCacheHandler;
module.exports.RENDER_GRACE_MS = RENDER_GRACE_MS;
