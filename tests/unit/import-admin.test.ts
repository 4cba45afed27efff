import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db/client';
import { importUpload, previewUpload } from '@/lib/import/admin-import';
import { UPLOAD_GONE, uploadErrorMessage } from '@/lib/import/form-state';
import { findUpload, receiveUpload, removeExpiredUploads, UPLOAD_LIFETIME_MS, uploadsDir } from '@/lib/import/uploads';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

// The import page's path, from the upload's request to the import: the uploads folder is this
// test's own (IMPORT_DIR, read once by the config), and the app's client is this test's database.
const page = await vi.hoisted(async () => {
  const { tmpdir: temporary } = await import('node:os');
  const { join } = await import('node:path');
  const dir = join(temporary(), `m20-uploads-${process.pid}-${Date.now()}`, 'envois');
  process.env.IMPORT_DIR = dir;
  return { dir, db: null as Database | null };
});
vi.mock('@/lib/db', () => ({
  get db() {
    return page.db;
  },
}));

const FIXTURE = 'tests/fixtures/import/wordpress.xml';
const OPEN = 'le-marketing-2-0-c-est-quoi';
const CLOSED = 'en-librairie-le-15-mai';

let temp: TempDatabase;
beforeEach(async () => {
  temp = await createTempDatabase();
  page.db = temp.db;
});
afterEach(async () => {
  await temp.cleanup();
  rmSync(page.dir, { recursive: true, force: true });
});
afterAll(() => rmSync(path.dirname(page.dir), { recursive: true, force: true }));

/** The import form as a browser posts it. */
function formRequest(file: Buffer | null, { format = '', name = 'export.xml' } = {}) {
  const form = new FormData();
  form.append('format', format);
  form.append('fichier', new Blob(file ? [new Uint8Array(file)] : []), file ? name : '');
  return new Request('http://localhost/api/admin/import', { method: 'POST', body: form });
}

/** A request whose body comes as a stream, with no Content-Length: the size is only known by reading it. */
function streamedRequest(request: Request) {
  return new Request(request.url, { method: 'POST', headers: { 'content-type': request.headers.get('content-type') ?? '' }, body: request.body, duplex: 'half' } as RequestInit);
}

async function upload(file: Buffer, options?: { format?: string; name?: string }) {
  const result = await receiveUpload(formRequest(file, options));
  if (!result.ok) throw new Error(result.error);
  return result.token;
}

describe('the import page: upload, preview, import', () => {
  it('keeps the upload in a private folder under a random token, previews it, imports it with the mapping, then removes it', async () => {
    const token = await upload(readFileSync(FIXTURE), { name: 'blog.xml' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(page.dir).mode & 0o777).toBe(0o700);
    const stored = readdirSync(page.dir).map((name) => [name, statSync(path.join(page.dir, name)).mode & 0o777]);
    expect(stored.sort()).toEqual([
      [`${token}.json`, 0o600],
      [`${token}.upload`, 0o600],
    ]);
    expect(readFileSync(path.join(page.dir, `${token}.upload`)).equals(readFileSync(FIXTURE))).toBe(true);

    const preview = await previewUpload(token);
    expect(preview).toMatchObject({ status: 'ready', name: 'blog.xml', report: { dryRun: true, totals: { added: 5 }, unmatched: [{ key: '30' }] } });
    expect(await temp.db.comment.count()).toBe(0);

    const done = await importUpload(token, new Map([['30', CLOSED]]), 'auteur@exemple.fr');
    expect(done).toMatchObject({ status: 'done', name: 'blog.xml', report: { dryRun: false, totals: { added: 6 }, unmatched: [], failed: [] } });
    expect(done.status === 'done' && 'changed' in done.report).toBe(false);
    expect(await temp.db.comment.count({ where: { articleSlug: CLOSED } })).toBe(2);
    expect(await temp.db.auditLog.count({ where: { actor: 'auteur@exemple.fr', action: 'comments.import' } })).toBe(2);
    expect(readdirSync(page.dir)).toEqual([]);
    expect(await importUpload(token, new Map(), 'auteur@exemple.fr')).toEqual({ status: 'error', message: UPLOAD_GONE });
    expect(await previewUpload(token)).toEqual({ status: 'missing' });
  });

  it('previews 0 to add when the same file comes again', async () => {
    const first = await upload(readFileSync(FIXTURE));
    expect((await importUpload(first, new Map(), 'auteur')).status).toBe('done');
    const again = await previewUpload(await upload(readFileSync(FIXTURE)));
    expect(again).toMatchObject({ status: 'ready', report: { totals: { added: 0, existing: 5 } } });
  });

  it('shows the French message of a malformed or hostile file, and imports nothing from it', async () => {
    const hostile = Buffer.from('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<rss><channel>&x;</channel></rss>\n');
    const token = await upload(hostile, { name: 'piege.xml', format: 'wxr' });
    expect(await previewUpload(token)).toEqual({ status: 'refused', name: 'piege.xml', message: expect.stringMatching(/^Ligne 2 : déclaration DOCTYPE refusée.*Rien n’a été importé\.$/) });
    expect(await importUpload(token, new Map(), 'auteur')).toMatchObject({ status: 'error', message: expect.stringContaining('Ligne 2') });
    expect(await temp.db.comment.count()).toBe(0);

    const wrongFormat = await upload(readFileSync(FIXTURE), { format: 'mt' });
    expect(await previewUpload(wrongFormat)).toMatchObject({ status: 'refused' });
    expect(await previewUpload(await upload(Buffer.from('bonjour\n')))).toMatchObject({ status: 'refused', message: expect.stringContaining('format de fichier non reconnu') });
  });

  it('refuses an upload over the limit, whether its length is declared or only found by reading, and keeps nothing of it', async () => {
    const file = Buffer.alloc(200_000, 'x');
    expect(await receiveUpload(formRequest(file), 100_000)).toEqual({ ok: false, error: 'trop-volumineux' });
    expect(await receiveUpload(streamedRequest(formRequest(file)), 100_000)).toEqual({ ok: false, error: 'trop-volumineux' });
    expect(readdirSync(page.dir)).toEqual([]);
    expect(uploadErrorMessage('trop-volumineux', 100 * 1024 * 1024)).toBe(
      'Fichier trop volumineux : 100 Mo au plus. Exportez moins à la fois (par période), ou utilisez la commande « npm run import ».',
    );
  });

  it('refuses a form without a file, a body that is not a form, and an unknown format', async () => {
    expect(await receiveUpload(formRequest(null))).toEqual({ ok: false, error: 'fichier-manquant' });
    const json = new Request('http://localhost/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await receiveUpload(json)).toEqual({ ok: false, error: 'envoi-illisible' });
    expect(await receiveUpload(formRequest(readFileSync(FIXTURE), { format: 'docx' }))).toEqual({ ok: false, error: 'envoi-illisible' });
    expect(readdirSync(page.dir)).toEqual([]);
    expect(uploadErrorMessage('inconnue', 1)).toBeUndefined();
  });

  it('finds an upload by its token only, and forgets it after an hour', async () => {
    const token = await upload(readFileSync(FIXTURE));
    for (const forged of ['../../etc/passwd', `${token}/../x`, 'a'.repeat(43), '']) expect(await findUpload(forged)).toBeNull();
    expect(await findUpload(token)).not.toBeNull();
    expect(await findUpload(token, Date.now() + UPLOAD_LIFETIME_MS + 60_000)).toBeNull();
    expect(readdirSync(page.dir)).toEqual([]);

    // Files left by an upload cut short, or an import stopped half-way, go after their lifetime too.
    const left = await upload(readFileSync(FIXTURE));
    const old = (Date.now() - UPLOAD_LIFETIME_MS - 60_000) / 1000;
    for (const name of readdirSync(page.dir)) utimesSync(path.join(page.dir, name), old, old);
    await removeExpiredUploads(page.dir);
    expect(readdirSync(page.dir)).toEqual([]);
    expect(await previewUpload(left)).toEqual({ status: 'missing' });
  });

  it('keeps its folder to this user: brought back to 0700, refused when it is a link', () => {
    const base = mkdtempSync(path.join(tmpdir(), 'm20-dossier-'));
    try {
      const open = path.join(base, 'ouvert');
      mkdirSync(open, { mode: 0o755 });
      expect(uploadsDir(open)).toBe(open);
      expect(lstatSync(open).mode & 0o777).toBe(0o700);
      const link = path.join(base, 'lien');
      symlinkSync(open, link);
      expect(() => uploadsDir(link)).toThrow(/pas un lien/);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('the page and the command share one import', () => {
  it('imports the same way from an upload as from the file itself', async () => {
    const token = await upload(readFileSync(FIXTURE));
    const result = await importUpload(token, new Map(), 'auteur');
    expect(result.status === 'done' && result.report.articles.map((article) => [article.slug, article.added, article.replies, article.stateChange])).toEqual([
      [CLOSED, 1, 0, null],
      [OPEN, 4, 2, 'close'],
    ]);
  });
});
