import { commentsFeedPath } from '@/lib/feeds/links';

/** The cache tag of everything that shows an article's comments (its page, the home page's count). */
export function commentsTag(slug: string): string {
  return `comments:${slug}`;
}

/** Every article's comments at once (site settings that change them all). */
export const ALL_COMMENTS_TAG = 'comments';

/** The addresses that show an article's comments: what an HTTP cache in front must forget when they change. */
export function pathsShowingComments(slug: string): string[] {
  return [`/articles/${slug}`, commentsFeedPath(slug), '/', '/sitemap.xml'];
}
