import type { Database } from '@/lib/db/client';
import { confirmationMail } from './mail';
import { SITE_LISTS, siteListConfirmationNote, type SiteList } from './site-lists';
import { CONFIRMATION_DAYS, confirmationPath, newUnsubscribeToken, signConfirmation, verifyConfirmation, type ConfirmationParams } from './links';

export type SubscriptionScope = 'replies' | 'article';

export type SubscriptionRequest = {
  email: string;
  article: { slug: string; title: string };
  /** The thread whose replies are announced (the comment, or the one it replies to). */
  threadId: number;
  scopes: SubscriptionScope[];
};

const SCOPE_TEXT: Record<SubscriptionScope, string> = {
  replies: 'des réponses à votre commentaire',
  article: 'de tous les nouveaux commentaires de cet article',
};

/** How long an address stays confirmed: a new subscription within this time is not asked again. */
export const CONFIRMED_ADDRESS_DAYS = 365;

/** What became of a reader's request: a confirmation e-mail queued, subscribed at once, or nothing to do. */
export type SubscriptionRequestOutcome = 'asked' | 'subscribed' | 'none';

/**
 * When the address was last proven by its owner (a confirmation link followed), if it still
 * counts: within CONFIRMED_ADDRESS_DAYS, and not followed by an unsubscription (an address that
 * said stop is asked again before anything restarts).
 */
async function provenSince(tx: Pick<Database, 'subscription'>, email: string, now: Date): Promise<Date | null> {
  const latest = await tx.subscription.findFirst({
    where: { email, confirmedAt: { gte: new Date(now.getTime() - CONFIRMED_ADDRESS_DAYS * 86_400_000) } },
    orderBy: { confirmedAt: 'desc' },
    select: { confirmedAt: true },
  });
  if (!latest?.confirmedAt) return null;
  const stopped = await tx.subscription.count({ where: { email, unsubscribedAt: { gt: latest.confirmedAt } } });
  return stopped > 0 ? null : latest.confirmedAt;
}

/**
 * Records a reader's subscriptions and, for an address not proven lately, queues in the same
 * transaction the e-mail whose signed link confirms them (double opt-in: nothing else is sent to
 * the address before). An address confirmed within CONFIRMED_ADDRESS_DAYS is subscribed at once,
 * keeping the date it was proven, so the year counts from the owner's own click.
 */
export async function requestSubscriptions(
  db: Database,
  request: SubscriptionRequest,
  settings: { siteUrl: string; secret: string; now?: Date },
): Promise<SubscriptionRequestOutcome> {
  const now = settings.now ?? new Date();
  const email = request.email.toLowerCase();
  const scopes = [...new Set(request.scopes)];
  if (scopes.length === 0) return 'none';
  return db.$transaction(async (tx) => {
    const proven = await provenSince(tx, email, now);
    const ids: number[] = [];
    for (const scope of scopes) {
      const commentId = scope === 'replies' ? request.threadId : null;
      const existing = await tx.subscription.findFirst({
        where: { email, articleSlug: request.article.slug, scope, commentId, status: { in: ['pending', 'confirmed'] } },
        select: { id: true, status: true },
        orderBy: { id: 'desc' },
      });
      if (existing?.status === 'confirmed') continue;
      if (proven) {
        if (existing) await tx.subscription.update({ where: { id: existing.id }, data: { status: 'confirmed', confirmedAt: proven } });
        else {
          await tx.subscription.create({
            data: { email, articleSlug: request.article.slug, scope, commentId, status: 'confirmed', confirmedAt: proven, unsubscribeToken: newUnsubscribeToken(), createdAt: now },
          });
        }
        continue;
      }
      const subscription =
        existing ??
        (await tx.subscription.create({
          data: { email, articleSlug: request.article.slug, scope, commentId, unsubscribeToken: newUnsubscribeToken(), createdAt: now },
          select: { id: true },
        }));
      ids.push(subscription.id);
    }
    if (proven) return 'subscribed';
    if (ids.length === 0) return 'none';
    const link = `${settings.siteUrl}${confirmationPath(signConfirmation(ids, new Date(now.getTime() + CONFIRMATION_DAYS * 86_400_000), settings.secret))}`;
    const mail = confirmationMail({ articleTitle: request.article.title, what: scopes.map((scope) => SCOPE_TEXT[scope]).join(' et '), link });
    await tx.outboxMessage.create({
      data: { kind: 'subscription-confirmation', to: email, subject: mail.subject, text: mail.text, html: mail.html, nextAttemptAt: now, createdAt: now },
    });
    return 'asked';
  });
}

export type SubscriptionOutcome = { ok: true; message: string } | { ok: false; message: string };

/**
 * Confirms the subscriptions of a signed, unexpired confirmation link. For the site's lists, the
 * answer says what comes next: past the release, that the book is out and nothing more will come.
 */
export async function confirmSubscriptions(
  db: Database,
  params: Partial<ConfirmationParams>,
  secret: string,
  now = new Date(),
  book?: { release: Date },
): Promise<SubscriptionOutcome> {
  const check = verifyConfirmation(params, secret, now);
  if (!check.ok) return { ok: false, message: check.reason === 'expired' ? LINK_EXPIRED : LINK_INVALID };
  const { count } = await db.subscription.updateMany({ where: { id: { in: check.ids }, status: 'pending' }, data: { status: 'confirmed', confirmedAt: now } });
  const confirmed = await db.subscription.findMany({ where: { id: { in: check.ids }, status: 'confirmed' }, select: { scope: true } });
  if (count === 0 && confirmed.length === 0) return { ok: false, message: LINK_INVALID };
  const lists = confirmed.map((row) => row.scope).filter((scope): scope is SiteList => (SITE_LISTS as readonly string[]).includes(scope));
  if (lists.length > 0 && book) return { ok: true, message: `Inscription confirmée. ${siteListConfirmationNote(lists, book, now) ?? ''}`.trim() };
  return { ok: true, message: 'Abonnement confirmé : vous serez prévenu(e) par e-mail des nouveaux commentaires.' };
}

export const LINK_INVALID = 'Ce lien de confirmation n’est pas valide.';
export const LINK_EXPIRED = 'Ce lien de confirmation a expiré : cochez de nouveau la case en commentant.';

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{16,64}$/;

/** Ends the subscription of an unsubscribe token, and drops what it had not been told yet. Whether the token was known. */
export async function unsubscribe(db: Database, token: string, now = new Date()): Promise<boolean> {
  if (!TOKEN_FORMAT.test(token)) return false;
  return db.$transaction(async (tx) => {
    const subscription = await tx.subscription.findUnique({ where: { unsubscribeToken: token }, select: { id: true } });
    if (!subscription) return false;
    await tx.subscription.updateMany({ where: { id: subscription.id, status: { not: 'unsubscribed' } }, data: { status: 'unsubscribed', unsubscribedAt: now } });
    await tx.subscriptionNotice.deleteMany({ where: { subscriptionId: subscription.id } });
    return true;
  });
}

/** Ends every subscription of the address a token belongs to. How many were running, or null for an unknown token. */
export async function unsubscribeAll(db: Database, token: string, now = new Date()): Promise<number | null> {
  if (!TOKEN_FORMAT.test(token)) return null;
  return db.$transaction(async (tx) => {
    const subscription = await tx.subscription.findUnique({ where: { unsubscribeToken: token }, select: { email: true } });
    if (!subscription) return null;
    const { count } = await tx.subscription.updateMany({
      where: { email: subscription.email, status: { not: 'unsubscribed' } },
      data: { status: 'unsubscribed', unsubscribedAt: now },
    });
    await tx.subscriptionNotice.deleteMany({ where: { subscription: { email: subscription.email } } });
    return count;
  });
}

/** Subscriptions the management page lists at most (« tout arrêter » ends the others too). */
const MANAGED_SUBSCRIPTIONS_SHOWN = 100;

/**
 * What the management page shows for a token: its address, that subscription, and the address's
 * running subscriptions (confirmed or waiting for confirmation), newest first. Null when unknown.
 */
export async function findSubscriptionsOfToken(db: Database, token: string) {
  if (!TOKEN_FORMAT.test(token)) return null;
  const own = await db.subscription.findUnique({ where: { unsubscribeToken: token }, select: { email: true, articleSlug: true, status: true } });
  if (!own) return null;
  const where = { email: own.email, status: { in: ['pending', 'confirmed'] } };
  const [running, total] = await Promise.all([
    db.subscription.findMany({
      where,
      orderBy: { id: 'desc' },
      take: MANAGED_SUBSCRIPTIONS_SHOWN,
      select: { id: true, articleSlug: true, scope: true, status: true, unsubscribeToken: true, createdAt: true },
    }),
    db.subscription.count({ where }),
  ]);
  return { email: own.email, own, running, total };
}
