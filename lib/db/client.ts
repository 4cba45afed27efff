import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getConfig } from '@/lib/config';
import { databaseTarget, type DatabaseTarget } from './target';

export type Database = PrismaClient;

const targets = new WeakMap<Database, DatabaseTarget>();

/**
 * Creates a Prisma client for DATABASE_URL (or the given URL). Only lib/db.ts (the app) and the
 * command-line scripts call this; everything else imports `db`.
 */
export function createPrismaClient(url = getConfig().DATABASE_URL): Database {
  const target = databaseTarget(url);
  if (target.provider !== 'sqlite') throw new Error(`Base non prise en charge : ${target.provider}`);
  // better-sqlite3 waits up to `timeout` ms for a lock instead of failing with SQLITE_BUSY.
  const adapter = new PrismaBetterSqlite3({ url: target.file, timeout: 15_000 });
  const client = new PrismaClient({ adapter });
  targets.set(client, target);
  return client;
}

/** Which database a client made by createPrismaClient talks to. */
export function targetOf(db: Database): DatabaseTarget {
  const target = targets.get(db);
  if (!target) throw new Error('Client Prisma inconnu : créez-le avec createPrismaClient().');
  return target;
}
