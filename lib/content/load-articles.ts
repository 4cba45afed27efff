import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { frontMatter, type FrontMatter } from './front-matter';
import { applyFrenchSpacing } from './french-typography';
import { renderMarkdown } from './render-markdown';

export type Article = FrontMatter & { html: string };

// Read from the working folder at run time (the API checks slugs), not bundled.
export const CONTENT_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), 'content');

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
    title: applyFrenchSpacing(title),
    description: applyFrenchSpacing(description),
    kicker: kicker && applyFrenchSpacing(kicker),
    html: await renderMarkdown(content),
  };
}

// content/livre.md describes the book itself (lib/book-file/), it is no article.
const NOT_ARTICLES = new Set(['livre.md']);

/** Reads every `*.md` of a folder but the book file, newest first. */
export async function readArticles(directory = CONTENT_DIR): Promise<Article[]> {
  const files = (await readdir(/*turbopackIgnore: true*/ directory)).filter((name) => name.endsWith('.md') && !NOT_ARTICLES.has(name)).sort();
  const articles = await Promise.all(
    files.map(async (name) => parseArticle(path.join(directory, name), await readFile(/*turbopackIgnore: true*/ path.join(directory, name), 'utf8'))),
  );
  return articles.sort((a, b) => b.date.getTime() - a.date.getTime() || a.slug.localeCompare(b.slug));
}
