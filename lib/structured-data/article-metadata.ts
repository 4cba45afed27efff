import type { Metadata } from 'next';
import type { Book } from '@/lib/book-file/parse-book-file';
import type { Article } from '@/lib/content/load-articles';
import { commentsFeedTitle, feedAlternates } from '@/lib/feeds/links';
import { commentsFeedPath } from '@/lib/paths';

type MetadataArticle = Pick<Article, 'slug' | 'title' | 'description' | 'publishAt' | 'author'>;

/**
 * The head of an article's page of comments at `url` (the article's own address for the page it
 * shows): each page is its own canonical address, indexed and followed like the article.
 */
export function articlePageMetadata(article: MetadataArticle, book: Pick<Book, 'fullTitle'>, shown?: { page: number; url: string }): Metadata {
  const url = shown?.url ?? `/articles/${article.slug}`;
  const title = shown && shown.url !== `/articles/${article.slug}` ? `${article.title} — commentaires, page ${shown.page}` : article.title;
  return {
    title,
    description: article.description,
    alternates: {
      canonical: url,
      types: feedAlternates(book, { url: commentsFeedPath(article.slug), title: commentsFeedTitle(article.title) }),
    },
    authors: [{ name: article.author }],
    robots: { index: true, follow: true },
    openGraph: {
      type: 'article',
      url,
      siteName: book.fullTitle,
      title,
      description: article.description,
      publishedTime: article.publishAt.toISOString(),
      authors: [article.author],
      locale: 'fr_FR',
    },
    twitter: { card: 'summary_large_image', title, description: article.description },
  };
}

/** The head of a page of content/pages/: its own canonical address, no article metadata. */
export function contentPageMetadata(page: { slug: string; title: string; description: string }, book: Pick<Book, 'fullTitle'>): Metadata {
  const url = `/${page.slug}`;
  return {
    title: page.title,
    description: page.description,
    alternates: { canonical: url, types: feedAlternates(book) },
    openGraph: { type: 'website', url, siteName: book.fullTitle, title: page.title, description: page.description, locale: 'fr_FR' },
  };
}
