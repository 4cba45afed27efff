import 'server-only';
import { unstable_cache } from 'next/cache';
import { PHASE_PRODUCTION_BUILD } from 'next/constants';
import { db } from '@/lib/db';
import { ALL_COMMENTS_TAG, commentsTag } from './cache-tags';
import { readStoredThread, threadAsOf, type CommentThread, type ThreadArticle } from './thread';

export type { CommentThread, PublicComment } from './thread';

/** How far ahead a page is told to render again for a closing date (a date years away: once a day). */
const MAX_RENDER_AHEAD_SECONDS = 86_400;

const readCachedThread = (slug: string, comments: ThreadArticle['comments'], publishedAt: string) =>
  readStoredThread(db, slug, comments, publishedAt);

/**
 * The published comments of an article, oldest first, replies under their parent, and whether it
 * is open now. The thread is cached until a write to that article invalidates its tag; only a
 * closing date to come ties the page to the clock (see renderAgainAt).
 */
export async function getCommentThread(article: ThreadArticle): Promise<CommentThread> {
  // `next build` has no database. What it renders is never served: the cache handler keeps nothing
  // of the build, so each page renders again, with the thread, at its first request.
  if (process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return { isOpen: false, closesAt: null, count: 0, comments: [] };
  const stored = await unstable_cache(readCachedThread, ['comment-thread', article.slug], {
    tags: [commentsTag(article.slug), ALL_COMMENTS_TAG],
    revalidate: false,
  })(article.slug, article.comments, article.date.toISOString());
  const now = new Date();
  const thread = threadAsOf(stored, now);
  if (thread.closesAt) await renderAgainAt(new Date(thread.closesAt), now);
  return thread;
}

/**
 * Has the page being rendered rendered again once `date` has come, so that a scheduled closing
 * (or the age limit) shows without anybody writing: Next revalidates a statically rendered page
 * after the shortest `revalidate` of the unstable_cache calls its render made, hits included.
 * Outside a static render (a route handler) it is one cache lookup and changes nothing.
 */
function renderAgainAt(date: Date, now: Date): Promise<unknown> {
  const seconds = Math.min(Math.max(Math.ceil((date.getTime() - now.getTime()) / 1000), 1), MAX_RENDER_AHEAD_SECONDS);
  return unstable_cache(async () => date.toISOString(), ['render-again-at', date.toISOString()], { revalidate: seconds })();
}

/** Published comment count of each article, for the home page. */
export async function getCommentCounts(articles: ThreadArticle[]): Promise<Record<string, number>> {
  const counts = await Promise.all(articles.map(async (article) => [article.slug, (await getCommentThread(article)).count] as const));
  return Object.fromEntries(counts);
}
