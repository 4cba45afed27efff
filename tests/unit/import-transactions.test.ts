import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { commentsTag } from '@/lib/comments/cache-tags';
import { planPurge } from '@/lib/comments/purge-plan';
import { repliesPagePath } from '@/lib/comments/paging';
import { ARTICLE_WRITE_FAILED } from '@/lib/import/import-comments';
import { NOW } from './helpers/clock';
import { importSite } from './helpers/import-site';

const FIXTURE = 'tests/fixtures/import/wordpress.xml';
const OPEN = 'le-marketing-2-0-c-est-quoi';
const CLOSED = 'en-librairie-le-15-mai';

// The import's clock (an article it closes is dated by it), from the real now: it writes to a real database.
const site = importSite(FIXTURE, { now: NOW });

/** Makes the database refuse any comment written to `slug`, as a full disk or a broken constraint would. */
async function refuseCommentsOf(slug: string) {
  const { db, provider } = site.temp;
  if (provider === 'sqlite') {
    await db.$executeRawUnsafe(`CREATE TRIGGER "refuse_import" BEFORE INSERT ON "Comment" WHEN NEW."articleSlug" = '${slug}' BEGIN SELECT RAISE(ABORT, 'refusé pour le test'); END`);
    return;
  }
  await db.$executeRawUnsafe(
    `CREATE FUNCTION "refuse_import"() RETURNS trigger AS $$ BEGIN IF NEW."articleSlug" = '${slug}' THEN RAISE EXCEPTION 'refusé pour le test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
  );
  await db.$executeRawUnsafe(`CREATE TRIGGER "refuse_import" BEFORE INSERT ON "Comment" FOR EACH ROW EXECUTE FUNCTION "refuse_import"()`);
}

/** The fixture's bytes in two pieces, with `between` run after the first: while the import is reading the file. */
async function* pausedHalfway(between: () => void): AsyncGenerator<Uint8Array> {
  const bytes = readFileSync(FIXTURE);
  // Past the first comment of the first post: the old single transaction had written its article by then.
  const half = bytes.indexOf('</wp:comment>') + 20;
  yield bytes.subarray(0, half);
  between();
  yield bytes.subarray(half);
}

describe('an import writes each article in its own transaction', () => {
  it('imports the other articles when one fails, and leaves the failed one as it was, comments and state', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await refuseCommentsOf(OPEN);
    const result = await site.run();
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.report.articles.map((article) => [article.slug, article.added])).toEqual([[CLOSED, 1]]);
    expect(result.report.failed).toEqual([{ slug: OPEN, title: expect.any(String), message: ARTICLE_WRITE_FAILED }]);
    expect(result.report.totals).toMatchObject({ added: 1 });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining(OPEN), expect.anything());
    errors.mockRestore();

    const { db } = site.temp;
    expect(await db.comment.count({ where: { articleSlug: OPEN } })).toBe(0);
    // Its post was closed at the source; the failed article is not closed either.
    expect(await db.article.findUnique({ where: { slug: OPEN } })).toBeNull();
    expect(await db.comment.count({ where: { articleSlug: CLOSED } })).toBe(1);
    const audit = await db.auditLog.findMany();
    expect(audit.map((line) => JSON.parse(line.details ?? '{}').article)).toEqual([CLOSED]);
    expect((await db.cacheTag.findMany()).map((row) => row.tag).sort()).toEqual([commentsTag(CLOSED)]);

    // Once the cause is gone, importing again brings the failed article, and only it.
    await db.$executeRawUnsafe(`DROP TRIGGER "refuse_import"${site.temp.provider === 'postgresql' ? ' ON "Comment"' : ''}`);
    const again = await site.run();
    expect(again.ok && again.report.articles.map((article) => [article.slug, article.added, article.existing])).toEqual([
      [CLOSED, 0, 1],
      [OPEN, 4, 0],
    ]);
    expect(await db.article.findUnique({ where: { slug: OPEN } })).toMatchObject({ commentsOpen: false, closedBy: 'import' });
  });

  it('holds no write lock while it reads the file: the site writes in the meantime without waiting', async ({ skip }) => {
    if (site.temp.provider !== 'sqlite') skip('the write lock is SQLite’s');
    // Another connection, as the site's server is, that gives up at once rather than wait for the lock.
    const other = new Database(site.temp.file, { timeout: 0 });
    let written = false;
    try {
      const result = await site.run({
        bytes: pausedHalfway(() => {
          other.prepare(`INSERT INTO "AuditLog" ("actor", "action", "target") VALUES ('lecteur', 'test', 'pendant la lecture')`).run();
          written = true;
        }),
      });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    } finally {
      other.close();
    }
    expect(written).toBe(true);
    expect(await site.temp.db.comment.count()).toBe(5);
  });

  it('tells which replies pages changed: those of the comments that got a reply, for the caches in front', async () => {
    const result = await site.run();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const parent = await site.temp.db.comment.findFirstOrThrow({ where: { importId: '101' } });
    expect(result.report.changed).toEqual([
      { slug: CLOSED, pages: 'all', repliesOf: [] },
      { slug: OPEN, pages: 'all', repliesOf: [parent.id] },
    ]);
    const plan = await planPurge(site.temp.db, result.report.changed);
    expect(plan.now).toEqual(expect.arrayContaining([`/articles/${OPEN}`, `/articles/${CLOSED}`, '/']));
    expect(plan.later).toContain(repliesPagePath(OPEN, parent.id));

    // A later file with only a new reply to that comment: its page of replies changes again, nothing else.
    // (Another text: the same author's same text would be « déjà là », as posting refuses it.)
    const reply = readFileSync(FIXTURE, 'utf8').replace(/<wp:comment_id>102<\/wp:comment_id>([\s\S]*?)<!\[CDATA\[(?=[^\]]*\]\]><\/wp:comment_content>)/, (_, between) =>
      `<wp:comment_id>109</wp:comment_id>${between.replace(/<wp:comment_content><!\[CDATA\[$/, '')}<![CDATA[Une autre réponse. `);
    const next = await site.run({ bytes: Readable.from([Buffer.from(reply)]) });
    expect(next.ok && next.report.totals.added).toBe(1);
    expect(next.ok && next.report.changed).toEqual([{ slug: OPEN, pages: 'all', repliesOf: [parent.id] }]);
  });

  it('plans the purge of an import that replied to more comments than a statement takes parameters', async () => {
    const repliesOf = Array.from({ length: 40_000 }, (_, index) => index + 1);
    const plan = await planPurge(site.temp.db, [{ slug: OPEN, pages: 'all', repliesOf }]);
    expect(plan.now).toContain(`/articles/${OPEN}`);
    expect(plan.later).toContain(repliesPagePath(OPEN, 40_000));
  });

  it('changes nothing and reports no page when everything is there already', async () => {
    expect((await site.run()).ok).toBe(true);
    const audit = await site.temp.db.auditLog.count();
    const again = await site.run();
    expect(again.ok && again.report.changed).toEqual([]);
    expect(await site.temp.db.auditLog.count()).toBe(audit);
  });
});
