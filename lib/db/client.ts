import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { PrismaClient as PostgresqlPrismaClient } from '@/lib/generated/prisma-postgresql/client';
import { getConfig } from '@/lib/config';
import { databaseTarget, type DatabaseTarget } from './target';

/**
 * The Prisma client type the code is written against. Both generated clients come from one schema
 * (prisma/postgresql/schema.prisma is derived from prisma/schema.prisma), so their model APIs match.
 */
export type Database = PrismaClient;

const targets = new WeakMap<Database, DatabaseTarget>();

/**
 * Creates a Prisma client for DATABASE_URL (or the given URL): SQLite through better-sqlite3, or
 * PostgreSQL through node-postgres. Only lib/db.ts (the app) and the command-line scripts call this;
 * everything else imports `db`.
 */
export function createPrismaClient(url = getConfig().DATABASE_URL): Database {
  const target = databaseTarget(url);
  const client =
    target.provider === 'sqlite'
      ? // better-sqlite3 waits up to `timeout` ms for a lock instead of failing with SQLITE_BUSY.
        new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: target.file, timeout: 15_000 }) })
      : (new PostgresqlPrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) }) as unknown as Database);
  targets.set(client, target);
  return client;
}

/** Which database a client made by createPrismaClient talks to. */
export function targetOf(db: Database): DatabaseTarget {
  const target = targets.get(db);
  if (!target) throw new Error('Client Prisma inconnu : créez-le avec createPrismaClient().');
  return target;
}
