import type { MetadataRoute } from 'next';
import { getConfig } from '@/lib/config';
import { listArticles } from '@/lib/content/articles';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const site = getConfig().SITE_URL;
  const articles = await listArticles();
  const newest = articles[0]?.date;
  return [
    { url: `${site}/`, lastModified: newest, changeFrequency: 'weekly', priority: 1 },
    ...articles.map((article) => ({
      url: `${site}/articles/${article.slug}`,
      lastModified: article.date,
      changeFrequency: 'weekly' as const,
      priority: 0.8,
    })),
  ];
}
