import type { Book } from '@/lib/book-file/parse-book-file';
import { siteDescription } from '@/lib/book-file/site-text';
import type { Article } from '@/lib/content/load-articles';
import { ARTICLES_ATOM_PATH, ARTICLES_RSS_PATH } from './links';
import { renderFeed, type FeedFormat } from './render-feed';

/** The site's articles feed, newest first, each with its full HTML. */
export function renderArticlesFeed(articles: Article[], book: Book, siteUrl: string, format: FeedFormat): string {
  const newestFirst = [...articles].sort((a, b) => b.date.getTime() - a.date.getTime());
  return renderFeed(
    {
      title: book.fullTitle,
      description: siteDescription(book),
      link: `${siteUrl}/`,
      self: `${siteUrl}${format === 'rss' ? ARTICLES_RSS_PATH : ARTICLES_ATOM_PATH}`,
      updated: newestFirst[0]?.publishAt ?? book.release,
      language: 'fr',
      author: { name: book.author, link: `${siteUrl}/auteur` },
    },
    newestFirst.map((article) => ({
      title: article.title,
      link: `${siteUrl}/articles/${article.slug}`,
      date: article.publishAt,
      authorName: article.author,
      summary: article.description,
      contentHtml: article.html,
    })),
    format,
  );
}
