/** `file:./data/x.db` → absolute path of the SQLite file (relative paths from the working folder). */
export function sqliteFilePath(url: string): string;
