import 'server-only';
import { unstable_cache } from 'next/cache';
import type { Database } from '@/lib/db/client';
import { ALL_COMMENTS_TAG, wholeThreadTags } from '@/lib/comments/cache-tags';

/** How many comments an article's feed holds: the latest, whatever the length of the thread. */
export const FEED_SIZE = 50;

/** What a feed shows of a comment: no e-mail, no IP hash. Date as an ISO string (cache-safe). */
export type FeedComment = {
  id: number;
  authorName: string;
  body: string;
  createdAt: string;
};

/** The newest published comments of an article, replies included, newest first (uncached). */
export async function readLatestComments(db: Pick<Database, 'comment'>, slug: string, limit = FEED_SIZE): Promise<FeedComment[]> {
  const rows = await db.comment.findMany({
    where: { articleSlug: slug, status: 'published' },
    // The (articleSlug, status, createdAt) index hands them over in this order: no sort of the thread.
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: { id: true, authorName: true, body: true, createdAt: true },
  });
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/**
 * The same, cached under the tags of the article's thread. A new comment always moves the article
 * page's tag (its count changes), moderation and edits the whole thread's: each renews the feed too.
 */
export function getLatestComments(db: Pick<Database, 'comment'>, slug: string): Promise<FeedComment[]> {
  return unstable_cache((key: string) => readLatestComments(db, key), ['comments-feed', slug], {
    tags: [ALL_COMMENTS_TAG, ...wholeThreadTags(slug)],
    revalidate: false,
  })(slug);
}
