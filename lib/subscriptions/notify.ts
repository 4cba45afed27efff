import { commentPermalinkPath } from '@/lib/comments/paging';
import type { StoredComment } from '@/lib/comments/posting/result';
import { ONE_CLICK_UNSUBSCRIBE, UNSUBSCRIBE_PAGE } from './links';

/**
 * One published comment's notification to the article's subscribers, in pieces: each subscriber's
 * message is `textBefore + token + textAfter` (and the same for the headers), put together by the
 * database in one INSERT … SELECT inside the comment's transaction.
 */
export type SubscriberNotification = {
  slug: string;
  /** The thread the comment joined (replies subscriptions), or 0 for a top-level comment. */
  threadId: number;
  /** The comment's author, who is never told of their own comment. */
  authorEmail: string;
  subject: string;
  textBefore: string;
  textAfter: string;
  headersBefore: string;
  headersAfter: string;
};

export type AnnouncedComment = Pick<StoredComment, 'id' | 'parentId' | 'authorName' | 'authorEmail' | 'body'>;

export type SubscriberMail = (comment: AnnouncedComment) => SubscriberNotification;

const TOKEN = '{{jeton}}';

/** The subscribers' notification of each published comment of this article. */
export function subscriberNotification(article: { slug: string; title: string }, siteUrl: string): SubscriberMail {
  // Header text holds no reader's input: the token's place is found by splitting around a marker.
  const headers = JSON.stringify({ 'List-Unsubscribe': `<${siteUrl}${ONE_CLICK_UNSUBSCRIBE}${TOKEN}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  const [headersBefore = '', headersAfter = ''] = headers.split(TOKEN);
  return (comment) => ({
    slug: article.slug,
    threadId: comment.parentId ?? 0,
    authorEmail: comment.authorEmail,
    subject: `Nouveau commentaire sur « ${article.title} »`,
    textBefore: [
      `${comment.authorName} a écrit sur « ${article.title} » :`,
      '',
      comment.body,
      '',
      `Lire le commentaire : ${siteUrl}${commentPermalinkPath(article.slug, comment.id)}`,
      '',
      '—',
      'Vous recevez ce message parce que vous avez demandé à être prévenu(e) des nouveaux commentaires.',
      `Pour ne plus les recevoir : ${siteUrl}${UNSUBSCRIBE_PAGE}`,
    ].join('\n'),
    textAfter: '\n',
    headersBefore,
    headersAfter,
  });
}

/**
 * The INSERT … SELECT of the subscribers' messages: confirmed subscriptions to the article, and
 * to the thread the comment replies to (unless the same address follows the whole article: one
 * message each), never the comment's own author. Named parameters `:name`, turned into each
 * driver's placeholders by `placeholder`.
 */
export function subscriberNotificationSql(placeholder: (name: keyof SubscriberNotification | 'now', cast: string) => string): string {
  const p = placeholder;
  return `INSERT INTO "OutboxMessage" ("kind", "to", "subject", "text", "headers", "status", "attempts", "nextAttemptAt", "createdAt")
    SELECT 'subscriber-notification', s."email", ${p('subject', '::text')},
           ${p('textBefore', '::text')} || s."unsubscribeToken" || ${p('textAfter', '::text')},
           ${p('headersBefore', '::text')} || s."unsubscribeToken" || ${p('headersAfter', '::text')},
           'waiting', 0, ${p('now', '::timestamp(3)')}, ${p('now', '::timestamp(3)')}
      FROM "Subscription" s
     WHERE s."articleSlug" = ${p('slug', '::text')} AND s."status" = 'confirmed' AND s."email" <> ${p('authorEmail', '::text')}
       AND (s."scope" = 'article'
         OR (s."scope" = 'replies' AND s."commentId" = ${p('threadId', '::int')}
             AND NOT EXISTS (SELECT 1 FROM "Subscription" a
                              WHERE a."articleSlug" = s."articleSlug" AND a."email" = s."email" AND a."scope" = 'article' AND a."status" = 'confirmed')))`;
}

/**
 * The same INSERT … SELECT through Prisma, for writes made with it (the author approving a held
 * comment): `?` placeholders on SQLite (dates as Prisma stores them), `$n` on PostgreSQL.
 */
export function subscriberNotificationStatement(provider: 'sqlite' | 'postgresql') {
  const order: (keyof SubscriberNotification | 'now')[] = [];
  const sql = subscriberNotificationSql((name, cast) => {
    if (provider === 'sqlite') {
      order.push(name);
      return '?';
    }
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}${cast}`;
  });
  return {
    sql,
    values: (notification: SubscriberNotification, now: Date) =>
      order.map((name) => (name === 'now' ? (provider === 'sqlite' ? now.toISOString().replace('Z', '+00:00') : now) : notification[name])),
  };
}
