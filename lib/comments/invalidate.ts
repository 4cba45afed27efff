import 'server-only';
import { revalidateTag } from 'next/cache';
import { commentsTag } from './cache-tags';

/**
 * Expires an article's comment thread at once (not stale-while-revalidate), so the very next load
 * of its page, the home page or its feed shows the change.
 */
export function invalidateComments(slug: string): void {
  revalidateTag(commentsTag(slug), { expire: 0 });
}
