import escapeHtml from 'escape-html';
import { formatParisDay } from '@/lib/format-date';
import { UNSUBSCRIBE_PAGE } from './links';
import { unsubscribeHeaders, type ReaderMail } from './mail';

/** Stands for each subscriber's own unsubscribe token in an announcement written once for all (see launch-announcements.ts). */
export const TOKEN_SLOT = '{{jeton}}';

export const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;

export function htmlDocument(subject: string, body: string): string {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Georgia,serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px">${body}</body></html>`;
}

function footer(siteUrl: string, reason: string) {
  const page = `${siteUrl}${UNSUBSCRIBE_PAGE}${TOKEN_SLOT}`;
  return {
    text: ['—', reason, `Se désabonner ou gérer vos abonnements : ${page}`],
    html: `<hr style="border:0;border-top:1px solid #ccc;margin:24px 0 12px"><p style="font-size:14px;color:#555">${escapeHtml(reason)}<br>${link(page, 'Se désabonner ou gérer vos abonnements')}</p>`,
  };
}

export type AnnouncedBook = { fullTitle: string; author: string; release: Date; summary?: string };

/** The one e-mail of « Prévenez-moi de la parution », written once with TOKEN_SLOT for each address's token. */
export function releaseMail(book: AnnouncedBook, siteUrl: string): ReaderMail {
  const subject = `« ${book.fullTitle} » est en librairie`;
  const page = `${siteUrl}/livre`;
  const lead = `Le livre de ${book.author}, « ${book.fullTitle} », paraît aujourd’hui, ${formatParisDay(book.release)}.`;
  const end = footer(siteUrl, 'Vous recevez ce seul e-mail parce que vous avez demandé à être prévenu(e) de la parution ; il n’y en aura pas d’autre.');
  const text = ['Bonjour,', '', lead, ...(book.summary ? ['', book.summary] : []), '', `Où le trouver : ${page}`, '', ...end.text].join('\n');
  const html = htmlDocument(
    subject,
    `<p>Bonjour,</p><p>${escapeHtml(lead)}</p>${book.summary ? `<p>${escapeHtml(book.summary)}</p>` : ''}<p>${link(page, 'Où le trouver')}</p>${end.html}`,
  );
  return { subject, text, html, headers: unsubscribeHeaders(siteUrl, TOKEN_SLOT) };
}

export type AnnouncedArticle = { slug: string; title: string; description: string; author: string };

/** The e-mail of « Nouveaux articles » for one article: its title, summary and link. */
export function newArticleMail(article: AnnouncedArticle, siteUrl: string): ReaderMail {
  const subject = `Nouvel article : « ${article.title} »`;
  const page = `${siteUrl}/articles/${article.slug}`;
  const end = footer(siteUrl, 'Vous recevez cet e-mail parce que vous avez demandé à être prévenu(e) des nouveaux articles.');
  const text = ['Bonjour,', '', `${article.author} vient de publier « ${article.title} ».`, '', article.description, '', `Lire l’article : ${page}`, '', ...end.text].join('\n');
  const html = htmlDocument(
    subject,
    `<p>Bonjour,</p><p>${escapeHtml(article.author)} vient de publier « ${escapeHtml(article.title)} ».</p><p>${escapeHtml(article.description)}</p><p>${link(page, 'Lire l’article')}</p>${end.html}`,
  );
  return { subject, text, html, headers: unsubscribeHeaders(siteUrl, TOKEN_SLOT) };
}
