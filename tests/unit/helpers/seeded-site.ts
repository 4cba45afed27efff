import { afterEach, beforeEach } from 'vitest';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { pageAsOf, readThreadPage, type ThreadPage } from '@/lib/comments/thread-page';
import type { PostContext } from '@/lib/comments/service';
import { seed } from '@/prisma/seed';
import { createTempDatabase, type TempDatabase } from './temp-database';

export type SeededSite = {
  temp: TempDatabase;
  articles: Article[];
  /** What postComment needs, with no rate limit. */
  context: PostContext;
  article: (slug: string) => Article;
  /** The page of comments the article shows, as a reader sees it now (the whole thread for the seed's few). */
  thread: (slug: string) => Promise<ThreadPage>;
};

/** Before each test: a migrated, seeded SQLite file and the real articles; removed after it. */
export function seededSite(ip = '203.0.113.9'): SeededSite {
  const site = {} as SeededSite;
  beforeEach(async () => {
    site.temp = await createTempDatabase();
    site.articles = await readArticles();
    await seed(site.temp.db, site.articles);
    site.context = { db: site.temp.db, ip, articles: async () => site.articles, rateLimit: null };
    site.article = (slug) => {
      const found = site.articles.find((candidate) => candidate.slug === slug);
      if (!found) throw new Error(`no article ${slug}`);
      return found;
    };
    site.thread = async (slug) => {
      const found = site.article(slug);
      const stored = await readThreadPage(site.temp.db, { slug: found.slug, comments: found.comments, publishedAt: found.date.toISOString() }, 'home');
      return pageAsOf(stored, new Date());
    };
  });
  afterEach(async () => site.temp.cleanup());
  return site;
}
