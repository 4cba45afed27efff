import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { postComment } from '@/lib/comments/service';
import { backupDatabase, restoreDatabase } from '@/lib/db/backup';
import { seededSite } from './helpers/seeded-site';

const OPEN = 'le-marketing-2-0-c-est-quoi';
const site = seededSite();

let dir: string;
let emptyUrl: string;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'm20-pg-backup-'));
  const server = inject('postgresUrl');
  const url = new URL(server);
  url.pathname = `/restore_${Date.now().toString(36)}`;
  emptyUrl = url.toString();
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${url.pathname.slice(1)}"`);
  await admin.end();
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: inject('postgresUrl') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(emptyUrl).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
});

async function commentRows(url: string): Promise<{ id: number; body: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ id: number; body: string }>(`SELECT id, body FROM "Comment" ORDER BY id`)).rows;
  } finally {
    await client.end();
  }
}

describe('backing up and restoring the PostgreSQL database', () => {
  it('restores every comment with pg_dump and pg_restore, and replaces tables only with --force', async () => {
    for (let index = 0; index < 10; index++) {
      const result = await postComment(OPEN, { name: 'Lectrice', email: `lectrice-${index}@exemple.fr`, body: `Sauvegardé, n° ${index}.` }, site.context);
      expect(result.ok).toBe(true);
    }
    const backup = await backupDatabase(site.temp.url, path.join(dir, 'sauvegarde.dump'));
    expect(backup.bytes).toBeGreaterThan(0);

    await restoreDatabase(backup.file, emptyUrl);
    const original = await commentRows(site.temp.url);
    expect(original.length).toBeGreaterThanOrEqual(10);
    expect(await commentRows(emptyUrl)).toEqual(original);

    await expect(restoreDatabase(backup.file, emptyUrl)).rejects.toThrow(/contient déjà des tables.*--force/);
    await restoreDatabase(backup.file, emptyUrl, { force: true });
    expect(await commentRows(emptyUrl)).toEqual(original);
  });
});
