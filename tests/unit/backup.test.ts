import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postComment } from '@/lib/comments/service';
import { backupDatabase, defaultBackupPath, restoreDatabase } from '@/lib/db/backup';
import { seededSite } from './helpers/seeded-site';

const OPEN = 'le-marketing-2-0-c-est-quoi';
const site = seededSite();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'm20-backup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function readComments(file: string): { integrity: unknown; rows: { id: number; body: string }[] } {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    const rows = sqlite.prepare(`SELECT id, body FROM "Comment" ORDER BY id`).all() as { id: number; body: string }[];
    return { integrity, rows };
  } finally {
    sqlite.close();
  }
}

/** The comment writer in its own process, and the ids it has committed so far. */
function startWriter(file: string): { child: ChildProcess; committed: number[]; stop: () => Promise<void> } {
  const child = spawn(process.execPath, ['tests/unit/helpers/comment-writer.mjs', file, OPEN], { stdio: ['ignore', 'pipe', 'inherit'] });
  const committed: number[] = [];
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    committed.push(...lines.map(Number));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    committed,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Other processes and a loaded machine: more than the default 5 s.
describe('backing up and restoring the SQLite database', { timeout: 30_000 }, () => {
  it('keeps every comment committed before the backup, taken while another process writes', async () => {
    const posted: number[] = [];
    for (let index = 0; index < 20; index++) {
      const result = await postComment(OPEN, { name: 'Lectrice', email: `lectrice-${index}@exemple.fr`, body: `Avant la sauvegarde, n° ${index}.` }, site.context);
      if (!result.ok) throw new Error(result.message);
      posted.push(result.comment.id);
    }
    const writer = startWriter(site.temp.file);
    try {
      await until(() => writer.committed.length >= 50);
      const committedBefore = [...posted, ...writer.committed];
      const backup = await backupDatabase(site.temp.url, path.join(dir, 'sauvegarde.db'));
      const writtenDuring = writer.committed.length;
      await until(() => writer.committed.length >= writtenDuring + 50);
      await writer.stop();

      const restoredUrl = `file:${path.join(dir, 'restauree.db')}`;
      const restore = await restoreDatabase(backup.file, restoredUrl);
      expect(restore.previousKeptIn).toBeNull();

      const original = readComments(site.temp.file);
      const restored = readComments(path.join(dir, 'restauree.db'));
      expect(restored.integrity).toBe('ok');
      const restoredIds = new Set(restored.rows.map((row) => row.id));
      for (const id of committedBefore) expect(restoredIds.has(id), `comment ${id}`).toBe(true);
      // A snapshot: the comments of the original up to some point, each as it was, and nothing else.
      expect(restored.rows).toEqual(original.rows.slice(0, restored.rows.length));
      expect(restored.rows.length).toBe(backup.comments);
      // The writer kept going during and after the backup: the original has more.
      expect(original.rows.length).toBeGreaterThan(restored.rows.length);
    } finally {
      if (writer.child.exitCode === null) await writer.stop();
    }
  });

  it('refuses to replace an existing database without --force, then keeps it beside the restored one', async () => {
    const backup = await backupDatabase(site.temp.url, path.join(dir, 'sauvegarde.db'));
    const target = path.join(dir, 'cible.db');
    await restoreDatabase(backup.file, `file:${target}`);
    const result = await postComment(OPEN, { name: 'Lecteur', email: 'lecteur@exemple.fr', body: 'Après la sauvegarde.' }, site.context);
    expect(result.ok).toBe(true);
    const newer = await backupDatabase(site.temp.url, path.join(dir, 'plus-recente.db'));

    await expect(restoreDatabase(newer.file, `file:${target}`)).rejects.toThrow(/existe déjà.*--force/);
    const forced = await restoreDatabase(newer.file, `file:${target}`, { force: true });
    expect(forced.comments).toBe(newer.comments);
    expect(forced.previousKeptIn).toMatch(/cible-avant-restauration-.*\.db$/);
    expect(readComments(forced.previousKeptIn ?? '').rows.length).toBe(backup.comments);
    expect(readComments(target).rows.length).toBe(newer.comments);
    // Backups, the copy kept aside and the restored base hold readers' e-mails: this user's only.
    for (const file of [backup.file, newer.file, forced.previousKeptIn ?? '', target]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
  });

  it('refuses to restore over a database that the server has open, even with --force', async () => {
    const backup = await backupDatabase(site.temp.url, path.join(dir, 'sauvegarde.db'));
    const writer = startWriter(site.temp.file);
    try {
      await until(() => writer.committed.length > 0);
      await expect(restoreDatabase(backup.file, site.temp.url, { force: true })).rejects.toThrow(/ouverte par un autre processus/);
    } finally {
      await writer.stop();
    }
  });

  it('refuses a file that is not a database of the site, and never overwrites a backup', async () => {
    const notADatabase = path.join(dir, 'notes.db');
    writeFileSync(notADatabase, 'pas une base');
    await expect(restoreDatabase(notADatabase, `file:${path.join(dir, 'x.db')}`)).rejects.toThrow(/pas une base SQLite/);
    expect(existsSync(path.join(dir, 'x.db'))).toBe(false);

    await backupDatabase(site.temp.url, path.join(dir, 'sauvegarde.db'));
    await expect(backupDatabase(site.temp.url, path.join(dir, 'sauvegarde.db'))).rejects.toThrow(/existe déjà/);
    expect(readdirSync(dir).filter((name) => name.includes('partiel'))).toEqual([]);
  });

  it('names backups after the database and the time', () => {
    const now = new Date('2026-05-15T08:30:00.123Z');
    expect(defaultBackupPath('file:./data/marketing-2-0.db', now)).toBe(path.join('backups', 'marketing-2-0-2026-05-15T08-30-00Z.db'));
    expect(defaultBackupPath('postgresql://site:secret@127.0.0.1:5432/livre?schema=public', now)).toBe(path.join('backups', 'livre-2026-05-15T08-30-00Z.dump'));
  });
});
