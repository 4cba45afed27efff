import 'server-only';
import { after } from 'next/server';
import nodemailer from 'nodemailer';
import { getConfig } from '@/lib/config';
import { getArticle } from '@/lib/content/articles';
import type { StoredComment } from '@/lib/comments/service';
import { buildCommentEmail } from './comment-email';

/**
 * Schedules notifyAuthorOfComment for after the response, when notifications are set up. When they
 * are not, posting schedules nothing: after() costs an async-context snapshot per request.
 */
export function notifyAuthorAfterResponse(comment: StoredComment): void {
  const { SMTP_URL, NOTIFY_EMAIL_TO } = getConfig();
  if (SMTP_URL && NOTIFY_EMAIL_TO) after(() => notifyAuthorOfComment(comment));
}

/**
 * E-mails the author about a new or held comment, when SMTP_URL and NOTIFY_EMAIL_TO are set.
 * Called after the response is sent; a failure is logged and never reaches the reader.
 */
export async function notifyAuthorOfComment(comment: StoredComment): Promise<void> {
  const { SMTP_URL, NOTIFY_EMAIL_TO, NOTIFY_EMAIL_FROM, SITE_URL } = getConfig();
  if (!SMTP_URL || !NOTIFY_EMAIL_TO) return;
  const article = await getArticle(comment.articleSlug);
  if (!article) return;
  const email = buildCommentEmail(comment, article, SITE_URL);
  try {
    await nodemailer.createTransport(SMTP_URL).sendMail({ from: NOTIFY_EMAIL_FROM, to: NOTIFY_EMAIL_TO, replyTo: comment.authorEmail, ...email });
  } catch (error) {
    console.error('notifyAuthorOfComment failed', error);
  }
}
