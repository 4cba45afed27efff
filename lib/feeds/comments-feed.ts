import type { Article } from '@/lib/content/load-articles';
import { commentBodyToHtml } from './comment-html';
import type { FeedComment } from './latest-comments';
import { commentsFeedPath } from '@/lib/paths';
import { commentPermalink, commentsFeedTitle } from './links';
import { renderFeed } from './render-feed';

const EXCERPT_LENGTH = 280;

function excerpt(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length <= EXCERPT_LENGTH ? text : `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`;
}

type FeedArticle = Pick<Article, 'slug' | 'title' | 'date'>;

/**
 * An article's comment feed (RSS 2.0, like WordPress's per-post feeds): the comments given, newest
 * first (getLatestComments: the latest published ones, replies included). Only what the page
 * shows: the author's name, never an e-mail.
 */
export function renderCommentsFeed(article: FeedArticle, newestFirst: FeedComment[], siteUrl: string): string {
  const articleUrl = `${siteUrl}/articles/${article.slug}`;
  const newest = newestFirst[0];
  return renderFeed(
    {
      title: commentsFeedTitle(article.title),
      description: `Les derniers commentaires publiés sous l’article « ${article.title} ».`,
      link: `${articleUrl}#commentaires`,
      self: `${siteUrl}${commentsFeedPath(article.slug)}`,
      updated: newest ? new Date(newest.createdAt) : article.date,
      language: 'fr',
    },
    newestFirst.map((comment) => ({
      title: `Commentaire de ${comment.authorName}`,
      link: commentPermalink(siteUrl, article.slug, comment.id),
      date: new Date(comment.createdAt),
      authorName: comment.authorName,
      summary: excerpt(comment.body),
      contentHtml: commentBodyToHtml(comment.body),
    })),
    'rss',
  );
}
