import 'server-only';
import { readArticles, type Article } from './load-articles';

export type { Article } from './load-articles';
export type ArticleSummary = Omit<Article, 'html'>;

let loaded: Promise<Article[]> | undefined;

/** Every article, newest first. Content is read and rendered once per process. */
export function listArticles(): Promise<Article[]> {
  loaded ??= readArticles();
  return loaded;
}

export async function getArticle(slug: string): Promise<Article | undefined> {
  return (await listArticles()).find((article) => article.slug === slug);
}

export async function listArticleSlugs(): Promise<string[]> {
  return (await listArticles()).map((article) => article.slug);
}
