import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupPostgres, restorePostgres } from './postgres-backup';
import { keepSqlitePrivate, SQLITE_FILES } from './sqlite-files';
import { sqliteFilePath } from './sqlite-path.cjs';
import { databaseTarget } from './target';

/** What a backup or a restore did, for the command-line messages. */
export type BackupResult = { file: string; bytes: number; comments: number | null };
export type RestoreResult = { target: string; comments: number | null; previousKeptIn: string | null };

// One backup step copies the whole file: a step sees one consistent snapshot (WAL mode lets the
// server keep writing meanwhile), where many small steps would restart after each of its writes.
const ALL_PAGES = 0x7fffffff;

/** `2026-05-15T10-30-00Z`: sortable, and valid in a file name everywhere. */
function backupTimestamp(now = new Date()): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
}

const protocolOf = (url: string) => databaseTarget(url).provider;

/** `backups/<nom de la base>-<horodatage>.db` (`.dump` pour PostgreSQL), depuis le dossier courant. */
export function defaultBackupPath(url: string, now = new Date()): string {
  if (protocolOf(url) === 'postgresql') {
    const name = decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
    return path.join('backups', `${name}-${backupTimestamp(now)}.dump`);
  }
  const name = path.basename(sqliteFilePath(url)).replace(/\.(db|sqlite3?)$/, '');
  return path.join('backups', `${name}-${backupTimestamp(now)}.db`);
}

/** A path as the messages show it: relative to the working folder when inside it. */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}
const shown = shownPath;

/** Opens a SQLite file that must exist; a file that is not a database fails with a French message. */
function openExisting(file: string): Database.Database {
  if (!existsSync(file)) throw new Error(`Fichier introuvable : ${shown(file)}`);
  return new Database(file, { fileMustExist: true, timeout: 15_000 });
}

/** `PRAGMA integrity_check` and the number of comments; throws unless the file is a sound site database. */
function inspectSqliteFile(file: string): { comments: number } {
  const sqlite = openExisting(file);
  try {
    let integrity: unknown;
    try {
      integrity = sqlite.pragma('integrity_check', { simple: true });
    } catch (error) {
      throw new Error(`${shown(file)} n’est pas une base SQLite lisible (${(error as Error).message}).`);
    }
    if (integrity !== 'ok') throw new Error(`${shown(file)} est endommagée : integrity_check a répondu « ${String(integrity)} ».`);
    const hasComments = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Comment'`).get();
    if (!hasComments) throw new Error(`${shown(file)} n’est pas une base du site (pas de table « Comment »).`);
    const { n } = sqlite.prepare(`SELECT COUNT(*) AS n FROM "Comment"`).get() as { n: number };
    return { comments: n };
  } finally {
    sqlite.close();
  }
}

/** Copies a live SQLite database to `destination` (written beside it, then renamed: never half a file). */
async function copySqlite(source: string, destination: string): Promise<void> {
  const partial = `${destination}.partiel`;
  for (const suffix of SQLITE_FILES) rmSync(`${partial}${suffix}`, { force: true });
  // Created private before SQLite writes into it: a backup holds the same personal data as the base.
  keepSqlitePrivate(partial);
  const sqlite = openExisting(source);
  try {
    await sqlite.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    sqlite.close();
  }
  renameSync(partial, destination);
}

/** True when another connection (the server?) has the file open: it then holds a lock we cannot take. */
function isInUse(file: string): boolean {
  const sqlite = openExisting(file);
  try {
    sqlite.pragma('busy_timeout = 0');
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE');
    sqlite.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    sqlite.close();
  }
}

/**
 * Online backup of the database of `url` into `destination` (default: defaultBackupPath): SQLite's
 * backup API, safe while the server writes; pg_dump (custom format) for PostgreSQL. The copy is
 * checked before it is kept. Never overwrites a file.
 */
export async function backupDatabase(url: string, destination = defaultBackupPath(url)): Promise<BackupResult> {
  const file = path.resolve(destination);
  if (existsSync(file)) throw new Error(`${shown(file)} existe déjà : choisissez un autre fichier.`);
  mkdirSync(path.dirname(file), { recursive: true });
  if (protocolOf(url) === 'postgresql') {
    await backupPostgres(url, file);
    return { file, bytes: statSync(file).size, comments: null };
  }
  const source = sqliteFilePath(url);
  if (!existsSync(source)) throw new Error(`La base ${shown(source)} n’existe pas (DATABASE_URL=${url}).`);
  await copySqlite(source, file);
  try {
    const { comments } = inspectSqliteFile(file);
    return { file, bytes: statSync(file).size, comments };
  } catch (error) {
    for (const suffix of SQLITE_FILES) rmSync(`${file}${suffix}`, { force: true });
    throw error;
  }
}

/**
 * Puts the backup `source` in place of the database of `url`. SQLite: only while the server is
 * stopped; an existing database is replaced only with `force`, after being kept beside it
 * (`<nom>-avant-restauration-<horodatage>.db`). PostgreSQL: pg_restore --clean --if-exists, in one
 * transaction; a database that already has tables is replaced only with `force`.
 */
export async function restoreDatabase(source: string, url: string, { force = false } = {}): Promise<RestoreResult> {
  const backup = path.resolve(source);
  if (!existsSync(backup)) throw new Error(`Sauvegarde introuvable : ${source}`);
  if (protocolOf(url) === 'postgresql') {
    await restorePostgres(backup, url, { force });
    return { target: new URL(url).pathname.slice(1), comments: null, previousKeptIn: null };
  }

  const { comments } = inspectSqliteFile(backup);
  const target = sqliteFilePath(url);
  if (target === backup) throw new Error('La sauvegarde et la base sont le même fichier.');
  let previousKeptIn: string | null = null;
  if (existsSync(target)) {
    if (isInUse(target)) {
      throw new Error(`La base ${shown(target)} est ouverte par un autre processus (le serveur ?) : arrêtez-le, puis relancez la restauration.`);
    }
    if (!force) {
      throw new Error(
        `La base ${shown(target)} existe déjà. Serveur arrêté, relancez avec --force pour la remplacer : elle sera d’abord copiée à côté.`,
      );
    }
    previousKeptIn = path.join(path.dirname(target), `${path.basename(target).replace(/\.db$/, '')}-avant-restauration-${backupTimestamp()}.db`);
    await copySqlite(target, previousKeptIn);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const incoming = `${target}.restauration`;
  await copySqlite(backup, incoming);
  // A WAL left by the replaced database would be replayed into the restored one: remove it first.
  for (const suffix of SQLITE_FILES) rmSync(`${target}${suffix}`, { force: true });
  renameSync(incoming, target);
  return { target, comments, previousKeptIn };
}
