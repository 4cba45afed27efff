import type { DisplayComment, DisplayThreadComment } from '@/lib/comments/comment-display';
import type { NewCommentsPlace } from '@/lib/comments/held/placement';
import { repliesPagePath } from '@/lib/comments/paging';
import { formatHiddenReplies } from '@/lib/comments/format';
import { CommentView } from './comment-view';
import { HeldReplies, HeldTopLevel } from './held-comments';
import { OwnCommentControls } from './own/controls';

/** `newCommentsAt`: where a new top-level comment shows on this page (none but on the page new ones land on). */
type Props = { slug: string; comments: DisplayThreadComment[]; canReply: boolean; newCommentsAt?: NewCommentsPlace };

/**
 * A page of comments with their replies, rendered on the server. What only the browser knows
 * shows in small client islands that render nothing for other readers: a comment's « Modifier »
 * and « Supprimer » for its writer (OwnCommentControls), and the writer's comments still waiting
 * for the author (held-comments.tsx).
 */
export function CommentList({ slug, comments, canReply, newCommentsAt = null }: Props) {
  const shownIds = comments.map((comment) => comment.id);
  if (comments.length === 0) return newCommentsAt ? <HeldTopLevel slug={slug} shownIds={shownIds} place={newCommentsAt} asList /> : null;
  const heldTopLevel = newCommentsAt ? <HeldTopLevel slug={slug} shownIds={shownIds} place={newCommentsAt} /> : null;
  return (
    <ol className="comment-list">
      {newCommentsAt === 'top' ? heldTopLevel : null}
      {comments.map((comment) => (
        <li key={comment.id}>
          <CommentView comment={comment}>
            <OwnCommentControls slug={slug} commentId={comment.id} />
            {canReply ? (
              <a className="comment__reply" href={`/articles/${slug}/repondre/${comment.id}#repondre`}>
                Répondre<span className="visually-hidden"> à {comment.authorName}</span>
              </a>
            ) : null}
          </CommentView>
          {comment.replies ? (
            <RepliesList slug={slug} replies={comment.replies}>
              <HeldReplies slug={slug} parentId={comment.id} replyIds={comment.replies.map((reply) => reply.id)} />
            </RepliesList>
          ) : (
            <HeldReplies slug={slug} parentId={comment.id} />
          )}
          {comment.hiddenReplies ? (
            <p className="comment__more-replies">
              <a href={repliesPagePath(slug, comment.id)}>{formatHiddenReplies(comment.hiddenReplies, comment.replies !== undefined)}</a>
            </p>
          ) : null}
        </li>
      ))}
      {newCommentsAt === 'bottom' ? heldTopLevel : null}
    </ol>
  );
}

/** Replies with their writer's links; `children`: more items after them (the writer's held replies). */
export function RepliesList({ slug, replies, children }: { slug: string; replies: DisplayComment[]; children?: React.ReactNode }) {
  return (
    <ol className="comment-list comment-list--replies">
      {replies.map((reply) => (
        <li key={reply.id}>
          <CommentView comment={reply}>
            <OwnCommentControls slug={slug} commentId={reply.id} />
          </CommentView>
        </li>
      ))}
      {children}
    </ol>
  );
}
