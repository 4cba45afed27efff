import type { CommentOrder } from '@/lib/settings';

/** At most this many comments on one page, replies included: a page stays small whatever the thread. */
export const PAGE_COMMENT_BUDGET = 200;
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

/** A page number from the address: a positive integer written plainly (no 02, no 1e3), or null. */
export function parsePageNumber(text: string): number | null {
  if (!/^[1-9][0-9]{0,8}$/.test(text)) return null;
  return Number(text);
}

/** A comment id from the address, or null. */
export const parseCommentId = parsePageNumber;

/**
 * The page the article's own address shows: the one new comments land on, as WordPress shows by
 * default. Oldest first, pages keep their numbers and the article shows the last; newest first, page 1.
 */
export function homePageOf(pageCount: number, order: CommentOrder): number {
  return order === 'oldest' ? Math.max(1, pageCount) : 1;
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
export function threadPagePath(slug: string, thread: { pageCount: number; order: CommentOrder }): (page: number) => string {
  const homePage = homePageOf(thread.pageCount, thread.order);
  return (page) => commentPagePath(slug, page, homePage);
}

/** The address of page `page` of one comment's replies. */
export function repliesPagePath(slug: string, commentId: number, page = 1): string {
  const base = `/articles/${slug}/commentaires/${commentId}/reponses`;
  return page === 1 ? base : `${base}/page/${page}`;
}

/** The permanent address of a comment: it redirects to the page that shows it, whatever page that is. */
export function commentPermalinkPath(slug: string, commentId: number): string {
  return `/articles/${slug}/commentaires/${commentId}`;
}

/** The anchor of a comment on the page that shows it. */
export const commentAnchor = (commentId: number) => `comment-${commentId}`;

/** Previous and next pages as the reader reads them: « plus anciens » and « plus récents » follow the order. */
export function pageNeighbours(page: number, pageCount: number, order: CommentOrder) {
  const previous = page > 1 ? page - 1 : null;
  const next = page < pageCount ? page + 1 : null;
  const olderPage = order === 'oldest' ? previous : next;
  const newerPage = order === 'oldest' ? next : previous;
  return { previous, next, olderPage, newerPage };
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
  | { kind: 'top-level'; topLevelBefore: number }
  | { kind: 'reply'; parentId: number; parentPosition: number };

/** The pages a write changes: pages of an article's thread (or all of them) and replies pages. */
export type ChangedPages = { slug: string; pages: number[] | 'all'; repliesOf: number[] };

/**
 * The pages a new published comment changes, so that only their caches end, beside the article's
 * home page that every one changes (its count; see homePageOf): a reply, its parent's page and
 * replies; a top-level comment oldest first, nothing more (it lands on the home page). A new page,
 * or newest first, shifts or renumbers every page: the whole thread.
 */
export function pagesChangedByPost(slug: string, place: PostedPlace, settings: { commentsPerPage: number; commentOrder: CommentOrder }): ChangedPages {
  if (place.kind === 'reply') {
    return { slug, pages: [pageOfPosition(place.parentPosition, settings.commentsPerPage)], repliesOf: [place.parentId] };
  }
  const startsPage = place.topLevelBefore > 0 && place.topLevelBefore % settings.commentsPerPage === 0;
  if (settings.commentOrder === 'newest' || startsPage) return { slug, pages: 'all', repliesOf: [] };
  return { slug, pages: [], repliesOf: [] };
}

/** The page numbers a page links to: the first, the last and two each side of it; null marks a gap. */
export function pageNumbersAround(page: number, pageCount: number): (number | null)[] {
  const numbers: (number | null)[] = [];
  for (let candidate = 1; candidate <= pageCount; candidate++) {
    const isShown = candidate === 1 || candidate === pageCount || Math.abs(candidate - page) <= 2;
    if (isShown) numbers.push(candidate);
    else if (numbers.at(-1) !== null) numbers.push(null);
    // Skip the long runs in one step: a thread may have thousands of pages.
    if (!isShown && candidate < page - 2) candidate = page - 3;
    else if (!isShown && candidate > page + 2) candidate = pageCount - 1;
  }
  return numbers;
}

/** Where a comment is shown: a page of the thread (and which page is the article's), or a page of its parent's replies. */
export type CommentPlace = { kind: 'page'; page: number; homePage: number } | { kind: 'replies'; parentId: number; page: number };

/** The address that shows a comment, anchor included, from where it is shown. */
export function commentPlacePath(slug: string, commentId: number, place: CommentPlace): string {
  const path = place.kind === 'page' ? commentPagePath(slug, place.page, place.homePage) : repliesPagePath(slug, place.parentId, place.page);
  return `${path}#${commentAnchor(commentId)}`;
}
