import { targetOf, type Database } from '@/lib/db/client';
import type { Article } from '@/lib/content/load-articles';
import { readSettings, type CommentOrder } from '@/lib/settings';
import { automaticClosingDate, defaultArticleState, isCommentingOpen } from './article-state';
import { REPLIES_PER_PAGE, homePageOf, pageCountOf, pageOfPosition, shareReplyBudget, type CommentPlace } from './paging';
import type { PublicComment } from './thread';
import { countTopLevelSql, pageTopLevelIdsSql, positionCount, threadCountsSql, toThreadCounts, type Statement, type ThreadCounts } from './top-level-sql';

/** A top-level comment on a page: its first replies, and how many more its replies page holds. */
export type PageComment = PublicComment & { hiddenReplies: number };

/**
 * One page of an article's thread as stored in the cache: nothing in it depends on the clock
 * (pageAsOf() says whether it is open at a given moment). `pageCount` 0: the page does not exist.
 */
export type StoredThreadPage = {
  commentsOpen: boolean;
  closing: string | null;
  /** Published comments of the whole thread, replies included. */
  count: number;
  /** Date of the thread's latest published comment (ISO), if any. */
  latestAt: string | null;
  page: number;
  pageCount: number;
  order: CommentOrder;
  comments: PageComment[];
};

export type ThreadPage = Omit<StoredThreadPage, 'commentsOpen' | 'closing'> & { isOpen: boolean; closesAt: string | null };

/** What a page needs to know of the article (the rest is in its Markdown file). */
export type PageArticle = { slug: string; comments: Article['comments']; publishedAt: string };

type Reader = Pick<Database, 'article' | 'comment' | 'siteSettings' | '$queryRawUnsafe'>;

const PUBLIC_FIELDS = { id: true, parentId: true, authorName: true, authorWebsite: true, body: true, isAuthor: true, createdAt: true, editedAt: true } as const;

type PublicRow = { id: number; authorName: string; authorWebsite: string | null; body: string; isAuthor: boolean; createdAt: Date; editedAt: Date | null };

const toPublic = (row: PublicRow): PublicComment => ({
  id: row.id,
  authorName: row.authorName,
  authorWebsite: row.authorWebsite,
  body: row.body,
  isAuthor: row.isAuthor,
  createdAt: row.createdAt.toISOString(),
  editedAt: row.editedAt?.toISOString() ?? null,
  replies: [],
});

async function run<Row>(db: Reader, build: (dialect: 'sqlite' | 'postgresql') => Statement): Promise<Row[]> {
  const { sql, params } = build(targetOf(db as Database).provider);
  return db.$queryRawUnsafe<Row[]>(sql, ...params);
}

/** An article's published and top-level counts, and its first and last ids (see threadCountsSql). */
async function readThreadCounts(db: Reader, slug: string): Promise<ThreadCounts> {
  const [row] = await run<Record<string, unknown>>(db, (dialect) => threadCountsSql(dialect, slug));
  return toThreadCounts(row);
}

/** How many top-level comments come before top-level comment `id`, counted from the nearer end. */
async function topLevelPosition(db: Reader, slug: string, id: number, counts: ThreadCounts): Promise<number> {
  const { side, positionOf } = positionCount(id, counts);
  const [row] = await run<{ count: number | bigint }>(db, (dialect) => countTopLevelSql(dialect, slug, { side, id }));
  return positionOf(Number(row?.count ?? 0));
}

/** The ids of page `page` in the reader's order; read from whichever end of the thread is nearer. */
async function pageTopLevelIds(db: Reader, slug: string, paging: { topLevelCount: number; perPage: number; order: CommentOrder }, page: number): Promise<number[]> {
  const { topLevelCount, perPage, order } = paging;
  const start = (page - 1) * perPage;
  const end = Math.min(page * perPage, topLevelCount);
  if (end <= start) return [];
  const fromOldest = start <= topLevelCount - end;
  const rows = await run<{ id: number }>(db, (dialect) =>
    fromOldest ? pageTopLevelIdsSql(dialect, slug, end - start, start, 'fromOldest') : pageTopLevelIdsSql(dialect, slug, end - start, topLevelCount - end, 'fromNewest'),
  );
  const ids = rows.map((row) => Number(row.id));
  // Read from the newest end, the ids come newest first.
  const newestFirst = fromOldest ? ids.reverse() : ids;
  return order === 'newest' ? newestFirst : newestFirst.reverse();
}

/** Ids per statement: an import can name tens of thousands of commented comments, beyond the databases' parameter limits. */
const IDS_PER_QUERY = 500;

/** Published replies of each of these comments, in the same order. */
async function replyCounts(db: Reader, ids: number[]): Promise<number[]> {
  const byParent = new Map<number | null, number>();
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const chunk = ids.slice(start, start + IDS_PER_QUERY);
    const groups = await db.comment.groupBy({ by: ['parentId'], where: { parentId: { in: chunk }, status: 'published' }, _count: { _all: true } });
    for (const group of groups) byParent.set(group.parentId, group._count._all);
  }
  return ids.map((id) => byParent.get(id) ?? 0);
}

/**
 * Reads one page of an article's published thread (uncached): its top-level comments in the
 * author's order, each with its first replies (oldest first) within the page's budget, and the
 * whole thread's count. A bounded number of rows, whatever the size of the thread. 'home': the
 * page the article's address shows (see homePageOf).
 */
export async function readThreadPage(db: Reader, article: PageArticle, requested: number | 'home'): Promise<StoredThreadPage> {
  const { slug } = article;
  const [state, settings, { published: count, topLevel: topLevelCount }, latest] = await Promise.all([
    db.article.findUnique({ where: { slug }, select: { commentsOpen: true, closesAt: true } }),
    readSettings(db),
    readThreadCounts(db, slug),
    db.comment.findFirst({ where: { articleSlug: slug, status: 'published' }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } }),
  ]);
  const effective = state ?? defaultArticleState(article.comments);
  const order = settings.commentOrder;
  const pageCount = pageCountOf(topLevelCount, settings.commentsPerPage);
  const page = requested === 'home' ? homePageOf(pageCount) : requested;
  const base = {
    commentsOpen: effective.commentsOpen,
    closing: automaticClosingDate(effective, { publishedAt: new Date(article.publishedAt), closeAfterDays: settings.closeAfterDays })?.toISOString() ?? null,
    count,
    latestAt: latest?.createdAt.toISOString() ?? null,
    page,
    order,
  };
  if (page > pageCount) return { ...base, pageCount: 0, comments: [] };

  const ids = await pageTopLevelIds(db, slug, { topLevelCount, perPage: settings.commentsPerPage, order }, page);
  const [rows, counts] = await Promise.all([
    db.comment.findMany({ where: { id: { in: ids } }, select: PUBLIC_FIELDS }),
    replyCounts(db, ids),
  ]);
  const shown = shareReplyBudget(counts);
  const totalShown = shown.reduce((sum, value) => sum + value, 0);
  // The budget goes to the first comments of the page first: their first replies are the first rows here.
  const replies =
    totalShown === 0
      ? []
      : await db.comment.findMany({
          where: { parentId: { in: ids }, status: 'published' },
          orderBy: [{ parentId: order === 'oldest' ? 'asc' : 'desc' }, { id: 'asc' }],
          take: totalShown,
          select: PUBLIC_FIELDS,
        });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const comments: PageComment[] = [];
  ids.forEach((id, index) => {
    const row = byId.get(id);
    if (!row) return;
    const own = replies.filter((reply) => reply.parentId === id).slice(0, shown[index]);
    comments.push({ ...toPublic(row), replies: own.map(toPublic), hiddenReplies: (counts[index] ?? 0) - own.length });
  });
  return { ...base, pageCount, comments };
}

/** A stored page as a reader sees it at `now`: open or closed, and the closing still to come. */
export function pageAsOf({ commentsOpen, closing, ...page }: StoredThreadPage, now: Date): ThreadPage {
  const isOpen = isCommentingOpen({ commentsOpen, closesAt: closing === null ? null : new Date(closing) }, now);
  return { ...page, isOpen, closesAt: isOpen ? closing : null };
}

/** One page of a comment's replies: the comment, then its replies oldest first. */
export type RepliesPage = { comment: PublicComment; replies: PublicComment[]; replyCount: number; page: number; pageCount: number };

/** Whether a published comment is shown at the top level: no parent, or a parent not published. */
const isTopLevel = (row: { parentId: number | null; parent: { status: string } | null }) => row.parentId === null || row.parent?.status !== 'published';

/** Reads a page of one top-level comment's replies (uncached); null if there is no such page. */
export async function readRepliesPage(db: Reader, slug: string, commentId: number, page: number): Promise<RepliesPage | null> {
  const row = await db.comment.findFirst({
    where: { id: commentId, articleSlug: slug, status: 'published' },
    select: { ...PUBLIC_FIELDS, parent: { select: { status: true } } },
  });
  if (!row || !isTopLevel(row)) return null;
  const replyCount = await db.comment.count({ where: { parentId: commentId, status: 'published' } });
  const pageCount = pageCountOf(replyCount, REPLIES_PER_PAGE);
  if (page > pageCount) return null;
  const replies = await db.comment.findMany({
    where: { parentId: commentId, status: 'published' },
    orderBy: { id: 'asc' },
    skip: (page - 1) * REPLIES_PER_PAGE,
    take: REPLIES_PER_PAGE,
    select: PUBLIC_FIELDS,
  });
  return { comment: toPublic(row), replies: replies.map(toPublic), replyCount, page, pageCount };
}

/**
 * Finds the page that shows a published comment of `slug` (uncached), by the same rules as
 * readThreadPage: null for an unknown comment, one not published, or another article's.
 */
export async function locateComment(db: Reader, slug: string, commentId: number): Promise<CommentPlace | null> {
  const row = await db.comment.findFirst({
    where: { id: commentId, articleSlug: slug, status: 'published' },
    select: { parentId: true, parent: { select: { status: true } } },
  });
  if (!row) return null;
  const [settings, counts] = await Promise.all([readSettings(db), readThreadCounts(db, slug)]);
  const { commentsPerPage, commentOrder: order } = settings;
  const topLevelCount = counts.topLevel;
  const homePage = homePageOf(pageCountOf(topLevelCount, commentsPerPage));
  const topLevelId = isTopLevel(row) ? commentId : (row.parentId as number);
  const page = pageOfPosition(await topLevelPosition(db, slug, topLevelId, counts), commentsPerPage);
  if (topLevelId === commentId) return { kind: 'page', page, homePage };

  const parentId = topLevelId;
  const [ids, repliesBefore] = await Promise.all([
    pageTopLevelIds(db, slug, { topLevelCount, perPage: commentsPerPage, order }, page),
    db.comment.count({ where: { parentId, status: 'published', id: { lt: commentId } } }),
  ]);
  const shown = shareReplyBudget(await replyCounts(db, ids));
  const index = ids.indexOf(parentId);
  if (index >= 0 && repliesBefore < (shown[index] ?? 0)) return { kind: 'page', page, homePage };
  return { kind: 'replies', parentId, page: pageOfPosition(repliesBefore, REPLIES_PER_PAGE) };
}

/** How many pages an article's thread has now, and each of these comments' replies: what a purge must cover. */
export async function countPages(db: Reader, slug: string, repliesOf: number[]): Promise<{ threadPages: number; repliesPages: Map<number, number> }> {
  const [settings, { topLevel }, counts] = await Promise.all([readSettings(db), readThreadCounts(db, slug), replyCounts(db, repliesOf)]);
  return {
    threadPages: pageCountOf(topLevel, settings.commentsPerPage),
    repliesPages: new Map(repliesOf.map((id, index) => [id, pageCountOf(counts[index] ?? 0, REPLIES_PER_PAGE)])),
  };
}
