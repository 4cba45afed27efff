import type { Article } from '@/lib/content/load-articles';
import type { SourcePost } from './source-records';

export type MatchableArticle = Pick<Article, 'slug' | 'title'>;

/** Titles compared as a reader sees them: the site's French spacing and case aside. */
function normaliseTitle(title: string): string {
  return title.normalize('NFC').replace(/[\s\u00a0\u202f]+/g, ' ').replace(/[’‘]/g, "'").trim().toLowerCase();
}

/** The path of an address, without a trailing slash; null if it is not one. */
function pathOf(url: string): string | null {
  try {
    return new URL(url, 'http://import.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** What a post can be called by: its id, slug, address, address path and title. */
function namesOf(post: SourcePost): string[] {
  const path = post.url ? pathOf(post.url) : null;
  return [post.key, post.slug, post.url, path, post.title].filter((name): name is string => Boolean(name));
}

/**
 * Which article a post is, in this order: the author's own mapping (`--map ancien=nouveau`, by
 * any of the post's names), the slug, the address (`/articles/<slug>` or its last segment, an
 * extension aside), then the exact title. Null when none fits: nothing is imported for it.
 */
export function articleMatcher(articles: MatchableArticle[], manual: ReadonlyMap<string, string> = new Map()) {
  const slugs = new Set(articles.map((article) => article.slug));
  const byTitle = new Map(articles.map((article) => [normaliseTitle(article.title), article.slug]));
  return (post: SourcePost): string | null => {
    for (const name of namesOf(post)) {
      const mapped = manual.get(name) ?? manual.get(name.replace(/\/+$/, ''));
      if (mapped !== undefined) return mapped;
    }
    if (post.slug && slugs.has(post.slug)) return post.slug;
    const path = post.url ? pathOf(post.url) : null;
    if (path) {
      const segments = path.split('/').filter(Boolean).map(decodeSegment);
      const articlesIndex = segments.indexOf('articles');
      const candidates = [articlesIndex === -1 ? undefined : segments[articlesIndex + 1], segments.at(-1)?.replace(/\.[a-z0-9]+$/i, '')];
      for (const candidate of candidates) if (candidate && slugs.has(candidate)) return candidate;
    }
    if (post.title) return byTitle.get(normaliseTitle(post.title)) ?? null;
    return null;
  };
}
