import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { postComment } from '@/lib/comments/service';
import { editComment, moderateComments, replyAsAuthor } from '@/lib/admin/moderation';
import { updateArticleState } from '@/lib/admin/articles';
import { fullExportChunks } from '@/lib/admin/export/full';
import type { Database } from '@/lib/db/client';
import { importComments } from '@/lib/import/import-comments';
import { readFileBytes } from '@/lib/import/source-text';
import { seed } from '@/prisma/seed';
import { after, days } from './helpers/clock';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

const OPEN = 'le-marketing-2-0-c-est-quoi';

let source: TempDatabase;
let target: TempDatabase;
let articles: Article[];
let dir: string;

beforeEach(async () => {
  [source, target] = await Promise.all([createTempDatabase(), createTempDatabase()]);
  articles = await readArticles();
  dir = mkdtempSync(path.join(tmpdir(), 'm20-roundtrip-'));
});
afterEach(async () => {
  await Promise.all([source.cleanup(), target.cleanup()]);
  rmSync(dir, { recursive: true, force: true });
});

const importInto = (db: Database, file: string, dryRun = false) =>
  importComments({ bytes: readFileBytes(file), dryRun }, { db, actor: 'auteur@example.com', articles: async () => articles, ipHashSalt: 'sel' });

/** A site with a bit of everything: threads, replies, the author's reply, every status, an edit, states, an earlier import. */
async function buildSite(db: Database) {
  await seed(db, articles);
  const context = { db, ip: '203.0.113.7', articles: async () => articles, rateLimit: null };
  const post = async (body: string, parentId?: number, name = 'Élodie Garnier') => {
    const result = await postComment(OPEN, { name, email: 'elodie@example.fr', website: 'https://elodie.example', body, parentId }, context);
    if (!result.ok) throw new Error(result.message);
    return result.comment.id;
  };
  const first = await post('Premier commentaire, « avec » des accents.\n\nEt un second paragraphe.');
  await post('Une réponse.', first, 'Noémie');
  const held = await post('Deux liens : https://a.example et https://b.example');
  const spam = await post('Achetez maintenant', undefined, 'Robot');
  const gone = await post('Supprimé ensuite', undefined, 'Benoît');
  await moderateComments(db, 'spam', [spam], 'auteur@example.com');
  await moderateComments(db, 'delete', [gone], 'auteur@example.com');
  expect((await db.comment.findUniqueOrThrow({ where: { id: held } })).status).toBe('pending');
  await editComment(db, first, 'Premier commentaire, corrigé.', 'auteur@example.com');
  await replyAsAuthor(db, first, 'Merci à vous !', { email: 'auteur@example.com' });
  await updateArticleState(db, articles.find((article) => article.slug === OPEN) ?? articles[0]!, { closesAt: after(days(365)) }, 'auteur@example.com');
  expect((await importInto(db, 'tests/fixtures/import/wordpress.xml')).ok).toBe(true);
}

function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

/** Every comment and article state, with each reply's parent as its position: ids may differ between databases. */
async function snapshot(db: Database) {
  const comments = await db.comment.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const position = new Map(comments.map((comment, index) => [comment.id, index]));
  return {
    articles: await db.article.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, commentsOpen: true, closedAt: true, closedBy: true, closesAt: true } }),
    comments: comments.map((comment) => ({ ...without(comment, 'id', 'parentId', 'ipHash'), parent: comment.parentId === null ? null : position.get(comment.parentId) })),
  };
}

async function exportTo(db: Database, file: string) {
  await pipeline(Readable.from(fullExportChunks(db, 'https://marketing.example')), createWriteStream(file));
}

describe('the site’s full export', () => {
  it('is one JSON document, with its format and version', async () => {
    await buildSite(source.db);
    const file = path.join(dir, 'export.json');
    await exportTo(source.db, file);
    const document = JSON.parse(readFileSync(file, 'utf8')) as { format: string; version: number; records: { type: string }[] };
    expect(document).toMatchObject({ format: 'marketing-2-0/commentaires', version: 1 });
    expect(document.records.filter((record) => record.type === 'comment')).toHaveLength(await source.db.comment.count());
  });

  it('rebuilds the same threads, statuses, dates and article states in an empty database, field by field', async () => {
    await buildSite(source.db);
    const file = path.join(dir, 'export.json');
    await exportTo(source.db, file);
    const preview = await importInto(target.db, file, true);
    expect(preview.ok && preview.report.unmatched).toEqual([]);
    expect(await target.db.comment.count()).toBe(0);

    const result = await importInto(target.db, file);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const [before, after] = [await snapshot(source.db), await snapshot(target.db)];
    expect(after.articles).toEqual(before.articles);
    // Comments of the site's own keep their id in the export as their import id; earlier imports keep theirs.
    expect(after.comments.map((comment) => without(comment, 'importSource', 'importId'))).toEqual(
      before.comments.map((comment) => without(comment, 'importSource', 'importId')),
    );
    const imported = after.comments.filter((comment) => comment.importSource?.startsWith('wxr:'));
    expect(imported.map((comment) => comment.importId).sort()).toEqual(['101', '102', '103', '104', '201']);

    const again = await importInto(target.db, file);
    expect(again.ok && again.report.totals.added).toBe(0);
    expect(await target.db.comment.count()).toBe(before.comments.length);
  });

  it('adds nothing when the export goes back into the database it came from, nor when a copy’s export comes back', async () => {
    await buildSite(source.db);
    const file = path.join(dir, 'export.json');
    await exportTo(source.db, file);
    const before = await snapshot(source.db);

    const preview = await importInto(source.db, file, true);
    expect(preview.ok && preview.report.totals).toMatchObject({ added: 0, existing: before.comments.length });
    const back = await importInto(source.db, file);
    expect(back.ok && back.report.totals).toMatchObject({ added: 0, existing: before.comments.length });
    expect(await snapshot(source.db)).toEqual(before);

    // Restored elsewhere, then that copy's export brought back: still the same comments.
    expect((await importInto(target.db, file)).ok).toBe(true);
    const copy = path.join(dir, 'copie.json');
    await exportTo(target.db, copy);
    const fromCopy = await importInto(source.db, copy);
    expect(fromCopy.ok && fromCopy.report.totals.added).toBe(0);
    expect(await snapshot(source.db)).toEqual(before);
  });

  it('refuses a version it does not know, and a file cut short', async () => {
    const file = path.join(dir, 'export.json');
    writeFileSync(file, '{"format":"marketing-2-0/commentaires","version":2,"exportedAt":"2026-11-30T00:00:00.000Z","site":"x","records":[\n]}\n');
    expect(await importInto(target.db, file)).toMatchObject({ ok: false, message: expect.stringMatching(/^Ligne 1 : version 2 de l’export non prise en charge/) });
    writeFileSync(file, '{"format":"marketing-2-0/commentaires","version":1,"exportedAt":"2026-11-30T00:00:00.000Z","site":"x","records":[\n{"type":"article","slug":"en-librairie-le-15-mai","commentsOpen":true,"closedAt":null,"closedBy":null,"closesAt":null}\n');
    expect(await importInto(target.db, file)).toMatchObject({ ok: false, message: expect.stringMatching(/^Ligne 2 : export incomplet/) });
    expect(await target.db.article.count()).toBe(0);
  });
});
