import { commentPermalinkPath } from '@/lib/comments/paging';
import type { StoredComment } from '@/lib/comments/service';

export type CommentEmail = { subject: string; text: string };

/** The e-mail that tells the author about a new or held comment (plain text: nothing to render). */
export function buildCommentEmail(
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
