import { after } from 'next/server';
import { getConfig } from '@/lib/config';
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { targetOf, type Database } from '@/lib/db/client';
import { rawExecutor, type RawExecutor } from '@/lib/db/postgresql-pool';
import { moveTagsSql } from '@/lib/cache/tag-versions.cjs';
import { purgeProxies } from '@/lib/cache/purge-proxies';
import { ALL_COMMENTS_TAG, commentsTag, tagsOfChange } from '@/lib/comments/cache-tags';
import type { ChangedPages } from '@/lib/comments/paging';
import { planPurge } from '@/lib/comments/purge-plan';

/** What readers see change: articles' comments (a whole thread by its slug, or the pages named), every article's at once, other addresses. */
export type Seen = { comments?: (string | ChangedPages)[]; allComments?: boolean; paths?: string[] };
export type Change<T> = { result: T; seen: Seen };
export type Transaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

export const NOTHING_SEEN: Seen = {};
/** Prisma's interactive transaction limits, for the long writes (an import, an erasure). */
export type TransactionOptions = { maxWait?: number; timeout?: number };

function tagsOf(seen: Seen): string[] {
  const tags = (seen.comments ?? []).flatMap((change) => (typeof change === 'string' ? [commentsTag(change)] : tagsOfChange(change)));
  if (seen.allComments) tags.push(ALL_COMMENTS_TAG);
  // Sorted: two writers never wait for each other's tags in a circle.
  return [...new Set(tags)].sort();
}

const isEmpty = (seen: Seen) => !seen.comments?.length && !seen.allComments && !seen.paths?.length;

/** Runs `work` after the answer when a request is under way, at once otherwise (a command, a test). */
function afterAnswer(work: () => Promise<void>): Promise<void> {
  try {
    after(work);
    return Promise.resolve();
  } catch {
    return work();
  }
}

/**
 * After commit: the HTTP caches in front forget what changed (the article and named pages before
 * the answer, a whole thread's pages just after). The write has committed: a failure here is
 * logged, never reported as the write's.
 */
async function purgeSeen(db: Database, seen: Seen): Promise<void> {
  if (isEmpty(seen) || getConfig().CACHE_PURGE_URLS.length === 0) return;
  try {
    const { now, later } = await planPurge(db, seen.comments ?? []);
    await purgeProxies([...now, ...(seen.paths ?? [])]);
    if (later.length > 0) await afterAnswer(() => purgeProxies(later));
  } catch (error) {
    console.error('Cache HTTP : purge après écriture impossible', error);
  }
}

/**
 * The one way to change what readers see: runs `work` in a transaction, moves the cache tags of
 * what it says it changed as the transaction's last statement (so a write and the end of its cached
 * pages commit together, and the shared tag rows are held only until the commit), then, once
 * committed, purges the HTTP caches in front.
 */
export async function changeVisibly<T>(db: Database, work: (tx: Transaction) => Promise<Change<T>>, options?: TransactionOptions): Promise<T> {
  const { result, seen } = await db.$transaction(async (tx) => {
    const change = await work(tx);
    const tags = tagsOf(change.seen);
    if (tags.length > 0) await tx.$executeRawUnsafe(moveTagsSql(tags.length, targetOf(db).provider), ...tags);
    return change;
  }, options);
  await purgeSeen(db, seen);
  return result;
}

const sqliteMoves = new WeakMap<BetterSqlite3.Database, Map<number, BetterSqlite3.Statement>>();

/**
 * The same on SQLite's synchronous path (lib/db/sqlite-connection.ts): `work` runs in an IMMEDIATE
 * transaction that never yields to the event loop; the tags move last in it; the purge follows the commit.
 */
export async function changeVisiblyOnSqlite<T>(db: Database, sqlite: BetterSqlite3.Database, work: () => Change<T>): Promise<T> {
  let statements = sqliteMoves.get(sqlite);
  if (!statements) sqliteMoves.set(sqlite, (statements = new Map()));
  const moves = statements;
  const { result, seen } = sqlite
    .transaction(() => {
      const change = work();
      const tags = tagsOf(change.seen);
      if (tags.length > 0) {
        let move = moves.get(tags.length);
        if (!move) moves.set(tags.length, (move = sqlite.prepare(moveTagsSql(tags.length, 'sqlite'))));
        move.run(...tags);
      }
      return change;
    })
    .immediate();
  await purgeSeen(db, seen);
  return result;
}

/** The tags' move as a statement without parameters, to travel with the COMMIT (the tags are the site's own names, escaped all the same). */
const moveTagsStatement = (tx: RawExecutor, tags: string[]) => `INSERT INTO "CacheTagMove" ("tag") VALUES ${tags.map((tag) => `(${tx.literal(tag)})`).join(', ')}`;

/**
 * The same on PostgreSQL's plain pool (lib/db/postgresql-pool.ts), for the posting's hot path:
 * `work` runs between BEGIN and COMMIT on one connection of the pool; the tags move last in it,
 * in the COMMIT's own message.
 */
export async function changeVisiblyOnPostgresql<T>(db: Database, pool: pg.Pool, work: (tx: RawExecutor) => Promise<Change<T>>): Promise<T> {
  const client = await pool.connect();
  let change: Change<T>;
  const tx = rawExecutor(client);
  try {
    change = await work(tx);
    const tags = tagsOf(change.seen);
    await tx.commit(tags.length > 0 ? moveTagsStatement(tx, tags) : undefined);
  } catch (error) {
    // A connection that cannot even roll back is dropped, not handed to the next post.
    client.release(!(await tx.rollback()));
    throw error;
  }
  client.release();
  await purgeSeen(db, change.seen);
  return change.result;
}
