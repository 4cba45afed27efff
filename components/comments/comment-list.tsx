'use client';

import type { DisplayComment, DisplayThreadComment } from '@/lib/comments/comment-display';
import { repliesPagePath } from '@/lib/comments/paging';
import { formatHiddenReplies } from '@/lib/comments/format';
import { CommentView } from './comment-view';

type Props = { slug: string; comments: DisplayThreadComment[]; canReply: boolean };

/** A page of comments with their replies. A client component: see DisplayComment for why. */
export function CommentList({ slug, comments, canReply }: Props) {
  if (comments.length === 0) return null;
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id}>
          <CommentView comment={comment}>
            {canReply ? (
              <a className="comment__reply" href={`/articles/${slug}/repondre/${comment.id}#repondre`}>
                Répondre<span className="visually-hidden"> à {comment.authorName}</span>
              </a>
            ) : null}
          </CommentView>
          {comment.replies ? <ReplyList replies={comment.replies} /> : null}
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

export function ReplyList({ replies }: { replies: DisplayComment[] }) {
  return (
    <ol className="comment-list comment-list--replies">
      {replies.map((reply) => (
        <li key={reply.id}>
          <CommentView comment={reply} />
        </li>
      ))}
    </ol>
  );
}
