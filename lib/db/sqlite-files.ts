import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

/** A SQLite database's files: the database and the companions SQLite writes beside it. */
export const SQLITE_FILES = ['', '-wal', '-shm', '-journal'] as const;

/** Readers' e-mails and address hashes are in these files: this user alone may read them. */
const PRIVATE_MODE = 0o600;

/**
 * Creates `file` empty and private if it does not exist (SQLite then gives its WAL and journal the
 * same mode), and makes an existing database and its companions private too.
 */
export function keepSqlitePrivate(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_MODE));
  for (const suffix of SQLITE_FILES) if (existsSync(`${file}${suffix}`)) chmodSync(`${file}${suffix}`, PRIVATE_MODE);
}
