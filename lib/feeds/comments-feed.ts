import type { Article } from '@/lib/content/load-articles';
import type { PublicComment } from '@/lib/comments/queries';
import { flattenComments } from '@/lib/comments/flatten';
import { commentBodyToHtml } from './comment-html';
import { commentsFeedPath, commentsFeedTitle } from './links';
import { renderFeed } from './render-feed';

const EXCERPT_LENGTH = 280;

function excerpt(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length <= EXCERPT_LENGTH ? text : `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`;
}

type FeedArticle = Pick<Article, 'slug' | 'title' | 'date'>;

/**
 * An article's comment feed (RSS 2.0, like WordPress's per-post feeds): its published comments,
 * replies included, newest first. Only what the page shows: the author's name, never an e-mail.
 */
export function renderCommentsFeed(article: FeedArticle, comments: PublicComment[], siteUrl: string): string {
  const articleUrl = `${siteUrl}/articles/${article.slug}`;
  const newestFirst = flattenComments(comments).reverse();
  const newest = newestFirst[0];
  return renderFeed(
    {
      title: commentsFeedTitle(article.title),
      description: `Les commentaires publiés sous l’article « ${article.title} ».`,
      link: `${articleUrl}#commentaires`,
      self: `${siteUrl}${commentsFeedPath(article.slug)}`,
      updated: newest ? new Date(newest.createdAt) : article.date,
      language: 'fr',
    },
    newestFirst.map((comment) => ({
      title: `Commentaire de ${comment.authorName}`,
      link: `${articleUrl}#comment-${comment.id}`,
      date: new Date(comment.createdAt),
      authorName: comment.authorName,
      summary: excerpt(comment.body),
      contentHtml: commentBodyToHtml(comment.body),
    })),
    'rss',
  );
}
