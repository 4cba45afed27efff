import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPrismaClient, type Database } from '@/lib/db/client';
import { migrateSqlite } from '@/lib/db/migrate';
import { closeSqliteConnection } from '@/lib/db/sqlite-connection';

export type TempDatabase = { db: Database; file: string; url: string; cleanup: () => Promise<void> };

/** A real, migrated SQLite file in a temporary folder, and a Prisma client on it. */
export function createTempDatabase(): TempDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'm20-test-'));
  const file = path.join(dir, 'test.db');
  migrateSqlite(file);
  const url = `file:${file}`;
  const db = createPrismaClient(url);
  return {
    db,
    file,
    url,
    cleanup: async () => {
      await db.$disconnect();
      closeSqliteConnection(file);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
