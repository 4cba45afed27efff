import type { Database } from '@/lib/db/client';
import { targetOf } from '@/lib/db/client';
import { lockForTransaction } from '@/lib/db/transaction-lock';
import { formatParisDay } from '@/lib/format-date';
import { CONFIRMATION_DAYS, confirmationPath, newUnsubscribeToken, signConfirmation } from './links';
import escapeHtml from 'escape-html';
import { htmlDocument, link as htmlLink } from './launch-mail';
import type { ReaderMail } from './mail';

/** The site's two lists: told of the book's release, told of each new article. */
export type SiteList = 'release' | 'new-articles';
export const SITE_LISTS: readonly SiteList[] = ['release', 'new-articles'];

/** Their rows in Subscription have no article. */
export const SITE_LIST_SLUG = '';

export const SITE_LIST_TEXT: Record<SiteList, string> = {
  release: 'la parution du livre',
  'new-articles': 'chaque nouvel article du site',
};

const ASKED: Record<SiteList, (bookTitle: string) => string> = {
  release: (bookTitle) => `Vous avez demandé à être prévenu(e) par e-mail de la parution du livre « ${bookTitle} ».`,
  'new-articles': (bookTitle) => `Vous avez demandé à être prévenu(e) par e-mail de chaque nouvel article du site du livre « ${bookTitle} ».`,
};

/** The double opt-in e-mail of a site list: its signed link, and nothing else is sent before it is followed. */
function siteListConfirmationMail(input: { list: SiteList; bookTitle: string; link: string }): Omit<ReaderMail, 'headers'> {
  const subject = input.list === 'release' ? 'Confirmez : être prévenu(e) de la parution' : 'Confirmez : être prévenu(e) des nouveaux articles';
  const asked = ASKED[input.list](input.bookTitle);
  const ignore = 'Si vous n’avez rien demandé, ignorez ce message : vous ne recevrez rien d’autre.';
  const validity = `Pour le confirmer, ouvrez ce lien (valable ${CONFIRMATION_DAYS} jours) :`;
  const text = ['Bonjour,', '', asked, '', validity, input.link, '', ignore].join('\n');
  const html = htmlDocument(subject, `<p>Bonjour,</p><p>${escapeHtml(asked)}</p><p>${escapeHtml(validity)}<br>${htmlLink(input.link, 'Confirmer')}</p><p style="font-size:14px;color:#555">${escapeHtml(ignore)}</p>`);
  return { subject, text, html };
}

export type SiteListOutcome =
  | { ok: true; status: 'asked' | 'subscribed' | 'already'; message: string }
  | { ok: false; reason: 'invalid' | 'limited' | 'released'; message: string; retryAfter?: number };

type Request = { email: string; list: SiteList; ipHash: string };
type Settings = {
  siteUrl: string;
  secret: string;
  now: Date;
  /** The comments' limit, which these requests count in: at most `max` writes per address and window. */
  rateLimit: { max: number; windowSeconds: number } | null;
  book: { fullTitle: string; release: Date };
};

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

/**
 * A reader asks to be told of the release or of new articles: the same double opt-in as the
 * comments' subscriptions (a signed link, then a button), an address proven within the year
 * subscribed at once. Counts in the address's rate limit with its comments; writes nothing when refused.
 */
export async function requestSiteList(db: Database, request: Request, settings: Settings): Promise<SiteListOutcome> {
  const email = request.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) return { ok: false, reason: 'invalid', message: 'Adresse e-mail invalide : vérifiez-la, par exemple nom@exemple.fr.' };
  const { now } = settings;
  if (request.list === 'release' && settings.book.release <= now) {
    return { ok: false, reason: 'released', message: `Le livre est paru le ${formatParisDay(settings.book.release)} : il est en librairie.` };
  }
  const { provider } = targetOf(db);
  return db.$transaction(async (tx): Promise<SiteListOutcome> => {
    // The address's writes wait for each other (the posting transaction takes the same lock), so a burst cannot pass the limit together.
    await lockForTransaction(tx, provider, `address:${request.ipHash}`);
    const existing = await tx.subscription.findFirst({
      where: { email, articleSlug: SITE_LIST_SLUG, scope: request.list, status: { in: ['pending', 'confirmed'] } },
      select: { id: true, status: true },
    });
    if (existing?.status === 'confirmed') return { ok: true, status: 'already', message: 'Cette adresse est déjà inscrite : rien à faire.' };
    // Written first, then counted with the others: on SQLite the insert takes the write lock, so a burst queues here too.
    const row = await tx.subscription.create({
      data: { email, articleSlug: SITE_LIST_SLUG, scope: request.list, unsubscribeToken: newUnsubscribeToken(), createdAt: now, ipHash: request.ipHash, lastNotifiedAt: now },
      select: { id: true },
    });
    if (settings.rateLimit) {
      const since = new Date(now.getTime() - settings.rateLimit.windowSeconds * 1000);
      const [requests, comments] = await Promise.all([
        tx.subscription.count({ where: { ipHash: request.ipHash, createdAt: { gt: since } } }),
        tx.comment.count({ where: { ipHash: request.ipHash, createdAt: { gt: since } } }),
      ]);
      if (requests + comments > settings.rateLimit.max) throw new RateLimited(settings.rateLimit.windowSeconds);
    }
    if (existing) await tx.subscription.delete({ where: { id: existing.id } });
    const proven = await tx.subscription.findFirst({
      where: { email, status: 'confirmed', confirmedAt: { gte: new Date(now.getTime() - 365 * 86_400_000) } },
      orderBy: { confirmedAt: 'desc' },
      select: { confirmedAt: true },
    });
    const stopped = proven?.confirmedAt ? await tx.subscription.count({ where: { email, unsubscribedAt: { gt: proven.confirmedAt } } }) : 0;
    if (proven?.confirmedAt && stopped === 0) {
      await tx.subscription.update({ where: { id: row.id }, data: { status: 'confirmed', confirmedAt: now } });
      return { ok: true, status: 'subscribed', message: `Votre adresse est déjà confirmée : vous serez prévenu(e) de ${SITE_LIST_TEXT[request.list]}.` };
    }
    const link = `${settings.siteUrl}${confirmationPath(signConfirmation([row.id], new Date(now.getTime() + CONFIRMATION_DAYS * 86_400_000), settings.secret))}`;
    const mail = siteListConfirmationMail({ list: request.list, bookTitle: settings.book.fullTitle, link });
    await tx.outboxMessage.create({ data: { kind: 'subscription-confirmation', to: email, subject: mail.subject, text: mail.text, html: mail.html, nextAttemptAt: now, createdAt: now } });
    return { ok: true, status: 'asked', message: 'Presque fini : ouvrez le lien de l’e-mail que nous venons de vous envoyer pour confirmer.' };
  }).catch((error: unknown) => {
    if (error instanceof RateLimited) {
      return { ok: false as const, reason: 'limited' as const, retryAfter: error.retryAfter, message: `Trop de demandes depuis votre adresse : réessayez dans ${error.retryAfter} secondes.` };
    }
    throw error;
  });
}

class RateLimited extends Error {
  constructor(readonly retryAfter: number) {
    super('rate limited');
  }
}

/**
 * What the confirmation page adds for the site's lists it confirmed: past the release, that the
 * book is out — and that nothing more will come about it (the release e-mail went to those confirmed before).
 */
export function siteListConfirmationNote(lists: SiteList[], book: { release: Date }, now: Date): string | null {
  if (lists.includes('release') && book.release <= now) {
    return `Le livre est paru le ${formatParisDay(book.release)} : il est déjà en librairie, vous ne recevrez pas d’autre e-mail à ce sujet.`;
  }
  if (lists.includes('release')) return `Vous recevrez un seul e-mail, le ${formatParisDay(book.release)}, à la parution du livre.`;
  if (lists.includes('new-articles')) return 'Vous recevrez un e-mail à la parution de chaque nouvel article.';
  return null;
}
