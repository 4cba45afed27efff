import type { Database } from '@/lib/db/client';
import type { CommentOrder } from '@/lib/settings';
import { toDisplayComment, type DisplayComment } from './comment-display';
import type { StoredComment } from './posting/result';

/** A held comment as its writer's page shows it (the same rendering as any comment), and where it goes. */
export type HeldComment = DisplayComment & { parentId: number | null };

type HeldRow = { id: number; parentId: number | null; authorName: string; authorWebsite: string | null; body: string; createdAt: Date; editedAt: Date | null };

const toHeldComment = (row: HeldRow): HeldComment => ({
  ...toDisplayComment({ ...row, isAuthor: false, createdAt: row.createdAt.toISOString(), editedAt: row.editedAt?.toISOString() ?? null }),
  parentId: row.parentId,
});

/** The comment just posted and held, for the answer to its form (shown next to the form without JavaScript). */
export const heldCommentOf = (comment: StoredComment): HeldComment => toHeldComment({ ...comment, editedAt: null });

/**
 * Which of these comments (ids from the browser's signed cookie) are still held on this article,
 * oldest first: once the author approves, marks as spam or deletes one, it is no longer here.
 * A bounded read: the cookie holds 20 ids at most.
 */
export async function listHeldComments(db: Pick<Database, 'comment'>, slug: string, ids: number[]): Promise<HeldComment[]> {
  if (ids.length === 0) return [];
  const rows = await db.comment.findMany({
    where: { id: { in: ids }, articleSlug: slug, status: 'pending' },
    orderBy: { id: 'asc' },
    select: { id: true, parentId: true, authorName: true, authorWebsite: true, body: true, createdAt: true, editedAt: true },
  });
  return rows.map(toHeldComment);
}

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
