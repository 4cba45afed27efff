import type { Database } from '@/lib/db/client';
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

/**
 * Records a reader's subscriptions as pending and queues, in the same transaction, the e-mail
 * whose signed link confirms them (double opt-in: nothing is sent to the address before). A
 * subscription the address already confirmed is not asked again; a pending one is asked again.
 * Returns whether a confirmation e-mail was queued.
 */
export async function requestSubscriptions(db: Database, request: SubscriptionRequest, settings: { siteUrl: string; secret: string; now?: Date }): Promise<boolean> {
  const now = settings.now ?? new Date();
  const email = request.email.toLowerCase();
  const scopes = [...new Set(request.scopes)];
  if (scopes.length === 0) return false;
  return db.$transaction(async (tx) => {
    const ids: number[] = [];
    for (const scope of scopes) {
      const commentId = scope === 'replies' ? request.threadId : null;
      const existing = await tx.subscription.findFirst({
        where: { email, articleSlug: request.article.slug, scope, commentId, status: { in: ['pending', 'confirmed'] } },
        select: { id: true, status: true },
        orderBy: { id: 'desc' },
      });
      if (existing?.status === 'confirmed') continue;
      const subscription =
        existing ??
        (await tx.subscription.create({
          data: { email, articleSlug: request.article.slug, scope, commentId, unsubscribeToken: newUnsubscribeToken(), createdAt: now },
          select: { id: true },
        }));
      ids.push(subscription.id);
    }
    if (ids.length === 0) return false;
    const link = `${settings.siteUrl}${confirmationPath(signConfirmation(ids, new Date(now.getTime() + CONFIRMATION_DAYS * 86_400_000), settings.secret))}`;
    await tx.outboxMessage.create({
      data: {
        kind: 'subscription-confirmation',
        to: email,
        subject: `Confirmez votre abonnement aux commentaires de « ${request.article.title} »`,
        text: [
          'Bonjour,',
          '',
          `Vous avez demandé à être prévenu(e) par e-mail, sur « ${request.article.title} », ${scopes.map((scope) => SCOPE_TEXT[scope]).join(' et ')}.`,
          '',
          `Pour le confirmer, ouvrez ce lien (valable ${CONFIRMATION_DAYS} jours) :`,
          link,
          '',
          'Si vous n’avez rien demandé, ignorez ce message : vous ne recevrez rien d’autre.',
        ].join('\n'),
        nextAttemptAt: now,
        createdAt: now,
      },
    });
    return true;
  });
}

export type SubscriptionOutcome = { ok: true; message: string } | { ok: false; message: string };

/** Confirms the subscriptions of a signed, unexpired confirmation link. */
export async function confirmSubscriptions(db: Database, params: Partial<ConfirmationParams>, secret: string, now = new Date()): Promise<SubscriptionOutcome> {
  const check = verifyConfirmation(params, secret, now);
  if (!check.ok) return { ok: false, message: check.reason === 'expired' ? LINK_EXPIRED : LINK_INVALID };
  const { count } = await db.subscription.updateMany({ where: { id: { in: check.ids }, status: 'pending' }, data: { status: 'confirmed', confirmedAt: now } });
  const confirmed = await db.subscription.count({ where: { id: { in: check.ids }, status: 'confirmed' } });
  if (count === 0 && confirmed === 0) return { ok: false, message: LINK_INVALID };
  return { ok: true, message: 'Abonnement confirmé : vous serez prévenu(e) par e-mail des nouveaux commentaires.' };
}

export const LINK_INVALID = 'Ce lien de confirmation n’est pas valide.';
export const LINK_EXPIRED = 'Ce lien de confirmation a expiré : cochez de nouveau la case en commentant.';

/** Ends the subscription of an unsubscribe token. Whether the token was known. */
export async function unsubscribe(db: Database, token: string, now = new Date()): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return false;
  const subscription = await db.subscription.findUnique({ where: { unsubscribeToken: token }, select: { status: true } });
  if (!subscription) return false;
  await db.subscription.updateMany({ where: { unsubscribeToken: token, status: { not: 'unsubscribed' } }, data: { status: 'unsubscribed', unsubscribedAt: now } });
  return true;
}

/** What the unsubscribe page shows about a token: its article, or null when unknown. */
export async function findSubscriptionByToken(db: Database, token: string) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  return db.subscription.findUnique({ where: { unsubscribeToken: token }, select: { articleSlug: true, status: true } });
}
