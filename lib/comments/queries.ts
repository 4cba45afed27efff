import 'server-only';
import { unstable_cache } from 'next/cache';
import { db } from '@/lib/db';
import { ALL_COMMENTS_TAG, commentsTag } from './cache-tags';
import { readCommentThread, type CommentThread, type ThreadArticle } from './thread';

export type { CommentThread, PublicComment } from './thread';

const readCachedThread = (slug: string, comments: ThreadArticle['comments'], publishedAt: string) =>
  readCommentThread(db, slug, comments, publishedAt);

/**
 * The published comments of an article, oldest first, replies under their parent. Cached until a
 * write to that article invalidates its tag.
 */
export function getCommentThread(article: ThreadArticle): Promise<CommentThread> {
  // The revalidate period is a safety net for closings that happen by the clock (schedule, age limit).
  return unstable_cache(readCachedThread, ['comment-thread', article.slug], {
    tags: [commentsTag(article.slug), ALL_COMMENTS_TAG],
    revalidate: 60,
  })(
    article.slug,
    article.comments,
    article.date.toISOString(),
  );
}

/** Published comment count of each article, for the home page. */
export async function getCommentCounts(articles: ThreadArticle[]): Promise<Record<string, number>> {
  const counts = await Promise.all(articles.map(async (article) => [article.slug, (await getCommentThread(article)).count] as const));
  return Object.fromEntries(counts);
}
