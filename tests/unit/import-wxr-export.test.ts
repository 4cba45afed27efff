import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { postComment } from '@/lib/comments/service';
import { moderateComments, replyAsAuthor } from '@/lib/admin/moderation';
import { updateArticleState } from '@/lib/admin/articles';
import { wxrExportChunks } from '@/lib/admin/export/wxr';
import type { Database } from '@/lib/db/client';
import { importComments } from '@/lib/import/import-comments';
import { readFileBytes } from '@/lib/import/source-text';
import { seed } from '@/prisma/seed';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

const OPEN = 'le-marketing-2-0-c-est-quoi';
const SITE = { title: 'Marketing 2.0 & co', url: 'https://marketing.example', description: 'Le livre ]]> et ses commentaires' };

let source: TempDatabase;
let target: TempDatabase;
let articles: Article[];
let dir: string;

beforeEach(async () => {
  [source, target] = await Promise.all([createTempDatabase(), createTempDatabase()]);
  articles = await readArticles();
  dir = mkdtempSync(path.join(tmpdir(), 'm20-wxr-'));
});
afterEach(async () => {
  await Promise.all([source.cleanup(), target.cleanup()]);
  rmSync(dir, { recursive: true, force: true });
});

/** Each comment as WordPress keeps it: dates to the second, replies by their parent's position. */
async function threads(db: Database) {
  const rows = await db.comment.findMany({ where: { status: { not: 'deleted' } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const position = new Map(rows.map((row, index) => [row.id, index]));
  return rows.map((row) => ({
    articleSlug: row.articleSlug,
    authorName: row.authorName,
    authorEmail: row.authorEmail,
    authorWebsite: row.authorWebsite,
    body: row.body,
    status: row.status,
    createdAt: Math.floor(row.createdAt.getTime() / 1000),
    parent: row.parentId === null ? null : position.get(row.parentId),
  }));
}

describe('the WordPress export (WXR)', () => {
  it('is read back by the WXR importer: same threads, statuses, texts and closed articles', async () => {
    await seed(source.db, articles);
    const context = { db: source.db, ip: '203.0.113.7', articles: async () => articles, rateLimit: null };
    const post = async (body: string, parentId?: number) => {
      const result = await postComment(OPEN, { name: 'Céline <Bonnet>', email: 'celine@example.fr', website: 'https://celine.example', body, parentId }, context);
      if (!result.ok) throw new Error(result.message);
      return result.comment.id;
    };
    const first = await post('Texte brut avec <b>des chevrons</b>, & une esperluette, et ]]> la fin d’un CDATA.\n\nDeuxième paragraphe.');
    await post('Une réponse.', first);
    const spam = await post('Du spam');
    const gone = await post('Supprimé');
    await moderateComments(source.db, 'spam', [spam], 'auteur');
    await moderateComments(source.db, 'delete', [gone], 'auteur');
    await replyAsAuthor(source.db, first, 'Merci !', { email: 'auteur@example.com' });
    await updateArticleState(source.db, articles.find((article) => article.slug === OPEN) ?? articles[0]!, { commentsOpen: false }, 'auteur');

    const file = path.join(dir, 'wordpress.xml');
    await pipeline(Readable.from(wxrExportChunks(source.db, articles, SITE)), createWriteStream(file));
    const result = await importComments({ bytes: readFileBytes(file) }, { db: target.db, actor: 'auteur', articles: async () => articles, ipHashSalt: 'sel' });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.report).toMatchObject({ format: 'wxr', source: 'wxr:https://marketing.example', unmatched: [] });
    // The deleted comment goes to WordPress's trash, which an import leaves out.
    expect(result.report.totals.skipped).toBe(1);
    expect(await threads(target.db)).toEqual(await threads(source.db));
    for (const article of articles) {
      expect((await target.db.article.findUniqueOrThrow({ where: { slug: article.slug } })).commentsOpen, article.slug).toBe(false);
    }
  });
});
