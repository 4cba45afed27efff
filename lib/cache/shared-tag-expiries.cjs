// Cache tag expiry dates shared by every server process on one database, in its "CacheTag" table:
// the worker processes of one `npm start` on SQLite, or several instances on PostgreSQL.
// Dates travel as epoch milliseconds, so the time zone of a process or server never matters.
// Each function returns a promise; a database that cannot answer is logged, never thrown, so a
// page is still served from this process's cache (posting fails loudly in that case anyway).
const { isPostgresqlUrl } = require('../db/database-url.cjs');
const { sqliteFilePath } = require('../db/sqlite-path.cjs');

/** On SQLite: a connection of this process's own; a few microseconds per query, no pool. */
function sqliteStore(file) {
  let connection;
  let statements;
  const prepared = () => {
    if (!statements) {
      const Database = require('better-sqlite3');
      connection = new Database(file, { timeout: 15_000 });
      // No fsync per write, unlike the comments (NORMAL never corrupts in WAL mode, and the next
      // comment's commit syncs it anyway). Only a power cut right after a post can lose that
      // post's expiry: its page may then miss the post until the article's next change.
      connection.pragma('synchronous = NORMAL');
      statements = {
        readAll: connection.prepare('SELECT "tag", "expiredAt" FROM "CacheTag"'),
        // Stored as Prisma stores a DateTime in SQLite (ISO 8601, +00:00): text that sorts by time.
        write: connection.prepare(
          `INSERT INTO "CacheTag" ("tag", "expiredAt") VALUES (?, ?)
           ON CONFLICT ("tag") DO UPDATE SET "expiredAt" = MAX("expiredAt", excluded."expiredAt")`,
        ),
      };
    }
    return statements;
  };
  return {
    async readAll() {
      return prepared().readAll.all().map((row) => [row.tag, Date.parse(row.expiredAt)]);
    },
    async write(tag, expiredAt) {
      prepared().write.run(tag, new Date(expiredAt).toISOString().replace('Z', '+00:00'));
    },
    async close() {
      connection?.close();
      connection = statements = undefined;
    },
  };
}

/** On PostgreSQL: a small pool; concurrent reads share one query (the table has a few rows). */
function postgresqlStore(url) {
  let pool;
  const getPool = () => {
    if (!pool) {
      const { Pool } = require('pg');
      pool = new Pool({ connectionString: url, max: 4 });
      // An idle connection dropped by the server (restart, failover) must not bring the app down.
      pool.on('error', (error) => console.error('CacheTag pool:', error.message));
    }
    return pool;
  };
  let inFlightRead = null;
  return {
    readAll() {
      inFlightRead ??= getPool()
        // The column holds UTC (as Prisma writes it), whatever the TZ here.
        .query(`SELECT "tag", (EXTRACT(EPOCH FROM "expiredAt") * 1000)::float8 AS "ms" FROM "CacheTag"`)
        .then(({ rows }) => rows.map((row) => [row.tag, Number(row.ms)]))
        .finally(() => {
          inFlightRead = null;
        });
      return inFlightRead;
    },
    async write(tag, expiredAt) {
      await getPool().query(
        `INSERT INTO "CacheTag" ("tag", "expiredAt") VALUES ($1, to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC')
         ON CONFLICT ("tag") DO UPDATE SET "expiredAt" = GREATEST("CacheTag"."expiredAt", EXCLUDED."expiredAt")`,
        [tag, expiredAt],
      );
    },
    async close() {
      await pool?.end();
      pool = undefined;
    },
  };
}

/** The store for DATABASE_URL, with failures logged in French and swallowed. */
function sharedTagExpiries(databaseUrl) {
  const store = isPostgresqlUrl(databaseUrl) ? postgresqlStore(databaseUrl) : sqliteStore(sqliteFilePath(databaseUrl));
  const readRows = () => Promise.resolve().then(store.readAll);
  const unreadable = (answer) => (error) => {
    console.error('CacheTag : lecture impossible', error.message);
    return answer;
  };
  return {
    readAll: () => readRows().catch(unreadable([])),
    // Expiries only move forward (MAX on write) and tags are never deleted: the count and the sum
    // of the expiries (whole milliseconds, exact in a double) change whenever any expiry does.
    version: () =>
      readRows()
        .then((rows) => `${rows.length}:${rows.reduce((sum, [, expiredAt]) => sum + Math.round(expiredAt), 0)}`)
        .catch(unreadable(null)),
    write: (tag, expiredAt) =>
      Promise.resolve()
        .then(() => store.write(tag, expiredAt))
        .catch((error) => console.error('CacheTag : écriture impossible', error.message)),
    close: () => store.close(),
  };
}

module.exports = { sharedTagExpiries };
