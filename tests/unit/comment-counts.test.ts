import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrateSqlite } from '@/lib/db/migrate';
import { seededSite } from './helpers/seeded-site';

// The counts behind every page of comments are kept by triggers in the database: they must equal
// a count of the rows after any write, whoever makes it and however many rows it touches.
const site = seededSite();
const OPEN = 'le-marketing-2-0-c-est-quoi';
const OTHER = 'en-librairie-le-15-mai';

async function store(slug: string, fields: { parentId?: number | null; status?: string } = {}): Promise<number> {
  const row = await site.temp.db.comment.create({
    data: {
      articleSlug: slug,
      parentId: fields.parentId ?? null,
      authorName: 'Lecteur',
      authorEmail: 'lecteur@exemple.fr',
      body: 'Un commentaire.',
      status: fields.status ?? 'published',
      ipHash: 'test',
      bodyHash: `hash-${Math.random()}`,
    },
    select: { id: true },
  });
  return row.id;
}

/** The counts kept by the triggers, and the same counted from the rows. */
async function counts() {
  const kept = await site.temp.db.articleCommentCount.findMany({ orderBy: { articleSlug: 'asc' } });
  const recounted = await Promise.all(
    kept.map(async ({ articleSlug }) => ({
      articleSlug,
      published: await site.temp.db.comment.count({ where: { articleSlug, status: 'published' } }),
      publishedRoots: await site.temp.db.comment.count({ where: { articleSlug, status: 'published', parentId: null } }),
    })),
  );
  return { kept, recounted };
}

describe('the comment counts kept by the database', () => {
  it('count the seed\'s comments', async () => {
    const { kept, recounted } = await counts();
    expect(kept.some((row) => row.published > 0)).toBe(true);
    expect(kept).toEqual(recounted);
  });

  it('start, in a database migrated before them, from the comments already there', () => {
    if (site.temp.provider !== 'sqlite') return;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'comment-counts-'));
    try {
      const migrations = path.join(dir, 'migrations');
      cpSync(MIGRATIONS_DIR, migrations, { recursive: true, filter: (source) => !source.includes('20261130130000_comment_counts') });
      const file = path.join(dir, 'db.sqlite');
      migrateSqlite(file, migrations);
      const sqlite = new Database(file);
      sqlite.prepare(`INSERT INTO "Article" ("slug") VALUES (?)`).run(OPEN);
      const insert = sqlite.prepare(
        `INSERT INTO "Comment" ("articleSlug", "parentId", "authorName", "authorEmail", "body", "status", "ipHash", "bodyHash") VALUES (?, ?, 'L', 'l@exemple.fr', 'Texte', ?, 'x', ?)`,
      );
      const root = Number(insert.run(OPEN, null, 'published', 'a').lastInsertRowid);
      insert.run(OPEN, root, 'published', 'b');
      insert.run(OPEN, null, 'spam', 'c');
      sqlite.close();
      cpSync(path.join(MIGRATIONS_DIR, '20261130130000_comment_counts'), path.join(migrations, '20261130130000_comment_counts'), { recursive: true });
      migrateSqlite(file, migrations);
      const migrated = new Database(file, { readonly: true });
      expect(migrated.prepare(`SELECT "published", "publishedRoots" FROM "ArticleCommentCount" WHERE "articleSlug" = ?`).get(OPEN)).toEqual({ published: 2, publishedRoots: 1 });
      migrated.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follow inserts, status changes in batches, moves, parents removed and articles removed', async () => {
    await site.temp.db.article.upsert({ where: { slug: OTHER }, create: { slug: OTHER }, update: {} });
    const parent = await store(OPEN);
    const replies = [await store(OPEN, { parentId: parent }), await store(OPEN, { parentId: parent, status: 'pending' })];
    const held = await store(OPEN, { status: 'pending' });
    const elsewhere = await store(OTHER);
    let { kept, recounted } = await counts();
    expect(kept).toEqual(recounted);

    // One statement over many rows, parents and replies together, in both directions.
    await site.temp.db.comment.updateMany({ where: { id: { in: [parent, ...replies, held] } }, data: { status: 'deleted' } });
    ({ kept, recounted } = await counts());
    expect(kept).toEqual(recounted);
    await site.temp.db.comment.updateMany({ where: { id: { in: [parent, replies[0]!, held] } }, data: { status: 'published' } });
    await site.temp.db.comment.update({ where: { id: elsewhere }, data: { articleSlug: OPEN } });
    ({ kept, recounted } = await counts());
    expect(kept).toEqual(recounted);

    // A removed parent leaves its replies without one (ON DELETE SET NULL): they count as roots.
    await site.temp.db.comment.delete({ where: { id: parent } });
    ({ kept, recounted } = await counts());
    expect(kept).toEqual(recounted);
    await site.temp.db.comment.deleteMany({ where: { articleSlug: OPEN, status: 'published' } });
    ({ kept, recounted } = await counts());
    expect(kept.find((row) => row.articleSlug === OPEN)).toMatchObject({ published: 0, publishedRoots: 0 });
    expect(kept).toEqual(recounted);

    await site.temp.db.article.delete({ where: { slug: OTHER } });
    expect(await site.temp.db.articleCommentCount.findUnique({ where: { articleSlug: OTHER } })).toBeNull();
  });
});
