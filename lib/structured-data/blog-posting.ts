import type { Article } from '@/lib/content/load-articles';
import { flattenComments } from '@/lib/comments/flatten';
import type { PublicComment } from '@/lib/comments/queries';
import type { BlogPosting, Comment } from './types';

/** The stable address of an article's share image (see app/(site)/articles/[slug]/image.png). */
const articleImagePath = (slug: string) => `/articles/${slug}/image.png`;

type PostingArticle = Pick<Article, 'slug' | 'title' | 'description' | 'publishAt' | 'author'>;

/** A page of comments: the whole thread's count, and the address of the page showing `comments`. */
type CommentsShown = { commentCount: number; pagePath: string };

/**
 * An article's `BlogPosting` with the published comments a page shows (replies pointing to their
 * parent), and the count of the whole thread. Only names, never e-mails. Each comment is its
 * author, date and address, not its text: the text is in the page already, and a second copy
 * (twice over, with the page's hydration data) would make a page of long comments twice as heavy.
 * Without `shown`, `comments` is the whole thread, on the article's own page.
 */
export function blogPostingJsonLd(article: PostingArticle, comments: PublicComment[], site: { url: string; name: string }, shown?: CommentsShown): BlogPosting {
  const siteUrl = site.url;
  const url = `${siteUrl}/articles/${article.slug}`;
  const pageUrl = shown ? `${siteUrl}${shown.pagePath}` : url;
  const commentId = (id: number) => `${pageUrl}#comment-${id}`;
  const parentOf = new Map<number, number>();
  for (const root of comments) for (const reply of root.replies) parentOf.set(reply.id, root.id);

  const published: Comment[] = flattenComments(comments).map((comment) => {
    const parent = parentOf.get(comment.id);
    return {
      '@type': 'Comment',
      url: commentId(comment.id),
      author: { '@type': 'Person', name: comment.authorName, ...(comment.authorWebsite ? { url: comment.authorWebsite } : {}) },
      dateCreated: comment.createdAt,
      ...(parent === undefined ? {} : { parentItem: { '@type': 'Comment' as const, url: commentId(parent) } }),
    };
  });

  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    '@id': url,
    headline: article.title,
    description: article.description,
    url,
    mainEntityOfPage: url,
    datePublished: article.publishAt.toISOString(),
    author: { '@type': 'Person', name: article.author },
    inLanguage: 'fr',
    image: `${siteUrl}${articleImagePath(article.slug)}`,
    isPartOf: { '@type': 'WebSite', name: site.name, url: `${siteUrl}/` },
    commentCount: shown?.commentCount ?? published.length,
    comment: published,
  };
}
