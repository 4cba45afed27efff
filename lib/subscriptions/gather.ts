import { getConfig } from '@/lib/config';
import { getArticle } from '@/lib/content/articles';
import type { Kysely } from 'kysely';
import { targetOf, type Database } from '@/lib/db/client';
import { execute, queryRows, type Provider } from '@/lib/db/kysely';
import type { DB } from '@/lib/generated/kysely/types';
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
  const { provider } = targetOf(db);
  const { now } = options;
  const windowStart = new Date(now.getTime() - policy.intervalMs);
  const firstDue = new Date(now.getTime() - policy.delayMs);
  let queued = 0;
  let afterId = 0;
  for (;;) {
    const due = await queryRows<DueSubscription>(db, provider, (k) =>
      k.selectFrom(k.selectFrom('SubscriptionNotice').select((eb) => ['subscriptionId', eb.fn.min('createdAt').as('firstAt')]).groupBy('subscriptionId').as('n'))
        .innerJoin('Subscription as s', 's.id', 'n.subscriptionId')
        .select(['s.id', 's.email', 's.articleSlug', 's.scope', 's.status', 's.unsubscribeToken', 's.lastNotifiedAt'])
        .where('n.firstAt', '<=', firstDue)
        .where((eb) => eb.or([eb('s.lastNotifiedAt', 'is', null), eb('s.lastNotifiedAt', '<=', windowStart)]))
        .where('s.id', '>', afterId)
        .orderBy('s.id')
        .limit(BATCH),
    );
    for (const row of due) {
      const subscription = { ...row, id: Number(row.id) };
      if (subscription.status !== 'confirmed') {
        // Ended after its notices were written: they are dropped.
        await db.subscriptionNotice.deleteMany({ where: { subscriptionId: subscription.id } });
        continue;
      }
      if (await gatherOne(db, subscription, { now, windowStart, siteUrl, provider })) queued += 1;
    }
    if (due.length < BATCH) return queued;
    afterId = Number(due.at(-1)?.id);
  }
}

/** The published comments among a subscription's notices up to `lastId`. */
const publishedNoticed = (k: Kysely<DB>, subscriptionId: number, lastId: number) =>
  k.selectFrom('SubscriptionNotice as n').innerJoin('Comment as c', 'c.id', 'n.commentId')
    .where('n.subscriptionId', '=', subscriptionId).where('n.id', '<=', lastId).where('c.status', '=', 'published');

async function gatherOne(
  db: Database,
  subscription: DueSubscription,
  context: { now: Date; windowStart: Date; siteUrl: string; provider: Provider },
): Promise<boolean> {
  const { provider } = context;
  const article = await getArticle(subscription.articleSlug);
  try {
    return await db.$transaction(async (tx) => {
      // The claim: on PostgreSQL a second sender waits for this row, then finds it no longer due.
      const claimed = await execute(tx, provider, (k) =>
        k.updateTable('Subscription').set({ lastNotifiedAt: context.now })
          .where('id', '=', subscription.id).where('status', '=', 'confirmed')
          .where((eb) => eb.or([eb('lastNotifiedAt', 'is', null), eb('lastNotifiedAt', '<=', context.windowStart)])),
      );
      if (claimed === 0) throw new NothingToGather();
      // Notices written after this point wait for the next e-mail.
      const last = await tx.subscriptionNotice.aggregate({ _max: { id: true }, where: { subscriptionId: subscription.id } });
      if (last._max.id == null) throw new NothingToGather();
      const lastId = last._max.id;
      const comments = await queryRows<Omit<MailComment, 'createdAt' | 'isAuthor'> & { createdAt: Date | string; isAuthor: boolean | number }>(tx, provider, (k) =>
        publishedNoticed(k, subscription.id, lastId).select(['c.id', 'c.authorName', 'c.body', 'c.createdAt', 'c.isAuthor']).distinct()
          .orderBy('c.createdAt').orderBy('c.id').limit(MAX_COMMENTS_PER_MAIL),
      );
      const [count] = await queryRows<{ total: number | bigint }>(tx, provider, (k) =>
        publishedNoticed(k, subscription.id, lastId).select((eb) => eb.fn.count('c.id').distinct().as('total')),
      );
      await tx.subscriptionNotice.deleteMany({ where: { subscriptionId: subscription.id, id: { lte: lastId } } });
      const total = Number(count?.total ?? 0);
      if (total === 0 || !article) {
        // Nothing left to tell (every comment was removed): the interval is not spent.
        const previous = subscription.lastNotifiedAt === null ? null : new Date(subscription.lastNotifiedAt);
        await tx.subscription.updateMany({ where: { id: subscription.id }, data: { lastNotifiedAt: previous } });
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
