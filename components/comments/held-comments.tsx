'use client';

import type { HeldComment } from '@/lib/comments/held/comments';
import { placeHeldComments, type NewCommentsPlace } from '@/lib/comments/held/placement';
import { CommentView } from './comment-view';
import { OwnCommentControls } from './own/controls';
import { useHeldComments } from './use-held-comments';

// Islands in the server's list (comment-list.tsx): they render nothing, in the page as cached and
// for a reader without JavaScript, until this browser's held comments arrive (useHeldComments).

/** A held comment, marked « en attente de modération »: no « Répondre » (only a published comment takes replies). */
function HeldCommentItem({ slug, comment }: { slug: string; comment: HeldComment }) {
  return (
    <li>
      <CommentView comment={comment} isHeld>
        <OwnCommentControls slug={slug} commentId={comment.id} />
      </CommentView>
    </li>
  );
}

/**
 * The writer's held top-level comments where a new one shows (`place`), as items of the list,
 * or as a list of their own when the page has no comment (`asList`). `shownIds`: the page's
 * top-level comments, one of which may be a held comment published since.
 */
export function HeldTopLevel({ slug, shownIds, place, asList = false }: { slug: string; shownIds: number[]; place: NewCommentsPlace; asList?: boolean }) {
  const held = placeHeldComments(useHeldComments(slug), shownIds.map((id) => ({ id })), place).topLevel;
  if (held.length === 0) return null;
  const items = held.map((comment) => <HeldCommentItem key={comment.id} slug={slug} comment={comment} />);
  return asList ? <ol className="comment-list">{items}</ol> : items;
}

/**
 * The writer's held replies to `parentId`, after its published replies (`replyIds`): as items of
 * their list, or as a list of their own when it has none.
 */
export function HeldReplies({ slug, parentId, replyIds = [] }: { slug: string; parentId: number; replyIds?: number[] }) {
  const page = [{ id: parentId, replies: replyIds.map((id) => ({ id })) }];
  const held = placeHeldComments(useHeldComments(slug), page, null).repliesTo.get(parentId) ?? [];
  if (held.length === 0) return null;
  const items = held.map((comment) => <HeldCommentItem key={comment.id} slug={slug} comment={comment} />);
  return replyIds.length > 0 ? items : <ol className="comment-list comment-list--replies">{items}</ol>;
}
