import { describe, expect, it } from 'vitest';
import { postComment } from '@/lib/comments/service';
import {
  commentPagePath,
  commentPlacePath,
  homePageOf,
  pageNeighbours,
  pageNumbersAround,
  pagesChangedByPost,
  shareReplyBudget,
} from '@/lib/comments/paging';
import { parsePageNumber } from '@/lib/http/search-params';
import { pathsShowingComments, tagsOfChange } from '@/lib/comments/cache-tags';
import { locateComment, readRepliesPage, readThreadPage } from '@/lib/comments/thread-page';
import { countTopLevelSql, pageTopLevelIdsSql, positionCount, threadCountsSql } from '@/lib/comments/top-level-sql';
import { seededSite } from './helpers/seeded-site';

const OPEN = 'le-marketing-2-0-c-est-quoi';
const site = seededSite();
const article = { slug: OPEN, comments: 'open' as const, publishedAt: '2020-01-01T00:00:00.000Z' };

/** Stores comments straight away, in order: ids grow with them. */
async function store(count: number, fields: { parentId?: number | null; status?: string } = {}): Promise<number[]> {
  const ids: number[] = [];
  for (let index = 0; index < count; index++) {
    const row = await site.temp.db.comment.create({
      data: {
        articleSlug: OPEN,
        parentId: fields.parentId ?? null,
        authorName: `Lecteur ${index}`,
        authorEmail: `lecteur${index}@exemple.fr`,
        body: `Commentaire ${index}`,
        status: fields.status ?? 'published',
        ipHash: 'test',
        bodyHash: `hash-${Math.random()}`,
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}

const setPaging = (commentsPerPage: number, commentOrder: 'oldest' | 'newest') =>
  site.temp.db.siteSettings.upsert({ where: { id: 1 }, create: { id: 1, commentsPerPage, commentOrder }, update: { commentsPerPage, commentOrder } });

const tagVersions = async () => new Map((await site.temp.db.cacheTag.findMany()).map((row) => [row.tag, row.version]));

describe('the paging rules', () => {
  it('reads page numbers written plainly only', () => {
    expect(['1', '12', '0', '01', '-2', '1e3', '2.0', ' 3', ''].map(parsePageNumber)).toEqual([1, 12, null, null, null, null, null, null, null]);
  });

  it('numbers pages from the oldest comments, whatever the order', () => {
    expect(pageNeighbours(2, 3)).toEqual({ previous: 1, next: 3 });
    expect(pageNeighbours(1, 1)).toEqual({ previous: null, next: null });
  });

  it('shows at the article address the page new comments land on: the last', () => {
    expect([homePageOf(7), homePageOf(1), homePageOf(0)]).toEqual([7, 1, 1]);
    expect(commentPagePath('a', 7, 7)).toBe('/articles/a');
    expect(commentPagePath('a', 1, 7)).toBe('/articles/a/commentaires/page/1');
  });

  it('links to the first page, the pages around the current one and the latest, however many there are', () => {
    expect(pageNumbersAround(1, 3)).toEqual([1, 2, 3]);
    expect(pageNumbersAround(50, 10_000)).toEqual([1, null, 48, 49, 50, 51, 52, 'latest']);
    expect(pageNumbersAround(1, 10_000)).toEqual([1, 2, 3, 'latest']);
    expect(pageNumbersAround(5, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pageNumbersAround(10_000, 10_000)).toEqual([1, null, 9_998, 9_999, 10_000]);
  });

  it('names the last page by number on the last few pages only, so that a new page changes no other', () => {
    // A page's links depend on the page count only if it is within three pages of the last.
    for (let page = 1; page <= 7; page++) {
      const changes = JSON.stringify(pageNumbersAround(page, 10)) !== JSON.stringify(pageNumbersAround(page, 11));
      expect(changes, `page ${page}`).toBe(false);
    }
    const opening = pagesChangedByPost('a', { kind: 'top-level', topLevelBefore: 100 }, { commentsPerPage: 10 });
    expect(opening.pages).toEqual([8, 9, 10, 11]);
  });

  it('places a comment by counting from the end of the thread nearer to it', () => {
    const counts = { published: 120, topLevel: 100, firstId: 1_000, lastId: 2_000 };
    const old = positionCount(1_100, counts);
    expect(old.side).toBe('<');
    expect(old.positionOf(7)).toBe(7);
    const recent = positionCount(1_900, counts);
    expect(recent.side).toBe('>');
    // 3 top-level comments after it: it is the 97th of 100, 96 before it.
    expect(recent.positionOf(3)).toBe(96);
  });

  it('gives the reply budget to the first comments of a page, 200 comments in all', () => {
    expect(shareReplyBudget([3, 0, 5])).toEqual([3, 0, 5]);
    expect(shareReplyBudget([150, 100, 10], 200)).toEqual([150, 47, 0]);
    expect(shareReplyBudget(Array(200).fill(4))).toEqual(Array(200).fill(0));
  });

  it('moves only the tags of the pages a new comment changes', () => {
    const settings = { commentsPerPage: 10 };
    expect(tagsOfChange(pagesChangedByPost('a', { kind: 'top-level', topLevelBefore: 25 }, settings))).toEqual(['comments:a:home', 'comments:a:page:3']);
    expect(tagsOfChange(pagesChangedByPost('a', { kind: 'top-level', topLevelBefore: 20 }, settings))).toEqual([
      'comments:a:home',
      'comments:a:page:1',
      'comments:a:page:2',
      'comments:a:page:3',
    ]);
    expect(tagsOfChange(pagesChangedByPost('a', { kind: 'top-level', topLevelBefore: 0 }, settings))).toEqual(['comments:a:home', 'comments:a:page:1']);
    expect(tagsOfChange(pagesChangedByPost('a', { kind: 'reply', parentId: 7, parentPosition: 12 }, settings))).toEqual([
      'comments:a:home',
      'comments:a:page:2',
      'comments:a:replies:7',
    ]);
  });

  it('purges in front the pages whose tags moved', () => {
    const paths = pathsShowingComments({ slug: 'a', pages: [1, 3], repliesOf: [7] }, { threadPages: 3, repliesPages: new Map([[7, 2]]) });
    expect(paths).toEqual([
      '/articles/a',
      '/articles/a/comments/feed.xml',
      '/',
      '/sitemap.xml',
      '/articles/a/commentaires/page/1',
      '/articles/a/commentaires/page/3',
      '/articles/a/commentaires/7/reponses',
      '/articles/a/commentaires/7/reponses/page/2',
    ]);
    expect(pathsShowingComments({ slug: 'a', pages: 'all', repliesOf: [] }, { threadPages: 2, repliesPages: new Map() })).toContain('/articles/a/commentaires/page/2');
  });
});

describe('a page of comments', () => {
  it('holds the page size of top-level comments in the chosen order, with their replies oldest first', async () => {
    await setPaging(10, 'oldest');
    const tops = await store(25);
    const replies = await store(3, { parentId: tops[12] });
    const page2 = await readThreadPage(site.temp.db, article, 2);
    expect(page2).toMatchObject({ count: 28, page: 2, pageCount: 3, order: 'oldest' });
    expect(page2.comments.map((comment) => comment.id)).toEqual(tops.slice(10, 20));
    expect(page2.comments[2]?.replies.map((reply) => reply.id)).toEqual(replies);
    expect((await readThreadPage(site.temp.db, article, 4)).pageCount).toBe(0);
    expect((await readThreadPage(site.temp.db, article, 'home')).comments.map((comment) => comment.id)).toEqual(tops.slice(20));

    // Newest first sorts each page; the pages keep their numbers and the article still shows the last.
    await setPaging(10, 'newest');
    const newest = await readThreadPage(site.temp.db, article, 'home');
    expect(newest.page).toBe(3);
    expect(newest.comments.map((comment) => comment.id)).toEqual(tops.slice(20).reverse());
    expect((await readThreadPage(site.temp.db, article, 1)).comments.map((comment) => comment.id)).toEqual(tops.slice(0, 10).reverse());
    expect((await readThreadPage(site.temp.db, article, 2)).comments[7]?.replies.map((reply) => reply.id)).toEqual(replies);
  });

  it('shows a reply whose parent is hidden at the top level, in its place', async () => {
    await setPaging(10, 'oldest');
    const [hidden] = await store(1, { status: 'pending' });
    const [first] = await store(1);
    const [orphan] = await store(1, { parentId: hidden });
    const page = await readThreadPage(site.temp.db, article, 1);
    expect(page.comments.map((comment) => comment.id)).toEqual([first, orphan]);
    expect(await locateComment(site.temp.db, OPEN, orphan!)).toEqual({ kind: 'page', page: 1, homePage: 1 });
  });

  it('never shows more than 200 comments: the rest of the replies are on their own page', async () => {
    await setPaging(10, 'oldest');
    const tops = await store(10);
    const many = await store(195, { parentId: tops[0] });
    await store(5, { parentId: tops[1] });
    const page = await readThreadPage(site.temp.db, article, 1);
    const shown = page.comments.reduce((sum, comment) => sum + 1 + comment.replies.length, 0);
    expect(shown).toBe(200);
    expect(page.comments[0]).toMatchObject({ hiddenReplies: 5 });
    expect(page.comments[1]).toMatchObject({ hiddenReplies: 5, replies: [] });
    expect(await locateComment(site.temp.db, OPEN, many[189]!)).toEqual({ kind: 'page', page: 1, homePage: 1 });
    expect(await locateComment(site.temp.db, OPEN, many[190]!)).toEqual({ kind: 'replies', parentId: tops[0], page: 1 });

    const replies = await readRepliesPage(site.temp.db, OPEN, tops[0]!, 1);
    expect(replies).toMatchObject({ replyCount: 195, pageCount: 1, comment: { id: tops[0] } });
    expect(replies?.replies).toHaveLength(195);
    expect(await readRepliesPage(site.temp.db, OPEN, many[0]!, 1)).toBeNull();
  });

  it('sends a permalink to the page that shows the comment, and nowhere for another article or a held one', async () => {
    await setPaging(10, 'oldest');
    const tops = await store(35);
    const [held] = await store(1, { status: 'pending' });
    expect(await locateComment(site.temp.db, OPEN, tops[34]!)).toEqual({ kind: 'page', page: 4, homePage: 4 });
    expect(await locateComment(site.temp.db, OPEN, tops[5]!)).toEqual({ kind: 'page', page: 1, homePage: 4 });
    expect(commentPlacePath(OPEN, tops[34]!, { kind: 'page', page: 4, homePage: 4 })).toBe(`/articles/${OPEN}#comment-${tops[34]}`);
    expect(commentPlacePath(OPEN, tops[5]!, { kind: 'page', page: 1, homePage: 4 })).toBe(`/articles/${OPEN}/commentaires/page/1#comment-${tops[5]}`);
    await setPaging(10, 'newest');
    expect(await locateComment(site.temp.db, OPEN, tops[5]!)).toEqual({ kind: 'page', page: 1, homePage: 4 });
    expect(await locateComment(site.temp.db, 'en-librairie-le-15-mai', tops[0]!)).toBeNull();
    expect(await locateComment(site.temp.db, OPEN, held!)).toBeNull();
  });
});

describe('the top-level queries', () => {
  it('reach the replies of hidden comments by their parent, never through every published comment of the site', async () => {
    // PostgreSQL plans with statistics; SQLite has none, and chose the (status, id) index here.
    if (site.temp.provider !== 'sqlite') return;
    const statements = [
      countTopLevelSql('sqlite', OPEN),
      countTopLevelSql('sqlite', OPEN, { side: '<', id: 10 }),
      countTopLevelSql('sqlite', OPEN, { side: '>', id: 10 }),
      threadCountsSql('sqlite', OPEN),
      pageTopLevelIdsSql('sqlite', OPEN, 50, 100, 'fromOldest'),
      pageTopLevelIdsSql('sqlite', OPEN, 50, 100, 'fromNewest'),
    ];
    for (const { sql, params } of statements) {
      const plan = await site.temp.db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...params);
      expect(plan.map((row) => row.detail).join('\n')).not.toMatch(/Comment_status_id_idx/);
    }
  });

  it('read a page\'s replies by their parents, never through every published comment of the site', async () => {
    if (site.temp.provider !== 'sqlite') return;
    // The statements Prisma sends for replyCounts() and a page's first replies, in their shape.
    const replies = [
      `SELECT "parentId", COUNT(*) FROM "Comment" WHERE "parentId" IN (?, ?) AND "status" = ? GROUP BY "parentId"`,
      `SELECT "id" FROM "Comment" WHERE "parentId" IN (?, ?) AND "status" = ? ORDER BY "parentId" ASC, "id" ASC LIMIT ?`,
      `SELECT COUNT(*) FROM "Comment" WHERE "parentId" = ? AND "status" = ? AND "id" < ?`,
    ];
    const params = [[1, 2, 'published'], [1, 2, 'published', 150], [1, 'published', 10]];
    for (const [index, sql] of replies.entries()) {
      const plan = await site.temp.db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...params[index]!);
      expect(plan.map((row) => row.detail).join('\n')).toMatch(/Comment_parentId_status_id_idx \(parentId=\? AND status=\?/);
    }
  });
});

describe('posting on a paged thread', () => {
  it('moves the tags of the last page; a reply, its parent page\'s too; a new page, the few that name the last by number', async () => {
    // PostgreSQL counts at commit: a post placed while others commit may land up to a page further,
    // so the pages of both cases move (the page before it could open, and the next one).
    const isExact = site.temp.provider === 'sqlite';
    await setPaging(10, 'oldest');
    const tops = await store(19);
    let before = await tagVersions();
    const landing = await postComment(OPEN, { name: 'A', email: 'a@exemple.fr', body: 'Sur la page 2.' }, site.context);
    expect(landing).toMatchObject({ ok: true, comment: { changed: { pages: isExact ? [2] : [1, 2, 3] } } });
    let after = await tagVersions();
    expect(after.get(`comments:${OPEN}:home`)).toBe((before.get(`comments:${OPEN}:home`) ?? 0) + 1);
    expect(after.get(`comments:${OPEN}:page:2`)).toBe((before.get(`comments:${OPEN}:page:2`) ?? 0) + 1);
    if (isExact) expect(after.get(`comments:${OPEN}:page:1`)).toBe(before.get(`comments:${OPEN}:page:1`));
    expect(after.get(`comments:${OPEN}`)).toBe(before.get(`comments:${OPEN}`));

    before = after;
    const newPage = await postComment(OPEN, { name: 'B', email: 'b@exemple.fr', body: 'Ouvre la page 3.' }, site.context);
    expect(newPage).toMatchObject({ ok: true, comment: { changed: { pages: isExact ? [1, 2, 3] : [1, 2, 3, 4] } } });
    after = await tagVersions();
    expect(after.get(`comments:${OPEN}`)).toBe(before.get(`comments:${OPEN}`));

    const reply = await postComment(OPEN, { name: 'C', email: 'c@exemple.fr', body: 'Une réponse.', parentId: tops[12] }, site.context);
    expect(reply).toMatchObject({ ok: true, comment: { changed: { pages: [2], repliesOf: [tops[12]] } } });

    // Newest first only sorts within a page: the pages a post changes are the same.
    await setPaging(10, 'newest');
    const newest = await postComment(OPEN, { name: 'D', email: 'd@exemple.fr', body: 'Sur la page 3 aussi.' }, site.context);
    expect(newest).toMatchObject({ ok: true, comment: { changed: { pages: isExact ? [3] : [1, 2, 3, 4] } } });
  });
});
