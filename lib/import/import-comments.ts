import { targetOf, type Database } from '@/lib/db/client';
import { getIpHashSalt } from '@/lib/config';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { recordAction } from '@/lib/audit';
import { changeVisibly, type Change, type Transaction } from '@/lib/write/visible-change';
import { defaultArticleState } from '@/lib/comments/article-state';
import type { ChangedPages } from '@/lib/comments/paging';
import { ArticleSpool } from './article-spool';
import { detectFormat, FORMAT_LABELS, type ImportFormat } from './detect-format';
import { ImportError } from './import-error';
import { parseDisqus } from './parse/disqus';
import { parseMovableType } from './parse/movable-type';
import { parseSiteJson } from './parse/site-json';
import { parseWxr } from './parse/wxr';
import { emptyCounts, newArticleReport, readImport, STATE_SELECT, stateChangeOf, type ArticleReport, type PostState, type Run, type UnmatchedPost } from './read-import';
import { decodeUtf8, type TextChunk } from './source-text';
import type { ImportEvent } from './source-records';
import { CommentStore, type ArticleCounts } from './store-comments';

export type { ArticleReport };

/** Parses one format as it streams: events in file order. */
const PARSERS: Record<ImportFormat, (chunks: AsyncIterable<TextChunk>) => AsyncGenerator<ImportEvent>> = {
  wxr: parseWxr,
  disqus: parseDisqus,
  mt: parseMovableType,
  json: parseSiteJson,
};

/** One article's thread may take minutes on a large file: the database must not end it half-way. */
const TRANSACTION_TIMEOUT_MS = 60 * 60_000;
const TRANSACTION_MAX_WAIT_MS = 15_000;

export const ARTICLE_WRITE_FAILED =
  'l’enregistrement a échoué et rien n’a été écrit pour cet article ; relancez l’import (ce qui est déjà là ne sera pas ajouté deux fois), et si l’erreur revient, le journal du serveur en dit la cause';

export type ImportInput = {
  /** The file, read once from start to end (readFileBytes(path), or an upload's stream). */
  bytes: AsyncIterable<Uint8Array>;
  /** Guessed from the file's first characters when not given. */
  format?: ImportFormat;
  /** Reads and counts, writes nothing: the preview. */
  dryRun?: boolean;
  /** The author's own mapping: a post's slug, address, title or id → an article's slug. */
  map?: ReadonlyMap<string, string>;
};

export type ImportContext = {
  db: Database;
  /** Who imports, for the audit log. */
  actor: string;
  articles?: () => Promise<Article[]>;
  ipHashSalt?: string;
  now?: Date;
};

/** An article the import could not write: nothing of it was stored. */
type FailedArticle = { slug: string; title: string; message: string };

export type ImportReport = {
  format: ImportFormat;
  source: string;
  dryRun: boolean;
  /** On a preview, what each article would get; on an import, what each got (all of it). */
  articles: ArticleReport[];
  /** Articles whose write failed (none on a preview): the others are imported all the same. */
  failed: FailedArticle[];
  unmatched: UnmatchedPost[];
  totals: ArticleCounts;
  /** The pages the import changed (each article's write purged them after its commit). */
  changed: ChangedPages[];
};

export type ImportResult = { ok: true; report: ImportReport } | { ok: false; message: string; line?: number };

async function* prepend(first: TextChunk | undefined, rest: AsyncIterator<TextChunk>): AsyncGenerator<TextChunk> {
  if (first) yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** The file's format (given or guessed from its first characters) and its whole text. */
async function withFormat(chunks: AsyncGenerator<TextChunk>, format: ImportFormat | undefined) {
  const first = await chunks.next();
  const start = first.done ? undefined : first.value;
  const detected = detectFormat(start?.text ?? '');
  // A format chosen by hand that the file plainly is not would read nothing from it, silently.
  if (format && detected && detected !== format) throw new ImportError(1, `le fichier est un export ${FORMAT_LABELS[detected]}, pas ${FORMAT_LABELS[format]} : choisissez le bon format ou laissez-le reconnaître`);
  const found = format ?? detected;
  if (!found) throw new ImportError(1, 'format de fichier non reconnu : indiquez-le (WordPress, Disqus, Movable Type ou export du site ; en ligne de commande, --format wxr, disqus, mt ou json)');
  return { format: found, chunks: prepend(start, chunks) };
}

function sumCounts(reports: ArticleCounts[]): ArticleCounts {
  const totals = emptyCounts();
  for (const report of reports) for (const key of Object.keys(totals) as (keyof ArticleCounts)[]) totals[key] += report[key];
  return totals;
}

type ArticleWrite = { slug: string; preview: ArticleReport; state: PostState | undefined; source: string; spool: ArticleSpool };

/**
 * Writes one article's comments (set aside by the read pass) and its state, in one transaction,
 * with its audit line and its thread's cache tags: the article is imported whole or not at all.
 */
async function writeArticle(tx: Transaction, context: ImportContext, run: Run, write: ArticleWrite): Promise<Change<{ report: ArticleReport; changed: ChangedPages | null }>> {
  const { slug, preview, state, source, spool } = write;
  const article = run.articles.find((candidate) => candidate.slug === slug);
  const report: ArticleReport = { ...newArticleReport(run.articles, slug), skipped: preview.skipped };
  const store = new CommentStore(tx, targetOf(context.db).provider, true);
  if (spool.has(slug)) {
    const defaults = defaultArticleState(article?.comments ?? 'open');
    await tx.article.upsert({ where: { slug }, create: { slug, commentsOpen: defaults.commentsOpen }, update: {} });
    for await (const comment of spool.read(slug)) await store.add({ ...comment, counts: report });
    await store.finish();
  }
  if (state) {
    const change = stateChangeOf(article, await tx.article.findUnique({ where: { slug }, select: STATE_SELECT }), state, run.now);
    if (change) {
      report.stateChange = change.kind;
      await tx.article.upsert({ where: { slug }, create: { slug, ...change.data }, update: change.data });
    }
  }
  const isChanged = report.added > 0 || report.stateChange !== null;
  const { added, existing, replies, held, spam, skipped, stateChange } = report;
  await recordAction(tx, context.actor, 'comments.import', `import:${source}`, { format: run.format, article: slug, added, existing, replies, held, spam, skipped, stateChange });
  const changed: ChangedPages | null = isChanged ? { slug, pages: 'all', repliesOf: [...store.repliedTo] } : null;
  return { result: { report, changed }, seen: { comments: changed ? [changed] : [] } };
}

/**
 * Imports the comments of a WordPress (WXR), Disqus, Movable Type or site export. The file is
 * read whole first, as it streams, and nothing is written unless all of it is sound: each post is
 * matched to an article (unmatched ones are listed, and nothing is stored for them), comments
 * already there are found and counted, not added. Then each article that gets something is
 * written in its own transaction, with its audit line and its thread's cache tags: a large file
 * never holds the database's write lock for the whole import, and an article is imported whole or
 * not at all (the report lists those that failed). No notification is sent. The command line and
 * the admin page both call this.
 */
export async function importComments(input: ImportInput, context: ImportContext): Promise<ImportResult> {
  const articles = await (context.articles ?? readArticles)();
  const map = input.map ?? new Map<string, string>();
  for (const [from, to] of map) {
    if (!articles.some((article) => article.slug === to)) return { ok: false, message: `Correspondance « ${from}=${to} » : aucun article n’a le slug « ${to} ».` };
  }
  let spool: ArticleSpool | null = null;
  let read: Awaited<ReturnType<typeof readImport>>;
  let run: Run;
  try {
    const { format, chunks } = await withFormat(decodeUtf8(input.bytes), input.format);
    run = { format, events: PARSERS[format](chunks), articles, map, salt: context.ipHashSalt ?? getIpHashSalt(), now: context.now ?? new Date() };
    spool = input.dryRun ? null : new ArticleSpool();
    read = await readImport(context.db, run, spool);
  } catch (error) {
    spool?.remove();
    if (error instanceof ImportError) return { ok: false, message: `${error.message}. Rien n’a été importé.`, line: error.line };
    console.error('importComments failed', error);
    return { ok: false, message: 'L’import a échoué et rien n’a été enregistré. Réessayez ; si l’erreur revient, le journal du serveur en dit la cause.' };
  }

  const previews = [...read.reports.values()].sort((a, b) => a.slug.localeCompare(b.slug));
  const base = { format: run.format, source: read.source, unmatched: read.unmatched };
  if (!spool) return { ok: true, report: { ...base, dryRun: true, articles: previews, failed: [], totals: sumCounts(previews), changed: [] } };

  const written: ArticleReport[] = [];
  const failed: FailedArticle[] = [];
  const changed: ChangedPages[] = [];
  try {
    for (const preview of previews) {
      if (preview.added === 0 && preview.stateChange === null) {
        written.push(preview);
        continue;
      }
      const write: ArticleWrite = { slug: preview.slug, preview, state: read.states.get(preview.slug), source: read.source, spool };
      try {
        const { report, changed: pages } = await changeVisibly(context.db, (tx) => writeArticle(tx, context, run, write), {
          timeout: TRANSACTION_TIMEOUT_MS,
          maxWait: TRANSACTION_MAX_WAIT_MS,
        });
        written.push(report);
        if (pages) changed.push(pages);
      } catch (error) {
        console.error(`importComments: article ${preview.slug} not written`, error);
        failed.push({ slug: preview.slug, title: preview.title, message: ARTICLE_WRITE_FAILED });
      }
    }
  } finally {
    spool.remove();
  }
  return { ok: true, report: { ...base, dryRun: false, articles: written, failed, totals: sumCounts(written), changed } };
}
