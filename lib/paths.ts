/**
 * The public addresses that several layers write (comments, subscribers' e-mails, feeds, cache
 * purges): here, below all of them, so that none has to import another's module for a path.
 */

/** The permanent address of a comment: it redirects to the page that shows it, whatever page that is. */
export function commentPermalinkPath(slug: string, commentId: number): string {
  return `/articles/${slug}/commentaires/${commentId}`;
}

/** The RSS feed of an article's comments. */
export function commentsFeedPath(slug: string): string {
  return `/articles/${slug}/comments/feed.xml`;
}
