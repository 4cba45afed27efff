import 'server-only';
import { after } from 'next/server';
import { db } from '@/lib/db';
import { purgeProxies } from '@/lib/cache/purge-proxies';
import { getConfig } from '@/lib/config';
import { pathsShowingComments } from './cache-tags';
import { numberedPagePath, type ChangedPages } from './paging';
import { countPages } from './thread-page';

const NO_REPLIES = new Map<number, number>();

/**
 * After a write to these articles' comments has committed (its transaction moved their cache tags,
 * so Next's cache renders them again): the HTTP caches in front forget the pages that show them.
 * A slug alone stands for its whole thread; a change, for the pages it names. A whole thread can
 * be thousands of numbered pages: the article, its feed and the pages named go before the answer,
 * the numbered pages of a whole thread just after it.
 */
export async function purgeCommentPages(changes: (string | ChangedPages)[]): Promise<void> {
  if (getConfig().CACHE_PURGE_URLS.length === 0) return;
  const now = new Set<string>();
  const later = new Set<string>();
  for (const change of changes) {
    const named: ChangedPages = typeof change === 'string' ? { slug: change, pages: 'all', repliesOf: [] } : change;
    const isWhole = named.pages === 'all';
    // Counting is only needed for what has many pages: a whole thread, or replies.
    const counts = isWhole || named.repliesOf.length > 0 ? await countPages(db, named.slug, named.repliesOf) : { threadPages: 0, repliesPages: NO_REPLIES };
    for (const path of pathsShowingComments(isWhole ? { ...named, pages: [] } : named, counts)) now.add(path);
    // One more page than now: the last one may have just gone (a comment removed), still held in front.
    if (isWhole) for (let page = 1; page <= counts.threadPages + 1; page++) later.add(numberedPagePath(named.slug, page));
  }
  await purgeProxies([...now]);
  if (later.size > 0) after(() => purgeProxies([...later]));
}
