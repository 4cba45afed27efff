import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getArticle } from '@/lib/content/articles';
import { getCommentThread } from '@/lib/comments/queries';
import { CLOSED_MESSAGE } from '@/lib/comments/messages';
import { CommentView } from '@/components/comments/comment-view';
import { CommentForm } from '@/components/comments/comment-form';

type Props = { params: Promise<{ slug: string; commentId: string }> };

export const metadata: Metadata = { title: 'Répondre à un commentaire', robots: { index: false } };

/** The reply form without JavaScript: the comment, then a form that posts a reply to it. */
export default async function ReplyPage({ params }: Props) {
  const { slug, commentId } = await params;
  const article = await getArticle(slug);
  if (!article) notFound();
  const thread = await getCommentThread(article);
  const comment = thread.comments.find((candidate) => String(candidate.id) === commentId);
  if (!comment) notFound();
  return (
    <div className="page narrow">
      <p>
        <a href={`/articles/${slug}#comment-${comment.id}`}>← Retour à « {article.title} »</a>
      </p>
      <h1 id="repondre">Répondre à {comment.authorName}</h1>
      <CommentView comment={comment} />
      {thread.isOpen ? (
        <CommentForm slug={slug} parentId={comment.id} title="Votre réponse" />
      ) : (
        <p className="comments__closed">{CLOSED_MESSAGE}</p>
      )}
    </div>
  );
}
