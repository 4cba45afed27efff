import pg from 'pg';
import type { Article } from '@/lib/content/load-articles';
import { seed } from './seed';
import { createPrismaClient } from '@/lib/db/client';
import type { MigrationResult } from '@/lib/db/migrate';
import { migrateDatabase } from '@/lib/db/migrate-database';
import { databaseTarget } from '@/lib/db/target';

export type Preparation = { migration: MigrationResult; seeded: Awaited<ReturnType<typeof seed>> };

// Not Prisma's migration lock (migratePostgresql takes that one on a connection of its own).
const PREPARE_LOCK = 72707370;

/**
 * Migrates the database of `url` and seeds it when empty: what every start does. On PostgreSQL,
 * several instances may start at once: the whole of it runs under one advisory lock, so the first
 * one migrates and seeds and the others then find nothing to do.
 */
export async function prepareDatabase(url: string, articles: Article[]): Promise<Preparation> {
  const run = async (): Promise<Preparation> => {
    const migration = await migrateDatabase(url);
    const db = createPrismaClient(url);
    try {
      return { migration, seeded: await seed(db, articles) };
    } finally {
      await db.$disconnect();
    }
  };
  if (databaseTarget(url).provider !== 'postgresql') return run();

  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [PREPARE_LOCK]);
    return await run();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [PREPARE_LOCK]).catch(() => undefined);
    await lock.end();
  }
}
