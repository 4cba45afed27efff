// CommonJS so that the cache handler (lib/cache/*.cjs, loaded by Next at run time, not compiled)
// reads the same rule as the TypeScript code. Types: sqlite-path.d.cts.
const path = require('node:path');

/** `file:./data/x.db` → absolute path of the SQLite file (relative paths from the working folder). */
function sqliteFilePath(url) {
  if (!url.startsWith('file:')) throw new Error(`DATABASE_URL non pris en charge : ${url.split(':')[0]}:…`);
  const file = url.slice('file:'.length).replace(/^\/\//, '');
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

module.exports = { sqliteFilePath };
