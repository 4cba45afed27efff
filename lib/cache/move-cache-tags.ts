import { targetOf, type Database } from '@/lib/db/client';
import { moveTagSql } from './tag-versions.cjs';

type Transaction = Pick<Database, '$executeRawUnsafe'>;

/**
 * Moves the versions of `tags` inside the caller's transaction, so a write and the end of the
 * cached pages it changes commit together or not at all (lib/cache/tag-versions.cjs).
 */
export async function moveCacheTags(db: Database, tx: Transaction, tags: string[]): Promise<void> {
  const sql = moveTagSql(targetOf(db).provider === 'sqlite' ? '?' : '$1');
  // Always in the same order: two writers on PostgreSQL never wait for each other in a circle.
  for (const tag of [...new Set(tags)].sort()) await tx.$executeRawUnsafe(sql, tag);
}
