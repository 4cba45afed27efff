import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { listMigrations, type MigrationResult } from './migrate';

export const POSTGRESQL_MIGRATIONS_DIR = path.join(process.cwd(), 'prisma', 'postgresql', 'migrations');

// Prisma's own table and lock number, so `prisma migrate deploy` sees these migrations as applied
// and never runs at the same time as this runner.
const PRISMA_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;
const PRISMA_ADVISORY_LOCK = 72707369;

/**
 * Applies the pending migrations of `prisma/postgresql/migrations`, each in its own transaction,
 * under Prisma's advisory lock: several app instances starting at once apply each migration once.
 */
export async function migratePostgresql(url: string, directory = POSTGRESQL_MIGRATIONS_DIR): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    await client.query(PRISMA_MIGRATIONS_TABLE);
    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const migration of listMigrations(directory)) {
      const { rows } = await client.query<{ checksum: string }>(
        'SELECT checksum FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL',
        [migration.name],
      );
      if (rows[0]) {
        if (rows[0].checksum !== migration.checksum) throw new Error(`La migration ${migration.name} a été modifiée après avoir été appliquée.`);
        result.alreadyApplied.push(migration.name);
        continue;
      }
      await client.query('BEGIN');
      try {
        const startedAt = new Date();
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]).catch(() => undefined);
    await client.end();
  }
}
