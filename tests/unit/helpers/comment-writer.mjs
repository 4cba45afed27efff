// A second process writing to a SQLite file as the server does under load: one comment per
// transaction, as fast as it can, printing the id of each committed comment. Stops on SIGTERM.
// Usage: node tests/unit/helpers/comment-writer.mjs <file.db> <article slug>
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';

const [file, slug] = process.argv.slice(2);
const db = new Database(file, { fileMustExist: true, timeout: 15_000 });
const insert = db.prepare(
  `INSERT INTO "Comment" ("articleSlug", "authorName", "authorEmail", "body", "status", "ipHash", "bodyHash")
   VALUES (?, 'Écrivain', ?, ?, 'published', 'writer', ?)`,
);
let isStopping = false;
process.on('SIGTERM', () => {
  isStopping = true;
});
for (let index = 0; !isStopping; index++) {
  const { lastInsertRowid } = insert.run(slug, `writer-${index}@exemple.fr`, `Écrit pendant la sauvegarde n° ${index}.`, `writer-${index}`);
  process.stdout.write(`${lastInsertRowid}\n`);
  await nextTurn();
}
db.close();
