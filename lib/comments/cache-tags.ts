/** The cache tag of everything that shows an article's comments (its page, the home page's count). */
export function commentsTag(slug: string): string {
  return `comments:${slug}`;
}

/** Every article's comments at once (site settings that change them all). */
export const ALL_COMMENTS_TAG = 'comments';
