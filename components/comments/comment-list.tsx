'use client';

import type { DisplayComment, DisplayThreadComment } from '@/lib/comments/comment-display';
import type { HeldComment } from '@/lib/comments/held/comments';
import { placeHeldComments, type NewCommentsPlace } from '@/lib/comments/held/placement';
import { repliesPagePath } from '@/lib/comments/paging';
import { formatHiddenReplies } from '@/lib/comments/format';
import { CommentView } from './comment-view';
import { OwnCommentLinks } from './own/links';
import { useEditableComments } from './use-editable-comments';
import { useHeldComments } from './use-held-comments';

/** `newCommentsAt`: where a new top-level comment shows on this page (none but on the page new ones land on). */
type Props = { slug: string; comments: DisplayThreadComment[]; canReply: boolean; newCommentsAt?: NewCommentsPlace };

/**
 * A page of comments with their replies. A client component: see DisplayComment for why; it also
 * shows the writer of a comment, and only them, its « Modifier » and « Supprimer » (see
 * useEditableComments), and their comments still waiting for the author (see useHeldComments).
 */
export function CommentList({ slug, comments, canReply, newCommentsAt = null }: Props) {
  const editable = useEditableComments();
  const held = placeHeldComments(useHeldComments(slug), comments, newCommentsAt);
  if (comments.length === 0 && held.topLevel.length === 0) return null;
  const heldTopLevel = held.topLevel.map((comment) => (
    <li key={comment.id}>
      <HeldCommentView slug={slug} comment={comment} editable={editable} />
    </li>
  ));
  return (
    <ol className="comment-list">
      {newCommentsAt === 'top' ? heldTopLevel : null}
      {comments.map((comment) => {
        const heldReplies = held.repliesTo.get(comment.id) ?? [];
        return (
          <li key={comment.id}>
            <CommentView comment={comment}>
              {editable.has(comment.id) ? <OwnCommentLinks slug={slug} commentId={comment.id} /> : null}
              {canReply ? (
                <a className="comment__reply" href={`/articles/${slug}/repondre/${comment.id}#repondre`}>
                  Répondre<span className="visually-hidden"> à {comment.authorName}</span>
                </a>
              ) : null}
            </CommentView>
            {comment.replies || heldReplies.length > 0 ? <ReplyList slug={slug} replies={comment.replies ?? []} held={heldReplies} editable={editable} /> : null}
            {comment.hiddenReplies ? (
              <p className="comment__more-replies">
                <a href={repliesPagePath(slug, comment.id)}>{formatHiddenReplies(comment.hiddenReplies, comment.replies !== undefined)}</a>
              </p>
            ) : null}
          </li>
        );
      })}
      {newCommentsAt === 'bottom' ? heldTopLevel : null}
    </ol>
  );
}

type ReplyListProps = { slug: string; replies: DisplayComment[]; held?: HeldComment[]; editable: ReadonlySet<number> };

function ReplyList({ slug, replies, held = [], editable }: ReplyListProps) {
  return (
    <ol className="comment-list comment-list--replies">
      {replies.map((reply) => (
        <li key={reply.id}>
          <CommentView comment={reply}>{editable.has(reply.id) ? <OwnCommentLinks slug={slug} commentId={reply.id} /> : null}</CommentView>
        </li>
      ))}
      {held.map((reply) => (
        <li key={reply.id}>
          <HeldCommentView slug={slug} comment={reply} editable={editable} />
        </li>
      ))}
    </ol>
  );
}

/** A held comment, marked « en attente de modération »: no « Répondre » (only a published comment takes replies). */
function HeldCommentView({ slug, comment, editable }: { slug: string; comment: HeldComment; editable: ReadonlySet<number> }) {
  return (
    <CommentView comment={comment} isHeld>
      {editable.has(comment.id) ? <OwnCommentLinks slug={slug} commentId={comment.id} /> : null}
    </CommentView>
  );
}

/** A page of one comment's replies (their own page), with the writer's links. */
export function RepliesList({ slug, replies }: Omit<ReplyListProps, 'editable' | 'held'>) {
  return <ReplyList slug={slug} replies={replies} editable={useEditableComments()} />;
}
