import { getConfig } from '@/lib/config';
import { listArticles } from '@/lib/content/articles';
import { getBook } from '@/lib/book-file/get-book';
import { renderArticlesFeed } from '@/lib/feeds/articles-feed';
import { feedResponse } from '@/lib/feeds/render-feed';

// Written at each request from the articles in memory (no database): an article prepared ahead
// is in it from its instant, with no rebuild.
export async function GET() {
  return feedResponse(renderArticlesFeed(await listArticles(), await getBook(), getConfig().SITE_URL, 'rss'), 'rss');
}
