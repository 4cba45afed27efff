import { getConfig } from '@/lib/config';
import { listArticles } from '@/lib/content/articles';
import { renderArticlesFeed } from '@/lib/feeds/articles-feed';
import { feedResponse } from '@/lib/feeds/render-feed';

// Articles change only with a new build: the feed is written once, at build time.
export const dynamic = 'force-static';

export async function GET() {
  return feedResponse(renderArticlesFeed(await listArticles(), getConfig().SITE_URL, 'rss'), 'rss');
}
