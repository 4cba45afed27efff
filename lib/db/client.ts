import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getConfig } from '@/lib/config';
import { sqliteFilePath } from './sqlite-path';

export type Database = PrismaClient;

/**
 * Creates a Prisma client for DATABASE_URL (or the given URL). Only lib/db.ts (the app) and the
 * command-line scripts call this; everything else imports `db`.
 */
export function createPrismaClient(url = getConfig().DATABASE_URL): PrismaClient {
  // better-sqlite3 waits up to `timeout` ms for a lock instead of failing with SQLITE_BUSY.
  const adapter = new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: 15_000 });
  return new PrismaClient({ adapter });
}
