import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getArticle } from '@/lib/content/articles';
import { getRepliesPage, getThreadPage } from '@/lib/comments/queries';
import { parseCommentId } from '@/lib/comments/paging';
import { commentPermalinkPath } from '@/lib/paths';
import { CLOSED_MESSAGE } from '@/lib/comments/messages';
import { toDisplayComment } from '@/lib/comments/comment-display';
import { getCollectionNotice } from '@/lib/privacy/terms';
import { CommentView } from '@/components/comments/comment-view';
import { CommentForm } from '@/components/comments/comment-form';

type Props = { params: Promise<{ slug: string; commentId: string }> };

export const metadata: Metadata = { title: 'Répondre à un commentaire', robots: { index: false } };

/**
 * The reply form without JavaScript: the comment, then a form that posts a reply to it. After
 * posting, the reader lands on the page that shows the reply (lib/comments/actions.ts).
 */
export default async function ReplyPage({ params }: Props) {
  const { slug, commentId } = await params;
  const article = await getArticle(slug);
  if (!article) notFound();
  const id = parseCommentId(commentId);
  // Only a top-level comment takes replies; its replies page knows it, whatever page it is on.
  const [replies, thread] = id ? await Promise.all([getRepliesPage(slug, id, 1), getThreadPage(article, 'home')]) : [null, null];
  if (!replies || !thread) notFound();
  const { comment } = replies;
  return (
    <div className="page narrow">
      <p>
        <a href={commentPermalinkPath(slug, comment.id)}>← Retour à « {article.title} »</a>
      </p>
      <h1 id="repondre">Répondre à {comment.authorName}</h1>
      <CommentView comment={toDisplayComment(comment)} />
      {thread.isOpen ? (
        <CommentForm slug={slug} parentId={comment.id} title="Votre réponse" notice={await getCollectionNotice()} />
      ) : (
        <p className="comments__closed">{CLOSED_MESSAGE}</p>
      )}
    </div>
  );
}
