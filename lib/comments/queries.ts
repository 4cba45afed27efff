import 'server-only';
import { unstable_cache } from 'next/cache';
import { PHASE_PRODUCTION_BUILD } from 'next/constants';
import { db } from '@/lib/db';
import { renderAgainAt } from '@/lib/cache/render-again-at';
import { ALL_COMMENTS_TAG, commentHomeTag, commentPageTag, commentRepliesTag, commentsTag } from './cache-tags';
import type { ThreadArticle } from './thread';
import { pageAsOf, readRepliesPage, readThreadPage, type RepliesPage, type ThreadPage } from './thread-page';

export type { PublicComment } from './thread';
export type { RepliesPage, ThreadPage } from './thread-page';

const readCachedPage = (slug: string, comments: ThreadArticle['comments'], publishedAt: string, page: number | 'home') =>
  readThreadPage(db, { slug, comments, publishedAt }, page);

/**
 * One page of an article's comments ('home': the one the article's address shows), and whether it
 * is open now; null for a page beyond the last. Cached until a write changes that page (its own
 * tag) or the whole thread; a closing date to come ties it to the clock (see renderAgainAt).
 */
export async function getThreadPage(article: ThreadArticle, page: number | 'home'): Promise<ThreadPage | null> {
  if (process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) {
    return { isOpen: false, closesAt: null, count: 0, latestAt: null, page: page === 'home' ? 1 : page, pageCount: 1, order: 'oldest', comments: [] };
  }
  const pageTag = page === 'home' ? commentHomeTag(article.slug) : commentPageTag(article.slug, page);
  const stored = await unstable_cache(readCachedPage, ['comment-page', article.slug, String(page)], {
    tags: [commentsTag(article.slug), ALL_COMMENTS_TAG, pageTag],
    revalidate: false,
  })(article.slug, article.comments, article.date.toISOString(), page);
  if (stored.pageCount === 0) return null;
  const now = new Date();
  const thread = pageAsOf(stored, now);
  if (thread.closesAt) await renderAgainAt(new Date(thread.closesAt), now);
  return thread;
}

const readCachedReplies = (slug: string, commentId: number, page: number) => readRepliesPage(db, slug, commentId, page);

/** One page of a top-level comment's replies, or null; cached until a reply to it or a change to the whole thread. */
export async function getRepliesPage(slug: string, commentId: number, page: number): Promise<RepliesPage | null> {
  if (process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return null;
  return unstable_cache(readCachedReplies, ['comment-replies', slug, String(commentId), String(page)], {
    tags: [commentsTag(slug), ALL_COMMENTS_TAG, commentRepliesTag(slug, commentId)],
    revalidate: false,
  })(slug, commentId, page);
}

/** Published comment count of each article, for the site's home page: the article page's, which every new comment renews. */
export async function getCommentCounts(articles: ThreadArticle[]): Promise<Record<string, number>> {
  const counts = await Promise.all(articles.map(async (article) => [article.slug, (await getThreadPage(article, 'home'))?.count ?? 0] as const));
  return Object.fromEntries(counts);
}
