import { commentsFeedPath } from '@/lib/paths';
import { numberedPagePath, repliesPagePath, type ChangedPages } from './paging';

/** The cache tag of everything that shows an article's comments (every page of its thread, the home page's count). */
export function commentsTag(slug: string): string {
  return `comments:${slug}`;
}

/** The cache tag of one page of an article's comments. */
export function commentPageTag(slug: string, page: number): string {
  return `comments:${slug}:page:${page}`;
}

/** The cache tag of the page of comments the article's address shows, which every new comment changes (its count). */
export function commentHomeTag(slug: string): string {
  return `comments:${slug}:home`;
}

/** The cache tag of every page of one comment's replies. */
export function commentRepliesTag(slug: string, commentId: number): string {
  return `comments:${slug}:replies:${commentId}`;
}

/**
 * Tags that move with every change to an article's thread, whichever pages it touches (every post
 * renews the article's page, for its count): what a reader of the whole thread (a feed) is cached under.
 */
export function wholeThreadTags(slug: string): string[] {
  return [commentsTag(slug), commentHomeTag(slug)];
}

/** Every article's comments at once (site settings that change them all). */
export const ALL_COMMENTS_TAG = 'comments';

/** The tags a write must move for the pages it changes: the article's page always. */
export function tagsOfChange(change: ChangedPages): string[] {
  const pages = change.pages === 'all' ? [commentsTag(change.slug)] : [commentHomeTag(change.slug), ...change.pages.map((page) => commentPageTag(change.slug, page))];
  return [...pages, ...change.repliesOf.map((id) => commentRepliesTag(change.slug, id))];
}

/** How many pages there are to forget: of the thread, and of each comment's replies whose pages changed. */
export type PageCounts = { threadPages: number; repliesPages: Map<number, number> };

/**
 * The addresses that show an article's comments: what an HTTP cache in front must forget when
 * they change. The article, its feed, the site's home page and the sitemap always; then the
 * numbered pages the change touches.
 */
export function pathsShowingComments(change: ChangedPages, counts: PageCounts = { threadPages: 1, repliesPages: new Map() }): string[] {
  const { slug } = change;
  const pages = change.pages === 'all' ? Array.from({ length: counts.threadPages }, (_, index) => index + 1) : change.pages;
  const repliesPaths = change.repliesOf.flatMap((id) =>
    Array.from({ length: counts.repliesPages.get(id) ?? 1 }, (_, index) => repliesPagePath(slug, id, index + 1)),
  );
  return [...new Set([`/articles/${slug}`, commentsFeedPath(slug), '/', '/sitemap.xml', ...pages.map((page) => numberedPagePath(slug, page)), ...repliesPaths])];
}
