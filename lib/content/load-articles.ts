import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { getContentDir } from '@/lib/config';
import { frontMatter, type FrontMatter } from './front-matter';
import { applyFrenchSpacing } from './french-typography';
import { renderMarkdown } from './render-markdown';

export type Article = FrontMatter & { html: string };

// Read from the working folder at run time (the API checks slugs), not bundled.
const CONTENT_DIR = getContentDir();

/** Parses one Markdown file; the error names the file and every bad field. */
export async function parseArticle(fileName: string, source: string): Promise<Article> {
  const { data, content } = matter(source);
  const parsed = frontMatter.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(racine)'} : ${issue.message}`);
    throw new Error(`${fileName} : front matter invalide — ${problems.join(' ; ')}`);
  }
  if (`${parsed.data.slug}.md` !== path.basename(fileName)) {
    throw new Error(`${fileName} : le fichier doit s'appeler ${parsed.data.slug}.md (comme son slug)`);
  }
  const { title, description, kicker } = parsed.data;
  return {
    ...parsed.data,
    ...parsed.data.date,
    title: applyFrenchSpacing(title),
    description: applyFrenchSpacing(description),
    kicker: kicker && applyFrenchSpacing(kicker),
    html: await renderMarkdown(content),
  };
}

/** Beside the articles, the book's own file (lib/book-file): not an article. */
const NOT_ARTICLES = new Set(['livre.md']);

/** Reads every `*.md` of a folder, newest first, drafts and articles to come included (see isPublic). */
export async function readArticles(directory = CONTENT_DIR): Promise<Article[]> {
  const files = (await readdir(/*turbopackIgnore: true*/ directory)).filter((name) => name.endsWith('.md') && !NOT_ARTICLES.has(name)).sort();
  const articles = await Promise.all(
    files.map(async (name) => parseArticle(path.join(directory, name), await readFile(/*turbopackIgnore: true*/ path.join(directory, name), 'utf8'))),
  );
  return articles.sort((a, b) => b.publishAt.getTime() - a.publishAt.getTime() || a.slug.localeCompare(b.slug));
}

/** Whether readers see the article at `now`: not a draft, and its instant has come. */
export function isPublic(article: Pick<Article, 'draft' | 'publishAt'>, now: Date): boolean {
  return !article.draft && article.publishAt <= now;
}

/** Where the author's list shows an article: « brouillon », « programmé » or « publié ». */
export function publicationState(article: Pick<Article, 'draft' | 'publishAt'>, now: Date): 'draft' | 'scheduled' | 'published' {
  if (article.draft) return 'draft';
  return article.publishAt > now ? 'scheduled' : 'published';
}
