// CommonJS so that the cache handler, the scripts and prisma.config.ts, which are loaded without
// our compiler, read the same rules as the TypeScript code. Types: database-url.d.cts.
// No Node API here: lib/config.ts imports it, and it is also compiled for the Edge runtime.

/** Where the data lives when DATABASE_URL is not set. */
const DEFAULT_DATABASE_URL = 'file:./data/marketing-2-0.db';

/** A postgresql:// (or postgres://) URL selects PostgreSQL; anything else is a SQLite file. */
function isPostgresqlUrl(url) {
  return /^postgres(ql)?:\/\//.test(url);
}

module.exports = { DEFAULT_DATABASE_URL, isPostgresqlUrl };
