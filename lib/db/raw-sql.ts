import { targetOf, type Database } from './client';
import { sqliteDate } from './sqlite-connection';

/**
 * What a raw statement written once for both databases needs: numbered placeholders with their
 * casts on PostgreSQL (`?` on SQLite), and dates as each stores them (SQLite keeps Prisma's ISO
 * 8601 text, compared as such).
 */
export type RawSqlDialect = {
  isSqlite: boolean;
  /** The placeholder of the `index`-th value (from 1), with its PostgreSQL cast (e.g. TIMESTAMP). */
  param(index: number, cast?: string): string;
  date(date: Date): Date | string;
};

/** The `::timestamp(3)` cast of a date placeholder, as Prisma declares DateTime on PostgreSQL. */
export const TIMESTAMP = '::timestamp(3)';

export function rawSqlDialect(db: Database): RawSqlDialect {
  const isSqlite = targetOf(db).provider === 'sqlite';
  return {
    isSqlite,
    param: (index, cast = '') => (isSqlite ? '?' : `$${index}${cast}`),
    date: (date) => (isSqlite ? sqliteDate(date) : date),
  };
}
