import type { Metadata } from 'next';
import { SITE_NAME } from '@/lib/book';
import type { Article } from '@/lib/content/load-articles';
import { commentPagePath } from '@/lib/comments/paging';
import { commentsFeedPath, commentsFeedTitle, feedAlternates } from '@/lib/feeds/links';

type MetadataArticle = Pick<Article, 'slug' | 'title' | 'description' | 'date' | 'author'>;

/**
 * The head of an article's page `page` of comments: each page is its own canonical address (page 1
 * is the article's), indexed and followed like the article.
 */
export function articlePageMetadata(article: MetadataArticle, page = 1): Metadata {
  const url = commentPagePath(article.slug, page);
  const title = page === 1 ? article.title : `${article.title} — commentaires, page ${page}`;
  return {
    title,
    description: article.description,
    alternates: {
      canonical: url,
      types: feedAlternates({ url: commentsFeedPath(article.slug), title: commentsFeedTitle(article.title) }),
    },
    authors: [{ name: article.author }],
    robots: { index: true, follow: true },
    openGraph: {
      type: 'article',
      url,
      siteName: SITE_NAME,
      title,
      description: article.description,
      publishedTime: article.date.toISOString(),
      authors: [article.author],
      locale: 'fr_FR',
    },
    twitter: { card: 'summary_large_image', title, description: article.description },
  };
}
