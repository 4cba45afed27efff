import { getConfig } from '@/lib/config';
import { getArticle } from '@/lib/content/articles';
import type { Database } from '@/lib/db/client';
import { approvalNotice, type MailComment } from './mail';
import { subscriberNotification, subscriberNotificationStatement, type AnnouncedComment } from './notify';

type Transaction = Pick<Database, '$executeRawUnsafe' | 'subscription' | 'outboxMessage'>;

/**
 * Writes, in the caller's transaction, the subscribers' notices of comments that the author's
 * pages publish (a held comment approved, the author's reply): the same notices as posting's.
 */
export async function announceToSubscribers(
  tx: Pick<Database, '$executeRawUnsafe'>,
  provider: 'sqlite' | 'postgresql',
  comments: (AnnouncedComment & { articleSlug: string })[],
  now = new Date(),
): Promise<void> {
  const statement = subscriberNotificationStatement(provider);
  for (const comment of comments) {
    await tx.$executeRawUnsafe(statement.sql, ...statement.values(subscriberNotification({ slug: comment.articleSlug })(comment), now));
  }
}

/**
 * Tells the writers of held comments the author just approved, in the approval's transaction:
 * one e-mail each, to those who asked to follow the discussion and confirmed their address (an
 * unconfirmed address receives nothing but its confirmation). Returns how many were queued.
 */
export async function announceApproval(tx: Transaction, comments: (MailComment & { articleSlug: string; authorEmail: string })[], now = new Date()): Promise<number> {
  let queued = 0;
  for (const comment of comments) {
    const subscription = await tx.subscription.findFirst({
      where: {
        email: comment.authorEmail.toLowerCase(),
        articleSlug: comment.articleSlug,
        status: 'confirmed',
        OR: [{ scope: 'replies', commentId: comment.id }, { scope: 'article' }],
      },
      // Its own thread's subscription first: its unsubscribe link ends what this comment started.
      orderBy: [{ commentId: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
      select: { unsubscribeToken: true },
    });
    const article = subscription ? await getArticle(comment.articleSlug) : undefined;
    if (!subscription || !article) continue;
    const mail = approvalNotice({ article, comment, siteUrl: getConfig().SITE_URL, unsubscribeToken: subscription.unsubscribeToken });
    await tx.outboxMessage.create({
      data: { kind: 'approval-notice', to: comment.authorEmail.toLowerCase(), subject: mail.subject, text: mail.text, html: mail.html, headers: JSON.stringify(mail.headers), nextAttemptAt: now, createdAt: now },
    });
    queued += 1;
  }
  return queued;
}
