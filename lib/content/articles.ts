import 'server-only';
import { renderAgainAt, nextChange } from '@/lib/cache/render-again-at';
import { isPublic, readArticles, type Article } from './load-articles';

export type { Article } from './load-articles';
export type ArticleSummary = Omit<Article, 'html'>;

let loaded: Promise<Article[]> | undefined;

/** Every article of content/, drafts and scheduled ones included: for the author's pages only. */
export function listAllArticles(): Promise<Article[]> {
  loaded ??= readArticles();
  return loaded;
}

/**
 * The articles readers see now, newest first. A page that lists them renders again when the next
 * scheduled one comes out, so it appears with no write, rebuild or restart.
 */
export async function listArticles(now = new Date()): Promise<Article[]> {
  const all = await listAllArticles();
  const next = nextChange(all.filter((article) => !article.draft).map((article) => article.publishAt), now);
  if (next) await renderAgainAt(next, now);
  return all.filter((article) => isPublic(article, now));
}

/** An article readers can see now; a draft or one to come is unknown (a 404, comments closed). */
export async function getArticle(slug: string, now = new Date()): Promise<Article | undefined> {
  return (await listArticles(now)).find((article) => article.slug === slug);
}

/** Any article, public or not: the author's preview and settings. */
export async function getAnyArticle(slug: string): Promise<Article | undefined> {
  return (await listAllArticles()).find((article) => article.slug === slug);
}

export async function listArticleSlugs(): Promise<string[]> {
  return (await listArticles()).map((article) => article.slug);
}
