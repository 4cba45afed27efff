import Database from 'better-sqlite3';

const connections = new Map<string, Database.Database>();

/**
 * A plain better-sqlite3 connection to a SQLite file, one per file and process, for the few hot
 * paths where Prisma's per-query cost matters (posting a comment). Prisma keeps its own connection;
 * SQLite serialises the writers of both, and each waits up to 15 s for the other's lock.
 */
export function sqliteConnection(file: string): Database.Database {
  let connection = connections.get(file);
  if (!connection) {
    connection = new Database(file, { timeout: 15_000 });
    connection.pragma('foreign_keys = ON');
    connections.set(file, connection);
  }
  return connection;
}

/** How Prisma stores a DateTime in SQLite, for statements on the plain connection: ISO 8601 with +00:00. */
export const sqliteDate = (date: Date) => date.toISOString().replace('Z', '+00:00');

export function closeSqliteConnection(file: string): void {
  connections.get(file)?.close();
  connections.delete(file);
}
