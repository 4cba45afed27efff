import { BOOK, SITE_DESCRIPTION, SITE_NAME } from '@/lib/book';
import type { Article } from '@/lib/content/load-articles';
import { ARTICLES_ATOM_PATH, ARTICLES_RSS_PATH } from './links';
import { renderFeed, type FeedFormat } from './render-feed';

/** The site's articles feed, newest first, each with its full HTML. */
export function renderArticlesFeed(articles: Article[], siteUrl: string, format: FeedFormat): string {
  const newestFirst = [...articles].sort((a, b) => b.date.getTime() - a.date.getTime());
  return renderFeed(
    {
      title: SITE_NAME,
      description: SITE_DESCRIPTION,
      link: `${siteUrl}/`,
      self: `${siteUrl}${format === 'rss' ? ARTICLES_RSS_PATH : ARTICLES_ATOM_PATH}`,
      updated: newestFirst[0]?.date ?? new Date(`${BOOK.publishedOn}T00:00:00Z`),
      language: 'fr',
      author: { name: BOOK.author, link: `${siteUrl}/` },
    },
    newestFirst.map((article) => ({
      title: article.title,
      link: `${siteUrl}/articles/${article.slug}`,
      date: article.date,
      authorName: article.author,
      summary: article.description,
      contentHtml: article.html,
    })),
    format,
  );
}
