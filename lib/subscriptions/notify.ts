/**
 * What a published comment tells its article's subscribers: a notice per subscription, written
 * in the comment's transaction and gathered later into one e-mail (lib/subscriptions/gather.ts).
 */
export type SubscriberNotification = {
  slug: string;
  /** The thread the comment joined (replies subscriptions), or 0 for a top-level comment. */
  threadId: number;
  /** The comment's author, who is never told of their own comment. */
  authorEmail: string;
  commentId: number;
};

/** What a notice needs of the comment (a stored comment has more: lib/comments/posting/result.ts). */
export type AnnouncedComment = { id: number; parentId: number | null; authorEmail: string };

export type SubscriberMail = (comment: AnnouncedComment) => SubscriberNotification;

/** The subscribers' notices of each published comment of this article. */
export function subscriberNotification(article: { slug: string }): SubscriberMail {
  return (comment) => ({ slug: article.slug, threadId: comment.parentId ?? 0, authorEmail: comment.authorEmail.toLowerCase(), commentId: comment.id });
}

/**
 * The INSERT … SELECT of the notices: confirmed subscriptions to the article, and to the thread
 * the comment replies to (unless the same address follows the whole article: one notice each),
 * never the comment's own author. Named parameters `:name`, turned into each driver's
 * placeholders by `placeholder`; `alongside`, a row source joined to the subscriptions (the
 * comments of a batch, whose columns the placeholders then name).
 */
export function subscriberNotificationSql(placeholder: (name: keyof SubscriberNotification | 'now', cast: string) => string, alongside = ''): string {
  const p = placeholder;
  return `INSERT INTO "SubscriptionNotice" ("subscriptionId", "commentId", "createdAt")
    SELECT s."id", ${p('commentId', '::int')}, ${p('now', '::timestamp(3)')}
      FROM "Subscription" s${alongside ? `, ${alongside}` : ''}
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
