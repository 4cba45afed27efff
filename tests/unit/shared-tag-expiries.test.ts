import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sharedTagExpiries, type SharedTagExpiries } from '@/lib/cache/shared-tag-expiries.cjs';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

// The cache tag expiries every server process shares (worker processes on SQLite, instances on
// PostgreSQL), on a real migrated database of each kind.
describe('shared cache tag expiries', () => {
  let database: TempDatabase;
  let expiries: SharedTagExpiries;

  beforeEach(async () => {
    database = await createTempDatabase();
    expiries = sharedTagExpiries(database.url);
  });
  afterEach(async () => {
    await expiries.close();
    await database.cleanup();
  });

  it('reads back what was written, to the millisecond, and Prisma reads the same date', async () => {
    const expiredAt = Date.UTC(2026, 10, 23, 15, 4, 5, 678);
    await expiries.write('comments:un-article', expiredAt);
    expect(await expiries.readAll()).toEqual([['comments:un-article', expiredAt]]);
    const row = await database.db.cacheTag.findUnique({ where: { tag: 'comments:un-article' } });
    expect(row?.expiredAt.getTime()).toBe(expiredAt);
  });

  it('never moves an expiry back, and keeps each tag apart', async () => {
    const later = Date.UTC(2026, 10, 23, 15, 0, 0, 500);
    await expiries.write('comments:a', later);
    await expiries.write('comments:a', later - 1);
    await expiries.write('comments:b', later - 60_000);
    await expiries.write('comments:b', later + 1);
    const read = new Map(await expiries.readAll());
    expect(read).toEqual(new Map([['comments:a', later], ['comments:b', later + 1]]));
  });

  it('has a version that changes with every expiry that moves, and only then (the page memo relies on it)', async () => {
    const other = sharedTagExpiries(database.url);
    try {
      const empty = await expiries.version();
      await other.write('comments:a', Date.UTC(2026, 10, 23, 15, 0, 0, 1));
      const one = await expiries.version();
      expect(one).not.toBe(empty);
      await other.write('comments:a', Date.UTC(2026, 10, 23, 14, 0, 0)); // earlier: no move
      expect(await expiries.version()).toBe(one);
      await other.write('comments:b', Date.UTC(2026, 10, 23, 14, 0, 0));
      const two = await expiries.version();
      expect(two).not.toBe(one);
      await other.write('comments:a', Date.UTC(2026, 10, 23, 15, 0, 0, 2)); // one millisecond later
      expect(await expiries.version()).not.toBe(two);
    } finally {
      await other.close();
    }
  });

  it('sees what another connection wrote (another process, in production)', async () => {
    const other = sharedTagExpiries(database.url);
    try {
      await expiries.readAll();
      const expiredAt = Date.now();
      await other.write('comments:ailleurs', expiredAt);
      expect(await expiries.readAll()).toContainEqual(['comments:ailleurs', expiredAt]);
    } finally {
      await other.close();
    }
  });
});

describe('shared cache tag expiries on a database that cannot answer', () => {
  it('logs and answers nothing rather than throwing (the page is then served from the cache)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'm20-tags-'));
    const file = path.join(dir, 'sans-table.db');
    new Database(file).close();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const expiries = sharedTagExpiries(`file:${file}`);
    try {
      await expect(expiries.readAll()).resolves.toEqual([]);
      await expect(expiries.version()).resolves.toBeNull();
      await expect(expiries.write('comments:x', Date.now())).resolves.toBeUndefined();
      expect(errors.mock.calls.map((call) => call[0])).toEqual(['CacheTag : lecture impossible', 'CacheTag : lecture impossible', 'CacheTag : écriture impossible']);
    } finally {
      errors.mockRestore();
      await expiries.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
