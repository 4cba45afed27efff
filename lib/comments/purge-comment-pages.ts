import 'server-only';
import { db } from '@/lib/db';
import { purgeProxies } from '@/lib/cache/purge-proxies';
import { getConfig } from '@/lib/config';
import { pathsShowingComments } from './cache-tags';
import type { ChangedPages } from './paging';
import { countPages } from './thread-page';

/**
 * After a write to these articles' comments has committed (its transaction moved their cache tags,
 * so Next's cache renders them again): the HTTP caches in front forget the pages that show them.
 * A slug alone stands for its whole thread; a change, for the pages it names.
 */
export async function purgeCommentPages(changes: (string | ChangedPages)[]): Promise<void> {
  if (getConfig().CACHE_PURGE_URLS.length === 0) return;
  const paths = await Promise.all(
    changes.map(async (change) => {
      const named: ChangedPages = typeof change === 'string' ? { slug: change, pages: 'all', repliesOf: [] } : change;
      const counts = await countPages(db, named.slug, named.repliesOf);
      // One more page than now: the last one may have just gone (a comment removed), still held in front.
      return pathsShowingComments(named, { ...counts, threadPages: counts.threadPages + 1 });
    }),
  );
  await purgeProxies([...new Set(paths.flat())]);
}
