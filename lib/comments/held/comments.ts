import type { Database } from '@/lib/db/client';
import { toDisplayComment, type DisplayComment } from '../comment-display';
import type { StoredComment } from '../posting/result';

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

