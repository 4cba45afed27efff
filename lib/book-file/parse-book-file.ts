import { stat } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
// Relative imports only: next.build-config.ts checks the file with this parser, and its compiler knows
// neither the `@/` alias nor 'server-only'.
import { renderMarkdown } from '../content/render-markdown';
import { locateFrontMatter, type FrontMatterLines } from './front-matter-lines';
import { htmlToPlainText } from './plain-text';
import { BOOK_KEYS, bookFrontMatter } from './schema';
import { splitSections, type SectionKey } from './sections';
import type { BuyLink } from './where-to-buy';

/** The book as content/livre.md describes it. A field not filled in the file is absent. */
export type Book = {
  title: string;
  subtitle?: string;
  /** `${title} – ${subtitle}`, or the title alone. */
  fullTitle: string;
  author: string;
  prefaceBy?: string;
  /** The instant it is in bookstores (the file gives it in Paris time). */
  release: Date;
  /** The Paris calendar day of the release, `YYYY-MM-DD`. */
  releaseDay: string;
  publisher?: string;
  collection?: string;
  /** 13 digits without hyphens; the ISBN-10 only for a 978 ISBN. */
  isbn?: { isbn13: string; isbn10?: string };
  pages?: number;
  format?: string;
  price?: { cents: number; display: string };
  cover?: string;
  coverAlt?: string;
  buy: BuyLink[];
  /** Sanitised HTML, and the plain text for meta descriptions, feeds and e-mails. */
  summary?: { html: string; text: string };
  presentation?: string;
  contents?: string;
  excerpt?: string;
  authorBio?: string;
};

/** Everything wrong with the book file, each problem on its own line with file, line and field. */
export class BookFileError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'BookFileError';
    this.problems = problems;
  }
}

type Problem = { line: number; field?: string; message: string };

function isYamlError(error: unknown): error is Error & { reason?: string; mark?: { line: number } } {
  return error instanceof Error && error.name === 'YAMLException';
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

// gray-matter's `matter` starts with the end of the opening `---` line: its line 0 is the file's line 1.
function readYaml(source: string): { data: Record<string, unknown> } | { problem: Problem } {
  try {
    const { data } = matter(source);
    return { data: { ...data } };
  } catch (error) {
    if (!isYamlError(error)) throw error;
    const reason = error.reason === 'duplicated mapping key' ? 'clé en double' : `YAML invalide (${error.reason ?? error.message})`;
    return { problem: { line: (error.mark?.line ?? 0) + 1, message: reason } };
  }
}

function lineOf(located: FrontMatterLines, issuePath: readonly PropertyKey[]): number {
  const [key, index] = issuePath;
  if (typeof key !== 'string') return 1;
  const itemLine = typeof index === 'number' ? located.items.get(key)?.[index] : undefined;
  return itemLine ?? located.keys.get(key) ?? 1;
}

function withoutUndefined<T extends object>(object: T): T {
  for (const key of Object.keys(object) as (keyof T)[]) if (object[key] === undefined) delete object[key];
  return object;
}

async function coverProblem(cover: string, publicDir: string): Promise<string | undefined> {
  const file = path.join(/*turbopackIgnore: true*/ publicDir, cover);
  const isFile = await stat(/*turbopackIgnore: true*/ file).then((found) => found.isFile(), () => false);
  return isFile ? undefined : `couverture introuvable « ${cover} » : aucun fichier public${cover}.`;
}

/**
 * Reads and checks the book file. Every problem is collected, then thrown as one BookFileError.
 * `publicDir`: when given, the cover must be a file there.
 */
export async function parseBookFile(source: string, fileName = 'content/livre.md', options: { publicDir?: string } = {}): Promise<Book> {
  const located = locateFrontMatter(source);
  const describe = ({ line, field, message }: Problem) => `${fileName}, ligne ${line}${field ? ` (${field})` : ''} : ${message}`;
  if (located.closingLine === undefined) {
    throw new BookFileError([describe({ line: 1, message: 'le fichier commence par son front matter, entre deux lignes « --- ».' })]);
  }
  const yaml = readYaml(source);
  if ('problem' in yaml) throw new BookFileError([describe(yaml.problem)]);

  const problems: Problem[] = [];
  const filled: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(yaml.data)) {
    if (!BOOK_KEYS.includes(key)) problems.push({ line: located.keys.get(key) ?? 1, message: `clé inconnue « ${key} »` });
    else if (!isEmpty(value)) filled[key] = value;
  }
  // YAML reads a bare date as a Date, and 2008-13-45 as a valid one: the text as written is checked.
  if (filled.release instanceof Date) filled.release = located.rawValues.get('release') ?? filled.release.toISOString().slice(0, 10);
  const parsed = bookFrontMatter.safeParse(filled);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ line: lineOf(located, issue.path), field: typeof issue.path[0] === 'string' ? issue.path[0] : undefined, message: issue.message });
    }
  }
  if (parsed.success && parsed.data.cover && options.publicDir) {
    const message = await coverProblem(parsed.data.cover, options.publicDir);
    if (message) problems.push({ line: lineOf(located, ['cover']), field: 'cover', message });
  }
  const body = source.split(/\r?\n/).slice(located.closingLine).join('\n');
  const { sections, problems: sectionProblems } = splitSections(body, located.closingLine + 1);
  problems.push(...sectionProblems);
  if (problems.length > 0 || !parsed.success) {
    throw new BookFileError(problems.sort((a, b) => a.line - b.line).map(describe));
  }

  const html = new Map<SectionKey, string>();
  await Promise.all([...sections].map(async ([key, markdown]) => html.set(key, await renderMarkdown(markdown))));
  const { title, subtitle, release, ...facts } = parsed.data;
  const summary = html.get('summary');
  return withoutUndefined({
    title,
    subtitle,
    fullTitle: subtitle ? `${title} – ${subtitle}` : title,
    release: release.release,
    releaseDay: release.releaseDay,
    ...facts,
    buy: facts.buy ?? [],
    summary: summary === undefined ? undefined : { html: summary, text: htmlToPlainText(summary) },
    presentation: html.get('presentation'),
    contents: html.get('contents'),
    excerpt: html.get('excerpt'),
    authorBio: html.get('authorBio'),
  });
}
