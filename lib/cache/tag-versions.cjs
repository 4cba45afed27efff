// The version of each cache tag, in the database's "CacheTag" table, shared by every server
// process on it (the workers of one `npm start` on SQLite, several instances on PostgreSQL).
// A write moves the versions of the tags it changes, in the write's own transaction
// (lib/write/visible-change.ts); the cache handler (cache-handler.cjs) keeps, with each entry, the
// versions read before its render, and drops the entry once one has moved. No clock is involved.
// CommonJS: Next loads the cache handler at run time, without our compiler.
const { isPostgresqlUrl } = require('../db/database-url.cjs');
const { sqliteFilePath } = require('../db/sqlite-path.cjs');

/**
 * Moves the versions of `count` tags up by one (a new tag starts at 1), in one statement for both
 * databases; only the driver's placeholders differ (? or $1). The rows go to "CacheTagMove", whose
 * trigger applies them to "CacheTag": at once on SQLite, at commit on PostgreSQL, so the shared
 * version rows are held only while the write commits. Pass the tags sorted: rows are applied in order.
 */
const moveTagsSql = (count, provider) =>
  `INSERT INTO "CacheTagMove" ("tag") VALUES ${Array.from({ length: count }, (_, index) => `(${provider === 'sqlite' ? '?' : `$${index + 1}`})`).join(', ')}`;

const READ_SQL = 'SELECT "tag", "version" FROM "CacheTag"';

/**
 * On SQLite: a connection of this process's own, prepared statements (microseconds a read). While
 * no other connection has committed (SQLite's data_version) and this one has moved nothing, the
 * rows read last are still the table: a read costs one pragma, however many tags there are.
 */
function sqliteStore(file) {
  let connection;
  let statements;
  let lastRead = null;
  const prepared = () => {
    if (!statements) {
      const Database = require('better-sqlite3');
      connection = new Database(file, { timeout: 15_000 });
      statements = { read: connection.prepare(READ_SQL), dataVersion: connection.prepare('PRAGMA data_version').pluck() };
    }
    return statements;
  };
  return {
    async read() {
      const { read, dataVersion } = prepared();
      const version = dataVersion.get();
      if (lastRead?.version !== version) lastRead = { version, rows: read.all() };
      return lastRead.rows;
    },
    async move(tags) {
      prepared();
      lastRead = null;
      connection.prepare(moveTagsSql(tags.length, 'sqlite')).run(...tags);
    },
    async close() {
      connection?.close();
      connection = statements = undefined;
      lastRead = null;
    },
  };
}

/** On PostgreSQL: a small pool; concurrent reads share one query (the table has a row per article). */
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
    read() {
      inFlightRead ??= getPool()
        .query(READ_SQL)
        .then(({ rows }) => rows)
        .finally(() => {
          inFlightRead = null;
        });
      return inFlightRead;
    },
    async move(tags) {
      await getPool().query(moveTagsSql(tags.length, 'postgresql'), tags);
    },
    async close() {
      await pool?.end();
      pool = undefined;
    },
  };
}

/**
 * The tag versions of DATABASE_URL's database. `read()` answers a Map of tag → version (a tag
 * never moved is absent: version 0), not to be modified: reads may share it; `move(tags)` moves them in one transaction. Both reject when
 * the database cannot answer: the caller decides (a read miss renders again, a write fails).
 */
function tagVersions(databaseUrl) {
  const store = isPostgresqlUrl(databaseUrl) ? postgresqlStore(databaseUrl) : sqliteStore(sqliteFilePath(databaseUrl));
  // The same rows give the same Map: renders that start between two writes share one.
  const maps = new WeakMap();
  const toMap = (rows) => {
    if (!maps.has(rows)) maps.set(rows, new Map(rows.map((row) => [row.tag, Number(row.version)])));
    return maps.get(rows);
  };
  return {
    read: () => Promise.resolve().then(store.read).then(toMap),
    move: (tags) => Promise.resolve().then(() => (tags.length > 0 ? store.move([...new Set(tags)].sort()) : undefined)),
    close: () => store.close(),
  };
}

module.exports = { tagVersions, moveTagsSql };
