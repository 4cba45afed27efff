import type { MetadataRoute } from 'next';
import { getConfig } from '@/lib/config';
import { listArticles } from '@/lib/content/articles';
import { listContentPages } from '@/lib/privacy/legal-pages';
import { getThreadPage } from '@/lib/comments/queries';
import { buildSitemap } from '@/lib/sitemap/build-sitemap';
import { getBook } from '@/lib/book-file/get-book';

// Read through the tagged comment cache: a new comment renews page 1, and the sitemap with it.
// Each article is listed once: its other pages of comments are reached from it.
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const articles = await listArticles();
  const book = await getBook();
  const latest = new Map(await Promise.all(articles.map(async (article) => [article.slug, (await getThreadPage(article, 'home'))?.latestAt] as const)));
  return buildSitemap(
    getConfig().SITE_URL,
    articles,
    (slug) => {
      const date = latest.get(slug);
      return date ? new Date(date) : undefined;
    },
    await listContentPages(),
    [
      { path: '/livre', priority: 0.9 },
      ...(book.excerpt ? [{ path: '/livre/extrait', priority: 0.6 }] : []),
      { path: '/auteur', priority: 0.6 },
      { path: '/rencontres', priority: 0.5 },
    ],
  );
}
