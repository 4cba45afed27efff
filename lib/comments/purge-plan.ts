import type { Database } from '@/lib/db/client';
import { pathsShowingComments } from './cache-tags';
import { numberedPagePath, type ChangedPages } from './paging';
import { countPages } from './thread-page';

const NO_REPLIES = new Map<number, number>();

/** What the HTTP caches in front must forget: `now`, before the writer gets an answer; `later`, just after. */
export type PurgePlan = { now: string[]; later: string[] };

/**
 * The addresses that showed these articles' comments before a write that has committed. A slug
 * alone stands for its whole thread; a change, for the pages it names. The article, its feed and
 * the pages named come `now`; a whole thread's numbered pages and its replies pages (thousands,
 * on a long thread or after an import) `later`. Every write purges by this plan, after its commit
 * (lib/write/visible-change.ts).
 */
export async function planPurge(db: Database, changes: (string | ChangedPages)[]): Promise<PurgePlan> {
  const now = new Set<string>();
  const later = new Set<string>();
  for (const change of changes) {
    const named: ChangedPages = typeof change === 'string' ? { slug: change, pages: 'all', repliesOf: [] } : change;
    const isWhole = named.pages === 'all';
    // Counting is only needed for what has many pages: a whole thread, or replies.
    const counts = isWhole || named.repliesOf.length > 0 ? await countPages(db, named.slug, named.repliesOf) : { threadPages: 0, repliesPages: NO_REPLIES };
    for (const path of pathsShowingComments(isWhole ? { ...named, pages: [], repliesOf: [] } : named, counts)) now.add(path);
    if (!isWhole) continue;
    // One more page than now: the last one may have just gone (a comment removed), still held in front.
    for (let page = 1; page <= counts.threadPages + 1; page++) later.add(numberedPagePath(named.slug, page));
    for (const path of pathsShowingComments({ slug: named.slug, pages: [], repliesOf: named.repliesOf }, counts)) if (!now.has(path)) later.add(path);
  }
  return { now: [...now], later: [...later] };
}
