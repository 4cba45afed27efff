import { isPostgresqlUrl } from './database-url.cjs';
import { sqliteFilePath } from './sqlite-path.cjs';

/** Where the data lives, from DATABASE_URL: a SQLite file (the default) or a PostgreSQL server. */
export type DatabaseTarget = { provider: 'sqlite'; url: string; file: string } | { provider: 'postgresql'; url: string };

export function databaseTarget(url: string): DatabaseTarget {
  if (isPostgresqlUrl(url)) return { provider: 'postgresql', url };
  return { provider: 'sqlite', url, file: sqliteFilePath(url) };
}
