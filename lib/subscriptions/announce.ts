import { getConfig } from '@/lib/config';
import { getArticle } from '@/lib/content/articles';
import type { Database } from '@/lib/db/client';
import { subscriberNotification, subscriberNotificationStatement, type AnnouncedComment } from './notify';

type RawExecutor = Pick<Database, '$executeRawUnsafe'>;

/**
 * Queues, in the caller's transaction, the subscribers' messages of comments that the author's
 * pages publish (a held comment approved, the author's reply): the same messages as posting's.
 */
export async function announceToSubscribers(
  tx: RawExecutor,
  provider: 'sqlite' | 'postgresql',
  comments: (AnnouncedComment & { articleSlug: string })[],
  now = new Date(),
): Promise<void> {
  const statement = subscriberNotificationStatement(provider);
  for (const comment of comments) {
    const article = await getArticle(comment.articleSlug);
    if (!article) continue;
    await tx.$executeRawUnsafe(statement.sql, ...statement.values(subscriberNotification(article, getConfig().SITE_URL)(comment), now));
  }
}
