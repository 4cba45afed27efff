import type { PublicComment } from '@/lib/comments/queries';
import { CommentView } from './comment-view';

type Props = { slug: string; comments: PublicComment[]; canReply: boolean };

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
          {comment.replies.length > 0 ? (
            <ol className="comment-list comment-list--replies">
              {comment.replies.map((reply) => (
                <li key={reply.id}>
                  <CommentView comment={reply} />
                </li>
              ))}
            </ol>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
