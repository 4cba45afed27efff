import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticles, type Article } from '@/lib/content/load-articles';
import {
  CURSOR_MESSAGE,
  DEFAULT_PAGE_SIZE,
  LIMIT_MESSAGE,
  OTHER_ARTICLE_CURSOR_MESSAGE,
  decodeCursor,
  encodeCursor,
  parsePageRequest,
  readCommentPage,
  type ApiComment,
  type PageRequest,
} from '@/lib/comments/api-page';
import { seed } from '@/prisma/seed';
import { after, before, days, minutes, seconds } from './helpers/clock';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

const OPEN = 'le-marketing-2-0-c-est-quoi';
const CLOSED = 'en-librairie-le-15-mai';

const params = (query: Record<string, string>) => new URLSearchParams(query);
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('the page request', () => {
  it('reads the first fifty comments when nothing is asked', () => {
    expect(parsePageRequest(OPEN, params({}))).toEqual({ ok: true, value: { limit: DEFAULT_PAGE_SIZE, afterId: 0 } });
    expect(DEFAULT_PAGE_SIZE).toBe(50);
  });

  it('takes a limit from 1 to 100', () => {
    for (const limit of ['1', '7', '100', '050']) {
      expect(parsePageRequest(OPEN, params({ limit })), limit).toEqual({ ok: true, value: { limit: Number(limit), afterId: 0 } });
    }
  });

  it('refuses a limit that is not a whole number from 1 to 100, in French', () => {
    for (const limit of ['0', '101', '1000', '-1', '', ' 5', '5.0', '1e2', '0x10', 'abc', '2'.repeat(400)]) {
      expect(parsePageRequest(OPEN, params({ limit })), limit).toEqual({ ok: false, message: LIMIT_MESSAGE });
    }
    expect(LIMIT_MESSAGE).toBe('Le paramètre limit doit être un nombre entier entre 1 et 100.');
  });

  it('resumes after the id its cursor carries', () => {
    const cursor = encodeCursor(OPEN, 42);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ v: 1, slug: OPEN, after: 42 });
    expect(parsePageRequest(OPEN, params({ cursor, limit: '3' }))).toEqual({ ok: true, value: { limit: 3, afterId: 42 } });
  });

  it('refuses a malformed or forged cursor, in French', () => {
    const forged = [
      '',
      'abc',
      'pas un curseur',
      `${encodeCursor(OPEN, 42)}=`,
      base64url('{"v":1,"slug":'),
      base64url('null'),
      base64url('[1]'),
      base64url(JSON.stringify({ v: 2, slug: OPEN, after: 42 })),
      base64url(JSON.stringify({ v: 1, slug: OPEN, after: '42' })),
      base64url(JSON.stringify({ v: 1, slug: OPEN, after: 0 })),
      base64url(JSON.stringify({ v: 1, slug: OPEN, after: -5 })),
      base64url(JSON.stringify({ v: 1, slug: OPEN, after: 1.5 })),
      base64url(JSON.stringify({ v: 1, slug: OPEN, after: 2 ** 31 })),
      base64url(JSON.stringify({ v: 1, slug: OPEN, after: 42, extra: true })),
      base64url(JSON.stringify({ v: 1, after: 42 })),
      'A'.repeat(10_000),
    ];
    for (const cursor of forged) {
      expect(decodeCursor(cursor), cursor).toBeNull();
      expect(parsePageRequest(OPEN, params({ cursor })), cursor).toEqual({ ok: false, message: CURSOR_MESSAGE });
    }
  });

  it("refuses another article's cursor", () => {
    expect(parsePageRequest(OPEN, params({ cursor: encodeCursor(CLOSED, 3) }))).toEqual({ ok: false, message: OTHER_ARTICLE_CURSOR_MESSAGE });
  });
});

describe('reading a page', () => {
  let temp: TempDatabase;
  let articles: Article[];
  const article = (slug: string) => articles.find((candidate) => candidate.slug === slug)!;
  const read = (slug: string, request: PageRequest, now?: Date) => readCommentPage(temp.db, article(slug), request, now);

  beforeEach(async () => {
    temp = await createTempDatabase();
    articles = await readArticles();
    await seed(temp.db, articles);
  });
  afterEach(async () => temp.cleanup());

  let added = 0;
  async function addComment(slug: string, status = 'published', parentId: number | null = null) {
    added += 1;
    const row = await temp.db.comment.create({
      data: { articleSlug: slug, authorName: `Lecteur ${added}`, authorEmail: `lecteur-${added}@exemple.fr`, body: `Texte ${added}`, status, ipHash: 'test', bodyHash: `hash-${added}`, parentId },
    });
    return row.id;
  }

  /** Every page from the first to `nextCursor: null`, calling `between` after each. */
  async function walk(slug: string, limit: number, between: (pageIndex: number) => Promise<unknown> = async () => undefined) {
    const comments: ApiComment[] = [];
    let afterId = 0;
    for (let pageIndex = 0; pageIndex < 1000; pageIndex += 1) {
      const page = await read(slug, { limit, afterId });
      expect(page.comments.length).toBeLessThanOrEqual(limit);
      comments.push(...page.comments);
      await between(pageIndex);
      if (page.nextCursor === null) return comments;
      const cursor = decodeCursor(page.nextCursor);
      expect(cursor).toMatchObject({ slug, after: page.comments.at(-1)?.id });
      afterId = cursor!.after;
    }
    throw new Error('the walk never ended');
  }

  it('answers the published comments flat, oldest id first, with their permalink and no e-mail', async () => {
    const page = await read(CLOSED, { limit: 50, afterId: 0 });
    expect(page).toMatchObject({ open: false, count: 7, nextCursor: null });
    expect(page.comments).toHaveLength(7);
    expect(page.comments[0]).toMatchObject({ authorName: 'Yann', createdAt: '2008-05-05T07:42:00.000Z', parentId: null, isAuthor: false });
    const ids = page.comments.map((comment) => comment.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const comment of page.comments) {
      expect(Object.keys(comment).sort()).toEqual(['authorName', 'authorWebsite', 'body', 'createdAt', 'id', 'isAuthor', 'parentId', 'url']);
      expect(comment.url).toBe(`/articles/${CLOSED}/commentaires/${comment.id}`);
    }
    expect(JSON.stringify(page)).not.toMatch(/@|ipHash|bodyHash/);
  });

  it('counts and lists only published comments, replies with their parent id', async () => {
    const root = await addComment(OPEN);
    await addComment(OPEN, 'pending');
    await addComment(OPEN, 'spam');
    await addComment(OPEN, 'deleted');
    const reply = await addComment(OPEN, 'published', root);
    const page = await read(OPEN, { limit: 10, afterId: 0 });
    expect(page).toMatchObject({ open: true, count: 2, nextCursor: null });
    expect(page.comments.map((comment) => [comment.id, comment.parentId])).toEqual([
      [root, null],
      [reply, root],
    ]);
  });

  it('gives a cursor while more follow and none on the last page, even a full one', async () => {
    const first = await read(CLOSED, { limit: 3, afterId: 0 });
    expect(first.comments).toHaveLength(3);
    expect(first.count).toBe(7);
    expect(decodeCursor(first.nextCursor!)).toEqual({ v: 1, slug: CLOSED, after: first.comments[2]!.id });
    const rest = await read(CLOSED, { limit: 4, afterId: first.comments[2]!.id });
    expect(rest.comments).toHaveLength(4);
    expect(rest.nextCursor).toBeNull();
    expect(await read(CLOSED, { limit: 7, afterId: 0 })).toMatchObject({ nextCursor: null });
    expect(await read(CLOSED, { limit: 5, afterId: 2_000_000 })).toMatchObject({ count: 7, comments: [], nextCursor: null });
  });

  it('walks every comment once and in order while others are published, the new ones at the end', async () => {
    const before: number[] = [];
    for (let index = 0; index < 9; index += 1) before.push(await addComment(OPEN));
    const during: number[] = [];
    const comments = await walk(OPEN, 2, async (pageIndex) => {
      if (pageIndex < 3) during.push(await addComment(OPEN), await addComment(CLOSED));
      // A comment hidden during the walk is not shown again, and does not shift the pages.
      if (pageIndex === 1) await temp.db.comment.update({ where: { id: before[0]! }, data: { status: 'deleted' } });
    });
    const ids = comments.map((comment) => comment.id);
    expect(ids).toEqual([...before, ...during.filter((_, index) => index % 2 === 0)]);
  });

  it('says whether the article is open now: closed by hand, by its date, or by the age limit', async () => {
    const request = { limit: 1, afterId: 0 };
    expect((await read(OPEN, request)).open).toBe(true);
    const closesAt = after(days(30));
    await temp.db.article.update({ where: { slug: OPEN }, data: { closesAt } });
    expect((await read(OPEN, request)).open).toBe(true);
    expect((await read(OPEN, request, before(minutes(1), closesAt))).open).toBe(true);
    expect((await read(OPEN, request, after(seconds(1), closesAt))).open).toBe(false);
    await temp.db.article.update({ where: { slug: OPEN }, data: { closesAt: null } });
    await temp.db.siteSettings.create({ data: { id: 1, moderation: 'publish', closeAfterDays: 30 } });
    expect((await read(OPEN, request)).open).toBe(false);
    await temp.db.siteSettings.update({ where: { id: 1 }, data: { closeAfterDays: null } });
    await temp.db.article.update({ where: { slug: OPEN }, data: { commentsOpen: false } });
    expect((await read(OPEN, request)).open).toBe(false);
    // An article with no row yet follows its front matter.
    await temp.db.article.delete({ where: { slug: OPEN } });
    expect((await read(OPEN, request)).open).toBe(true);
  });

  it('reads a page of 100 quickly among 100,000 comments', { timeout: 120_000 }, async () => {
    // Copies of one comment made in a single statement (a recursive CTE works on both databases):
    // most in one thread (its pages), the rest in another (a small thread among many rows).
    const template = await addComment(OPEN);
    await temp.db.$executeRaw`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
      INSERT INTO "Comment" ("articleSlug", "authorName", "authorEmail", "body", "status", "isAuthor", "ipHash", "bodyHash", "createdAt")
      SELECT CASE WHEN i % 10 = 0 THEN ${CLOSED} ELSE ${OPEN} END, 'Lecteur ' || i, 'lecteur-' || i || '@exemple.fr',
             'Commentaire numéro ' || i || ', assez long pour ressembler à un vrai commentaire de lecteur.',
             CASE WHEN i % 50 = 1 THEN 'pending' ELSE 'published' END, t."isAuthor", t."ipHash", 'hash-' || i, t."createdAt"
      FROM n CROSS JOIN "Comment" t WHERE t."id" = ${template}`;
    const timings: Record<string, number[]> = { [OPEN]: [], [CLOSED]: [] };
    for (const slug of [OPEN, CLOSED]) {
      const first = await read(slug, { limit: 100, afterId: 0 });
      const lastId = first.comments.at(-1)!.id;
      for (let run = 0; run < 30; run += 1) {
        // From the start, the middle and the end of the ids.
        const afterId = [0, lastId + 45_000, lastId + 99_000][run % 3]!;
        const started = performance.now();
        const page = await read(slug, { limit: 100, afterId });
        timings[slug]!.push(performance.now() - started);
        expect(page.count).toBeGreaterThan(10_000);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    // A sanity print, not an assertion: timings depend on the machine.
    console.log(`api-page (${temp.provider}) p50 of a page of 100: ${OPEN} ${median(timings[OPEN]!).toFixed(1)} ms, ${CLOSED} ${median(timings[CLOSED]!).toFixed(1)} ms`);
  });
});
