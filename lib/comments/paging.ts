import { parsePageNumber } from '@/lib/http/search-params';

/** At most this many comments on one page, replies included: a page stays small whatever the thread. */
const PAGE_COMMENT_BUDGET = 200;
/** Replies per page of one comment's replies. */
export const REPLIES_PER_PAGE = PAGE_COMMENT_BUDGET;

/** How many pages `count` items fill, `perPage` a page; an empty list still has its page 1. */
export function pageCountOf(count: number, perPage: number): number {
  return Math.max(1, Math.ceil(count / perPage));
}

/** The page an item falls on, from the number of items shown before it. */
export function pageOfPosition(itemsBefore: number, perPage: number): number {
  return Math.floor(itemsBefore / perPage) + 1;
}

/** A comment id from the address, or null. */
export const parseCommentId = parsePageNumber;

/**
 * The page the article's own address shows: the last, where new comments land, whatever the order
 * (pages are numbered oldest first, as WordPress numbers them; the order only sorts within a page).
 */
export function homePageOf(pageCount: number): number {
  return Math.max(1, pageCount);
}

/** The numbered address of page `page` of an article's comments. */
export function numberedPagePath(slug: string, page: number): string {
  return `/articles/${slug}/commentaires/page/${page}`;
}

/** The address readers follow to page `page`: the article itself for its home page (see homePageOf). */
export function commentPagePath(slug: string, page: number, homePage: number): string {
  return page === homePage ? `/articles/${slug}` : numberedPagePath(slug, page);
}

/** The paths of an article's pages of comments, its home page at the article's own address. */
export function threadPagePath(slug: string, thread: { pageCount: number }): (page: number) => string {
  const homePage = homePageOf(thread.pageCount);
  return (page) => commentPagePath(slug, page, homePage);
}

/** The address of page `page` of one comment's replies. */
export function repliesPagePath(slug: string, commentId: number, page = 1): string {
  const base = `/articles/${slug}/commentaires/${commentId}/reponses`;
  return page === 1 ? base : `${base}/page/${page}`;
}

/** The anchor of a comment on the page that shows it. */
const commentAnchor = (commentId: number) => `comment-${commentId}`;

/** The pages before and after a page: older and newer comments, page numbers being chronological. */
export function pageNeighbours(page: number, pageCount: number) {
  return { previous: page > 1 ? page - 1 : null, next: page < pageCount ? page + 1 : null };
}

/**
 * Shares a page's reply budget among its top-level comments, in page order: each shows its first
 * replies while the budget lasts, the rest are behind a link to its replies page.
 * `replyCounts` are the published replies of each top-level comment, in page order.
 */
export function shareReplyBudget(replyCounts: number[], budget = PAGE_COMMENT_BUDGET): number[] {
  let left = Math.max(0, budget - replyCounts.length);
  return replyCounts.map((count) => {
    const shown = Math.min(count, left);
    left -= shown;
    return shown;
  });
}

/** What a published comment changes, known in its posting transaction. */
export type PostedPlace =
  /**
   * `mayBeLater`: counted while other posts to the article may be committing (PostgreSQL counts at
   * commit), so the comment may land a few places further, up to a page (at least 10 comments).
   */
  | { kind: 'top-level'; topLevelBefore: number; mayBeLater?: boolean }
  | { kind: 'reply'; parentId: number; parentPosition: number };

/** The pages a write changes: pages of an article's thread (or all of them) and replies pages. */
export type ChangedPages = { slug: string; pages: number[] | 'all'; repliesOf: number[] };

/** How many pages before the last one link to it by its number (see pageNumbersAround). */
const NEIGHBOURS_SHOWN = 2;

/**
 * The pages a new published comment changes, so that only their caches end. A reply: its parent's
 * page and replies. A top-level comment lands on the last page; when it opens a new one, the
 * former last page moves from the article's address to its number, and the pages that link to it
 * by number change with it. The article's address itself always changes (its count; see tagsOfChange).
 */
export function pagesChangedByPost(slug: string, place: PostedPlace, settings: { commentsPerPage: number }): ChangedPages {
  const perPage = settings.commentsPerPage;
  if (place.kind === 'reply') return { slug, pages: [pageOfPosition(place.parentPosition, perPage)], repliesOf: [place.parentId] };
  const lastPage = pageOfPosition(place.topLevelBefore, perPage);
  const opensPage = place.topLevelBefore > 0 && place.topLevelBefore % perPage === 0;
  // Uncertain: it may open this page or the next one; both cases' pages change.
  const first = opensPage || place.mayBeLater ? Math.max(1, lastPage - NEIGHBOURS_SHOWN - 1) : lastPage;
  const last = place.mayBeLater ? lastPage + 1 : lastPage;
  return { slug, pages: Array.from({ length: last - first + 1 }, (_, index) => first + index), repliesOf: [] };
}

/**
 * What a page's navigation links to: the first page and two each side of the current one by
 * number, then 'latest' (the article's address) when the last page is further. No page but the
 * last few names the last number, so that a new page changes only those (see pagesChangedByPost).
 * null marks a gap.
 */
export function pageNumbersAround(page: number, pageCount: number): (number | null | 'latest')[] {
  const items: (number | null | 'latest')[] = [1];
  // A gap of one page would hide page 2 only: show it instead.
  const from = page - NEIGHBOURS_SHOWN > 3 ? page - NEIGHBOURS_SHOWN : 2;
  const to = Math.min(pageCount, page + NEIGHBOURS_SHOWN);
  if (from > 2) items.push(null);
  for (let number = from; number <= to; number++) items.push(number);
  if (to < pageCount) items.push('latest');
  return items;
}

/** Where a comment is shown: a page of the thread (and which page is the article's), or a page of its parent's replies. */
export type CommentPlace = { kind: 'page'; page: number; homePage: number } | { kind: 'replies'; parentId: number; page: number };

/** The address that shows a comment, anchor included, from where it is shown. */
export function commentPlacePath(slug: string, commentId: number, place: CommentPlace): string {
  const path = place.kind === 'page' ? commentPagePath(slug, place.page, place.homePage) : repliesPagePath(slug, place.parentId, place.page);
  return `${path}#${commentAnchor(commentId)}`;
}
