import type { Insertable, Kysely } from 'kysely';
import type { Comment, DB } from '@/lib/generated/kysely/types';

/** A comment as every writer stores it: its date always given (SQLite's own default is not the text Prisma reads). */
export type CommentRow = Insertable<Comment> & { createdAt: Date };

/**
 * The one statement that inserts comments, for both databases: a reader's post, the author's
 * reply and an import's batches. Returns what each caller needs to find its rows again.
 */
export const insertComments = (rows: CommentRow[]) => (k: Kysely<DB>) =>
  k.insertInto('Comment').values(rows).returning(['id', 'parentId', 'importSource', 'importId']);
