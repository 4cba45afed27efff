import { getConfig } from '@/lib/config';
import { getArticle } from '@/lib/content/articles';
import type { Database } from '@/lib/db/client';
import { TIMESTAMP as ts, rawSqlDialect, type RawSqlDialect } from '@/lib/db/raw-sql';
import { MAX_COMMENTS_PER_MAIL, subscriberDigest, type MailComment } from './mail';

/** When a subscriber's notices become one e-mail. */
export type GatherPolicy = {
  /** A first notice waits this long for the comments that follow it (a busy minute makes one e-mail). */
  delayMs: number;
  /** At most one e-mail per subscription (a subscriber and a thread) in this time. */
  intervalMs: number;
};

export const gatherPolicy = (): GatherPolicy => {
  const config = getConfig();
  return { delayMs: config.SUBSCRIBER_MAIL_DELAY_SECONDS * 1000, intervalMs: config.SUBSCRIBER_MAIL_INTERVAL_MINUTES * 60_000 };
};

/** Subscriptions gathered per statement (the round goes on until none is due). */
const BATCH = 50;

type DueSubscription = { id: number; email: string; articleSlug: string; scope: string; status: string; unsubscribeToken: string; lastNotifiedAt: Date | string | null };

/** Thrown to roll a subscription's transaction back when another sender gathered it first. */
class NothingToGather extends Error {}

/**
 * Turns the due notices into e-mails in the outbox: for each subscription whose first notice
 * waited `delayMs` and whose last e-mail is `intervalMs` old, one e-mail with the comments that
 * are still published (a comment deleted or taken for spam meanwhile is left out). Each
 * subscription is gathered in its own transaction, claimed by a conditional UPDATE of its row: two
 * senders never gather it twice, and a crash leaves its notices for the next round.
 * Returns how many e-mails were queued.
 */
export async function gatherNotices(db: Database, options: { now: Date; policy?: GatherPolicy; siteUrl?: string }): Promise<number> {
  const policy = options.policy ?? gatherPolicy();
  const siteUrl = options.siteUrl ?? getConfig().SITE_URL;
  const dialect = rawSqlDialect(db);
  const { param: p, date: at } = dialect;
  const { now } = options;
  const windowStart = new Date(now.getTime() - policy.intervalMs);
  let queued = 0;
  let afterId = 0;
  for (;;) {
    const due = await db.$queryRawUnsafe<DueSubscription[]>(
      `SELECT s."id", s."email", s."articleSlug", s."scope", s."status", s."unsubscribeToken", s."lastNotifiedAt"
         FROM (SELECT "subscriptionId", MIN("createdAt") AS "firstAt" FROM "SubscriptionNotice" GROUP BY "subscriptionId") n
         JOIN "Subscription" s ON s."id" = n."subscriptionId"
        WHERE n."firstAt" <= ${p(1, ts)} AND (s."lastNotifiedAt" IS NULL OR s."lastNotifiedAt" <= ${p(2, ts)}) AND s."id" > ${p(3, '::int')}
        ORDER BY s."id" LIMIT ${p(4, '::int')}`,
      at(new Date(now.getTime() - policy.delayMs)),
      at(windowStart),
      afterId,
      BATCH,
    );
    for (const row of due) {
      const subscription = { ...row, id: Number(row.id) };
      if (subscription.status !== 'confirmed') {
        // Ended after its notices were written: they are dropped.
        await db.$executeRawUnsafe(`DELETE FROM "SubscriptionNotice" WHERE "subscriptionId" = ${p(1, '::int')}`, subscription.id);
        continue;
      }
      if (await gatherOne(db, subscription, { now, windowStart, siteUrl, dialect })) queued += 1;
    }
    if (due.length < BATCH) return queued;
    afterId = Number(due.at(-1)?.id);
  }
}

async function gatherOne(
  db: Database,
  subscription: DueSubscription,
  context: { now: Date; windowStart: Date; siteUrl: string; dialect: RawSqlDialect },
): Promise<boolean> {
  const { param: p, date: at } = context.dialect;
  const article = await getArticle(subscription.articleSlug);
  try {
    return await db.$transaction(async (tx) => {
      // The claim: on PostgreSQL a second sender waits for this row, then finds it no longer due.
      const claimed = await tx.$executeRawUnsafe(
        `UPDATE "Subscription" SET "lastNotifiedAt" = ${p(1, ts)}
          WHERE "id" = ${p(2, '::int')} AND "status" = 'confirmed' AND ("lastNotifiedAt" IS NULL OR "lastNotifiedAt" <= ${p(3, ts)})`,
        at(context.now),
        subscription.id,
        at(context.windowStart),
      );
      if (claimed === 0) throw new NothingToGather();
      // Notices written after this point wait for the next e-mail.
      const [last] = await tx.$queryRawUnsafe<{ last: number | bigint | null }[]>(
        `SELECT MAX("id") AS "last" FROM "SubscriptionNotice" WHERE "subscriptionId" = ${p(1, '::int')}`,
        subscription.id,
      );
      if (last?.last == null) throw new NothingToGather();
      const lastId = Number(last.last);
      const published = `FROM "SubscriptionNotice" n JOIN "Comment" c ON c."id" = n."commentId"
        WHERE n."subscriptionId" = ${p(1, '::int')} AND n."id" <= ${p(2, '::int')} AND c."status" = 'published'`;
      const comments = await tx.$queryRawUnsafe<(Omit<MailComment, 'createdAt' | 'isAuthor'> & { createdAt: Date | string; isAuthor: boolean | number })[]>(
        `SELECT DISTINCT c."id", c."authorName", c."body", c."createdAt", c."isAuthor" ${published} ORDER BY c."createdAt", c."id" LIMIT ${p(3, '::int')}`,
        subscription.id,
        lastId,
        MAX_COMMENTS_PER_MAIL,
      );
      const [count] = await tx.$queryRawUnsafe<{ total: number | bigint }[]>(`SELECT COUNT(DISTINCT c."id") AS "total" ${published}`, subscription.id, lastId);
      await tx.$executeRawUnsafe(`DELETE FROM "SubscriptionNotice" WHERE "subscriptionId" = ${p(1, '::int')} AND "id" <= ${p(2, '::int')}`, subscription.id, lastId);
      const total = Number(count?.total ?? 0);
      if (total === 0 || !article) {
        // Nothing left to tell (every comment was removed): the interval is not spent.
        const previous = subscription.lastNotifiedAt === null ? null : new Date(subscription.lastNotifiedAt);
        await tx.$executeRawUnsafe(`UPDATE "Subscription" SET "lastNotifiedAt" = ${p(1, ts)} WHERE "id" = ${p(2, '::int')}`, previous && at(previous), subscription.id);
        return false;
      }
      const mail = subscriberDigest({
        article,
        scope: subscription.scope === 'replies' ? 'replies' : 'article',
        comments: comments.map((comment) => ({ ...comment, id: Number(comment.id), createdAt: new Date(comment.createdAt), isAuthor: Boolean(comment.isAuthor) })),
        total,
        siteUrl: context.siteUrl,
        unsubscribeToken: subscription.unsubscribeToken,
      });
      await tx.outboxMessage.create({
        data: {
          kind: 'subscriber-notification',
          to: subscription.email,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: JSON.stringify(mail.headers),
          nextAttemptAt: context.now,
          createdAt: context.now,
        },
      });
      return true;
    });
  } catch (error) {
    if (error instanceof NothingToGather) return false;
    throw error;
  }
}
