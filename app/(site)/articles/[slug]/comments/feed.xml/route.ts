import { getConfig } from '@/lib/config';
import { db } from '@/lib/db';
import { getArticle } from '@/lib/content/articles';
import { renderCommentsFeed } from '@/lib/feeds/comments-feed';
import { getLatestComments } from '@/lib/feeds/latest-comments';
import { feedResponse } from '@/lib/feeds/render-feed';

type Context = { params: Promise<{ slug: string }> };

/**
 * An article's comment feed: its latest comments, read from the tagged cache, so a published
 * comment shows up as soon as its write moves the article's cache tag.
 */
export async function GET(_request: Request, { params }: Context) {
  const article = await getArticle((await params).slug);
  if (!article) return new Response('Cet article n’existe pas.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const comments = await getLatestComments(db, article.slug);
  return feedResponse(renderCommentsFeed(article, comments, getConfig().SITE_URL), 'rss');
}
