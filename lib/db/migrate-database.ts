import { migrateSqlite, type MigrationResult } from './migrate';
import { migratePostgresql } from './migrate-postgresql';
import { databaseTarget } from './target';

/** Brings the database of a URL to the latest migration of its provider. */
export async function migrateDatabase(url: string): Promise<MigrationResult> {
  const target = databaseTarget(url);
  return target.provider === 'sqlite' ? migrateSqlite(target.file) : migratePostgresql(target.url);
}
