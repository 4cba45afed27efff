import type { MetadataRoute } from 'next';
import type { Article } from '@/lib/content/load-articles';
import type { ContentPage } from '@/lib/privacy/load-legal-pages';

type SitemapArticle = Pick<Article, 'slug' | 'date'>;
type SitemapPage = Pick<ContentPage, 'slug' | 'updated'>;
/** The launch's own pages (/livre, /auteur, /rencontres…): an address and, when known, its last change. */
type LaunchPage = { path: string; lastModified?: Date; priority: number };

/** The later of two dates; `undefined` counts as never. */
function later(a: Date, b: Date | undefined): Date {
  return b && b > a ? b : a;
}

/**
 * The sitemap: the home page, then every article, each last modified at its own date or at its
 * latest published comment, whichever is later. The home page changes with the newest of them.
 * Then the launch's pages (the book, its excerpt once there is one, the author, the events), and
 * the pages that are not articles (legal notice, privacy policy), each at its own date.
 */
export function buildSitemap(
  siteUrl: string,
  articles: SitemapArticle[],
  latestCommentOf: (slug: string) => Date | undefined,
  pages: SitemapPage[] = [],
  launch: LaunchPage[] = [],
): MetadataRoute.Sitemap {
  const entries = articles.map((article) => ({
    url: `${siteUrl}/articles/${article.slug}`,
    lastModified: later(article.date, latestCommentOf(article.slug)),
    changeFrequency: 'weekly' as const,
    priority: 0.8,
  }));
  const newest = entries.reduce<Date | undefined>((latest, entry) => (latest ? later(latest, entry.lastModified) : entry.lastModified), undefined);
  const pageEntries = pages.map((page) => ({ url: `${siteUrl}/${page.slug}`, lastModified: page.updated, changeFrequency: 'yearly' as const, priority: 0.2 }));
  const launchEntries = launch.map((page) => ({ url: `${siteUrl}${page.path}`, lastModified: page.lastModified, changeFrequency: 'monthly' as const, priority: page.priority }));
  return [{ url: `${siteUrl}/`, lastModified: newest, changeFrequency: 'weekly', priority: 1 }, ...launchEntries, ...entries, ...pageEntries];
}
