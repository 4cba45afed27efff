import path from 'node:path';

/** `file:./data/x.db` → absolute path of the SQLite file (relative paths from the working folder). */
export function sqliteFilePath(url: string): string {
  if (!url.startsWith('file:')) throw new Error(`DATABASE_URL non pris en charge : ${url.split(':')[0]}:…`);
  const file = url.slice('file:'.length).replace(/^\/\//, '');
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}
