import { getConfig } from '@/lib/config';
import { getArticle } from '@/lib/content/articles';
import { getCommentThread } from '@/lib/comments/queries';
import { renderCommentsFeed } from '@/lib/feeds/comments-feed';
import { feedResponse } from '@/lib/feeds/render-feed';

type Context = { params: Promise<{ slug: string }> };

/**
 * An article's comment feed. Rendered per request from the tagged comment cache, so a published
 * comment shows up as soon as its write moves the article's cache tag.
 */
export async function GET(_request: Request, { params }: Context) {
  const article = await getArticle((await params).slug);
  if (!article) return new Response('Cet article n’existe pas.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const thread = await getCommentThread(article);
  return feedResponse(renderCommentsFeed(article, thread.comments, getConfig().SITE_URL), 'rss');
}
