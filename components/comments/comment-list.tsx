'use client';

import type { DisplayComment, DisplayThreadComment } from '@/lib/comments/comment-display';
import { repliesPagePath } from '@/lib/comments/paging';
import { formatHiddenReplies } from '@/lib/comments/format';
import { CommentView } from './comment-view';
import { OwnCommentLinks } from './own-comment-links';
import { useEditableComments } from './use-editable-comments';

type Props = { slug: string; comments: DisplayThreadComment[]; canReply: boolean };

/**
 * A page of comments with their replies. A client component: see DisplayComment for why; it also
 * shows the writer of a comment, and only them, its « Modifier » and « Supprimer » (see
 * useEditableComments).
 */
export function CommentList({ slug, comments, canReply }: Props) {
  const editable = useEditableComments();
  if (comments.length === 0) return null;
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id}>
          <CommentView comment={comment}>
            {editable.has(comment.id) ? <OwnCommentLinks slug={slug} commentId={comment.id} /> : null}
            {canReply ? (
              <a className="comment__reply" href={`/articles/${slug}/repondre/${comment.id}#repondre`}>
                Répondre<span className="visually-hidden"> à {comment.authorName}</span>
              </a>
            ) : null}
          </CommentView>
          {comment.replies ? <ReplyList slug={slug} replies={comment.replies} editable={editable} /> : null}
          {comment.hiddenReplies ? (
            <p className="comment__more-replies">
              <a href={repliesPagePath(slug, comment.id)}>{formatHiddenReplies(comment.hiddenReplies, comment.replies !== undefined)}</a>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

type ReplyListProps = { slug: string; replies: DisplayComment[]; editable: ReadonlySet<number> };

function ReplyList({ slug, replies, editable }: ReplyListProps) {
  return (
    <ol className="comment-list comment-list--replies">
      {replies.map((reply) => (
        <li key={reply.id}>
          <CommentView comment={reply}>{editable.has(reply.id) ? <OwnCommentLinks slug={slug} commentId={reply.id} /> : null}</CommentView>
        </li>
      ))}
    </ol>
  );
}

/** A page of one comment's replies (their own page), with the writer's links. */
export function RepliesList({ slug, replies }: Omit<ReplyListProps, 'editable'>) {
  return <ReplyList slug={slug} replies={replies} editable={useEditableComments()} />;
}
