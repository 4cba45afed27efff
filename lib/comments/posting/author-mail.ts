import { commentPermalinkPath } from '@/lib/paths';
import type { OutboxMail, StoredComment } from '@/lib/comments/posting/result';

type CommentEmail = { subject: string; text: string };

/** The e-mail that tells the author about a new or held comment (plain text: nothing to render). */
function buildCommentEmail(
  comment: Pick<StoredComment, 'id' | 'authorName' | 'authorEmail' | 'authorWebsite' | 'body' | 'status'>,
  article: { slug: string; title: string },
  siteUrl: string,
): CommentEmail {
  const isHeld = comment.status === 'pending';
  const subject = isHeld
    ? `Commentaire en attente de modération sur « ${article.title} »`
    : `Nouveau commentaire sur « ${article.title} »`;
  const text = [
    `${comment.authorName} <${comment.authorEmail}>${comment.authorWebsite ? ` — ${comment.authorWebsite}` : ''} a écrit :`,
    '',
    comment.body,
    '',
    isHeld
      ? `Il attend votre décision : ${siteUrl}/admin/commentaires/${comment.id}`
      : `Voir le commentaire : ${siteUrl}${commentPermalinkPath(article.slug, comment.id)}`,
    `Modérer : ${siteUrl}/admin/commentaires/${comment.id}`,
  ].join('\n');
  return { subject, text };
}

/**
 * The author's notification of each stored comment, queued in the comment's own transaction: it
 * commits with the comment or not at all. A reply goes to the comment's author (Reply-To).
 */
export function authorNotification(article: { slug: string; title: string }, to: string, siteUrl: string): OutboxMail {
  return (comment) => [{ kind: 'author-notification', to, ...buildCommentEmail(comment, article, siteUrl), headers: { 'Reply-To': comment.authorEmail } }];
}
