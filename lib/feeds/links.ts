import type { Book } from '@/lib/book-file/parse-book-file';
import { commentPermalinkPath } from '@/lib/paths';

const RSS_TYPE = 'application/rss+xml';
const ATOM_TYPE = 'application/atom+xml';

export const ARTICLES_RSS_PATH = '/feed.xml';
export const ARTICLES_ATOM_PATH = '/atom.xml';

/**
 * A comment's absolute permanent address, as feeds give it: it sends the reader to the page of the
 * thread that shows the comment, whichever page that is by then.
 */
export function commentPermalink(siteUrl: string, slug: string, id: number): string {
  return `${siteUrl}${commentPermalinkPath(slug, id)}`;
}

export function commentsFeedTitle(articleTitle: string): string {
  return `Commentaires sur « ${articleTitle} »`;
}

type FeedLink = { url: string; title: string };

/**
 * The feeds a page announces with `<link rel="alternate">` (Next's `alternates.types`). A page
 * that sets `alternates` replaces its parent's, so every page passes through this one helper.
 */
export function feedAlternates(book: Pick<Book, 'fullTitle'>, commentsFeed?: FeedLink): Record<string, FeedLink[]> {
  return {
    [RSS_TYPE]: [{ url: ARTICLES_RSS_PATH, title: `${book.fullTitle} — articles (RSS)` }, ...(commentsFeed ? [commentsFeed] : [])],
    [ATOM_TYPE]: [{ url: ARTICLES_ATOM_PATH, title: `${book.fullTitle} — articles (Atom)` }],
  };
}
