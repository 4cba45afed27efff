import type { CommentOrder } from '@/lib/settings';
import type { HeldComment } from './comments';

// Apart from comments.ts: the thread's held-comment islands run this, and must not bring the
// server's text-splitting (linkify-it) into every reader's script.

/** Where a new top-level comment shows on a page of the thread: none but on the page new ones land on (homePageOf). */
export type NewCommentsPlace = 'top' | 'bottom' | null;

export function newCommentsPlace(isHomePage: boolean, order: CommentOrder): NewCommentsPlace {
  if (!isHomePage) return null;
  return order === 'newest' ? 'top' : 'bottom';
}

/** Held comments placed on a page: replies by parent id, and the top-level ones in the page's order. */
export type HeldPlacement = { topLevel: HeldComment[]; repliesTo: ReadonlyMap<number, HeldComment[]> };

/**
 * Where the writer sees their held comments on a page: a reply under its parent when the parent is
 * on the page, a top-level comment where a new one shows (nowhere on the other pages). One the
 * page already shows (published since its answer) is left out: never twice.
 */
export function placeHeldComments(held: HeldComment[], page: { id: number; replies?: { id: number }[] }[], place: NewCommentsPlace): HeldPlacement {
  const parents = new Set(page.map((comment) => comment.id));
  const shown = new Set([...parents, ...page.flatMap((comment) => (comment.replies ?? []).map((reply) => reply.id))]);
  const topLevel: HeldComment[] = [];
  const repliesTo = new Map<number, HeldComment[]>();
  for (const comment of held) {
    if (shown.has(comment.id)) continue;
    if (comment.parentId === null) {
      if (place) topLevel.push(comment);
    } else if (parents.has(comment.parentId)) {
      repliesTo.set(comment.parentId, [...(repliesTo.get(comment.parentId) ?? []), comment]);
    }
  }
  // `held` comes oldest first; newest first puts the latest on top, where a new comment shows.
  return { topLevel: place === 'top' ? topLevel.reverse() : topLevel, repliesTo };
}
