import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { keepSqlitePrivate } from './sqlite-files';

export const MIGRATIONS_DIR = path.join(process.cwd(), 'prisma', 'migrations');

export type MigrationResult = { applied: string[]; alreadyApplied: string[] };

// The table `prisma migrate deploy` keeps, with the same columns, so that Prisma sees our
// migrations as applied on a machine where its schema engine can run.
const PRISMA_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; sql: string; checksum: string };

/** The migrations of a folder in Prisma's layout, oldest first, with Prisma's checksum (sha256 of the file). */
export function listMigrations(directory: string): Migration[] {
  return readdirSync(directory)
    .filter((name) => statSync(path.join(directory, name)).isDirectory())
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(directory, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies the pending migrations of `prisma/migrations` to a SQLite file, each in its own
 * transaction, and records them as Prisma does. Safe to run from several processes at once.
 */
export function migrateSqlite(file: string, directory = MIGRATIONS_DIR): MigrationResult {
  mkdirSync(path.dirname(file), { recursive: true });
  keepSqlitePrivate(file);
  const sqlite = new Database(file, { timeout: 15_000 });
  try {
    // WAL lets readers and the writer work at once; the setting is stored in the file.
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec(PRISMA_MIGRATIONS_TABLE);
    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const migration of listMigrations(directory)) {
      const apply = sqlite.transaction(() => {
        const row = sqlite
          .prepare(
            `SELECT checksum FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          )
          .get(migration.name) as { checksum: string } | undefined;
        if (row) {
          if (row.checksum !== migration.checksum) {
            throw new Error(`La migration ${migration.name} a été modifiée après avoir été appliquée.`);
          }
          return false;
        }
        const startedAt = new Date().toISOString();
        sqlite.exec(migration.sql);
        sqlite
          .prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
          )
          .run(randomUUID(), migration.checksum, new Date().toISOString(), migration.name, startedAt);
        return true;
      });
      // IMMEDIATE takes the write lock first, so two starting processes never apply one migration twice.
      (apply.immediate() ? result.applied : result.alreadyApplied).push(migration.name);
    }
    return result;
  } finally {
    sqlite.close();
  }
}
