import type { MetadataRoute } from 'next';
import { getConfig } from '@/lib/config';
import { listArticles } from '@/lib/content/articles';
import { latestCommentDate } from '@/lib/comments/flatten';
import { getCommentThread } from '@/lib/comments/queries';
import { buildSitemap } from '@/lib/sitemap/build-sitemap';

// Read through the tagged comment cache: a new comment expires the sitemap along with the page.
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const articles = await listArticles();
  const threads = new Map(await Promise.all(articles.map(async (article) => [article.slug, await getCommentThread(article)] as const)));
  return buildSitemap(getConfig().SITE_URL, articles, (slug) => latestCommentDate(threads.get(slug)?.comments ?? []));
}
