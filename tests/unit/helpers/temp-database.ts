import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createPrismaClient, type Database } from '@/lib/db/client';
import { migrateSqlite } from '@/lib/db/migrate';
import { migratePostgresql } from '@/lib/db/migrate-postgresql';
import { closePostgresqlPool } from '@/lib/db/postgresql-pool';
import { closeSqliteConnection } from '@/lib/db/sqlite-connection';

export type TempDatabase = { db: Database; provider: 'sqlite' | 'postgresql'; file: string; url: string; cleanup: () => Promise<void> };

/**
 * A real, migrated database and a Prisma client on it: a SQLite file in a temporary folder, or,
 * in the `postgresql` test project (whose global setup, helpers/postgres-setup.ts, provides the
 * cluster's URL), a new database on the throwaway PostgreSQL cluster.
 */
export async function createTempDatabase(): Promise<TempDatabase> {
  const server = inject('postgresUrl');
  if (server) return createTempPostgresqlDatabase(server);
  const dir = mkdtempSync(path.join(tmpdir(), 'm20-test-'));
  const file = path.join(dir, 'test.db');
  migrateSqlite(file);
  const url = `file:${file}`;
  const db = createPrismaClient(url);
  return {
    db,
    provider: 'sqlite',
    file,
    url,
    cleanup: async () => {
      await db.$disconnect();
      closeSqliteConnection(file);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createTempPostgresqlDatabase(server: string): Promise<TempDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  await migratePostgresql(url.toString());
  const db = createPrismaClient(url.toString());
  return {
    db,
    provider: 'postgresql',
    file: '',
    url: url.toString(),
    cleanup: async () => {
      await db.$disconnect();
      await closePostgresqlPool(url.toString());
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
