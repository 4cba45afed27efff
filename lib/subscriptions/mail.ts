import escapeHtml from 'escape-html';
import { commentPermalinkPath } from '@/lib/paths';
import { formatDateTime } from '@/lib/format-date';
import { CONFIRMATION_DAYS, ONE_CLICK_UNSUBSCRIBE, UNSUBSCRIBE_PAGE } from './links';

/**
 * The e-mails sent to readers, in plain text and in HTML. Every reader's text (names, comments)
 * is escaped in the HTML part: a comment is shown as its writer typed it, never as markup.
 */
export type ReaderMail = { subject: string; text: string; html: string; headers: Record<string, string> };

export type MailComment = { id: number; authorName: string; body: string; createdAt: Date; isAuthor: boolean };

type Article = { slug: string; title: string };

/** Comments shown in full in one gathered e-mail; the others are counted, with a link to the thread. */
export const MAX_COMMENTS_PER_MAIL = 20;

/** RFC 8058: a mail client may unsubscribe with one POST to this address, without a page. */
export function unsubscribeHeaders(siteUrl: string, token: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${siteUrl}${ONE_CLICK_UNSUBSCRIBE}${token}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

const paragraphs = (text: string) =>
  text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p style="margin:0 0 12px">${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');

/** A reader's text, quoted in the HTML part. */
const quoted = (body: string) => `<blockquote style="margin:0 0 8px;padding-left:12px;border-left:3px solid #ccc">${paragraphs(body)}</blockquote>`;

const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;

function htmlDocument(subject: string, body: string): string {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Georgia,serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px">${body}</body></html>`;
}

/** Why the reader receives it, and how to stop: the footer of every e-mail to a subscriber. */
function footer(siteUrl: string, token: string, reason: string) {
  const page = `${siteUrl}${UNSUBSCRIBE_PAGE}${token}`;
  return {
    text: ['—', reason, `Se désabonner ou gérer vos abonnements : ${page}`],
    html: `<hr style="border:0;border-top:1px solid #ccc;margin:24px 0 12px"><p style="font-size:14px;color:#555">${escapeHtml(reason)}<br>${link(page, 'Se désabonner ou gérer vos abonnements')}</p>`,
  };
}

export type DigestInput = {
  article: Article;
  scope: 'article' | 'replies';
  /** The first comments gathered, oldest first (MAX_COMMENTS_PER_MAIL at most). */
  comments: MailComment[];
  /** How many comments were gathered in all. */
  total: number;
  siteUrl: string;
  unsubscribeToken: string;
};

function digestSubject({ article, scope, total }: Pick<DigestInput, 'article' | 'scope' | 'total'>): string {
  const what =
    scope === 'replies'
      ? total === 1
        ? 'Nouvelle réponse à votre commentaire'
        : `${total} nouvelles réponses à votre commentaire`
      : total === 1
        ? 'Nouveau commentaire'
        : `${total} nouveaux commentaires`;
  return `${what} sur « ${article.title} »`;
}

/**
 * One subscriber's e-mail for the comments gathered since their last one: each comment's text and
 * its link, the rest counted, and the unsubscribe links (page and one-click headers).
 */
export function subscriberDigest(input: DigestInput): ReaderMail {
  const { article, comments, total, siteUrl, unsubscribeToken } = input;
  const subject = digestSubject(input);
  const permalink = (id: number) => `${siteUrl}${commentPermalinkPath(article.slug, id)}`;
  const byline = (comment: MailComment) => `${comment.authorName}${comment.isAuthor ? ' (l’auteur)' : ''}, le ${formatDateTime(comment.createdAt)}`;
  const rest = total - comments.length;
  const next = comments.at(-1);
  const restLabel = rest > 0 && next ? `Et ${rest === 1 ? 'un autre commentaire' : `${rest} autres commentaires`}` : null;
  const why =
    input.scope === 'replies'
      ? `Vous recevez cet e-mail parce que vous avez demandé à être prévenu(e) des réponses à votre commentaire sur « ${article.title} ».`
      : `Vous recevez cet e-mail parce que vous avez demandé à être prévenu(e) des nouveaux commentaires sur « ${article.title} ».`;
  const end = footer(siteUrl, unsubscribeToken, why);

  const text = [
    ...comments.flatMap((comment) => [`${byline(comment)} :`, '', comment.body.trim(), '', `Lire sur le site : ${permalink(comment.id)}`, '']),
    ...(restLabel && next ? [`${restLabel} : ${permalink(next.id)}`, ''] : []),
    ...end.text,
  ].join('\n');

  const html = htmlDocument(
    subject,
    [
      `<h1 style="font-size:20px">${escapeHtml(subject)}</h1>`,
      ...comments.map(
        (comment) =>
          `<div style="margin:0 0 24px"><p style="margin:0 0 8px"><strong>${escapeHtml(comment.authorName)}</strong>${comment.isAuthor ? ' (l’auteur)' : ''}, le ${escapeHtml(formatDateTime(comment.createdAt))} :</p>` +
          quoted(comment.body) +
          `<p style="margin:0">${link(permalink(comment.id), 'Lire sur le site')}</p></div>`,
      ),
      restLabel && next ? `<p>${link(permalink(next.id), `${restLabel} sur le site`)}</p>` : '',
      end.html,
    ].join(''),
  );
  return { subject, text, html, headers: unsubscribeHeaders(siteUrl, unsubscribeToken) };
}

/** The writer's e-mail when the author publishes their held comment (they asked for follow-ups). */
export function approvalNotice(input: { article: Article; comment: MailComment; siteUrl: string; unsubscribeToken: string }): ReaderMail {
  const { article, comment, siteUrl, unsubscribeToken } = input;
  const subject = `Votre commentaire sur « ${article.title} » est publié`;
  const permalink = `${siteUrl}${commentPermalinkPath(article.slug, comment.id)}`;
  const intro = `Bonjour ${comment.authorName}, l’auteur a relu votre commentaire du ${formatDateTime(comment.createdAt)} : il est maintenant publié.`;
  const end = footer(siteUrl, unsubscribeToken, `Vous recevez cet e-mail parce que vous avez demandé à suivre la discussion sur « ${article.title} ».`);
  const text = [intro, '', comment.body.trim(), '', `Le voir sur le site : ${permalink}`, '', ...end.text].join('\n');
  const html = htmlDocument(
    subject,
    `<p>${escapeHtml(intro)}</p>${quoted(comment.body)}<p>${link(permalink, 'Le voir sur le site')}</p>${end.html}`,
  );
  return { subject, text, html, headers: unsubscribeHeaders(siteUrl, unsubscribeToken) };
}

/** The double opt-in e-mail: the signed link that confirms, and nothing else is ever sent before it is followed. */
export function confirmationMail(input: { articleTitle: string; what: string; link: string }): Omit<ReaderMail, 'headers'> {
  const subject = `Confirmez votre abonnement aux commentaires de « ${input.articleTitle} »`;
  const asked = `Vous avez demandé à être prévenu(e) par e-mail, sur « ${input.articleTitle} », ${input.what}.`;
  const ignore = 'Si vous n’avez rien demandé, ignorez ce message : vous ne recevrez rien d’autre.';
  const validity = `Pour le confirmer, ouvrez ce lien (valable ${CONFIRMATION_DAYS} jours) :`;
  const text = ['Bonjour,', '', asked, '', validity, input.link, '', ignore].join('\n');
  const html = htmlDocument(
    subject,
    `<p>Bonjour,</p><p>${escapeHtml(asked)}</p><p>${escapeHtml(validity)}<br>${link(input.link, 'Confirmer mon abonnement')}</p><p style="font-size:14px;color:#555">${escapeHtml(ignore)}</p>`,
  );
  return { subject, text, html };
}
