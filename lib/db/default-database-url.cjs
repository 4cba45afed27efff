// CommonJS so that the cache handler and the scripts, which Node loads without compiling, read the
// same default as the TypeScript code. Types: default-database-url.d.cts.

/** Where the data lives when DATABASE_URL is not set. */
const DEFAULT_DATABASE_URL = 'file:./data/marketing-2-0.db';

module.exports = { DEFAULT_DATABASE_URL };
