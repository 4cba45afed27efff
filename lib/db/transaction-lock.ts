import type { Database } from './client';

type Transaction = Pick<Database, '$executeRaw'>;

/**
 * Makes the transactions that name the same key wait for each other, until commit. PostgreSQL:
 * a transaction advisory lock (they read, then write: without it two could pass the same check).
 * SQLite needs none: one writer at a time, and callers write before they check.
 */
export async function lockForTransaction(tx: Transaction, provider: 'sqlite' | 'postgresql', key: string): Promise<void> {
  if (provider === 'postgresql') await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}
