import { targetOf, type Database } from '@/lib/db/client';
import { getIpHashSalt } from '@/lib/config';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { recordAction } from '@/lib/admin/audit';
import { moveCacheTags } from '@/lib/cache/move-cache-tags';
import { wholeThreadTags } from '@/lib/comments/cache-tags';
import { defaultArticleState } from '@/lib/comments/article-state';
import { detectFormat, type ImportFormat } from './detect-format';
import { ImportError } from './import-error';
import { articleMatcher } from './match-articles';
import { parseDisqus } from './parse-disqus';
import { parseMovableType } from './parse-movable-type';
import { parseSiteJson } from './parse-site-json';
import { parseWxr } from './parse-wxr';
import { decodeUtf8, type TextChunk } from './source-text';
import type { ImportEvent, SourceArticleState, SourcePost } from './source-records';
import { CommentStore, siteIdOf, type ArticleCounts } from './store-comments';
import { storedFields } from './stored-fields';

export type { ImportFormat };

/** Parses one format as it streams: events in file order. */
const PARSERS: Record<ImportFormat, (chunks: AsyncIterable<TextChunk>) => AsyncGenerator<ImportEvent>> = {
  wxr: parseWxr,
  disqus: parseDisqus,
  mt: parseMovableType,
  json: parseSiteJson,
};

/** A whole import may take minutes on a large file: the database must not end it half-way. */
const TRANSACTION_TIMEOUT_MS = 60 * 60_000;
const TRANSACTION_MAX_WAIT_MS = 15_000;

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

export type ArticleReport = ArticleCounts & { slug: string; title: string; stateChange: 'close' | 'restore' | null };
export type UnmatchedPost = { key: string; title: string | null; url: string | null; comments: number };
export type ImportReport = {
  format: ImportFormat;
  source: string;
  dryRun: boolean;
  articles: ArticleReport[];
  unmatched: UnmatchedPost[];
  totals: ArticleCounts;
};

export type ImportResult = { ok: true; report: ImportReport } | { ok: false; message: string; line?: number };

type Client = Pick<Database, 'comment' | 'article' | 'auditLog' | '$executeRawUnsafe' | '$queryRawUnsafe'>;

async function* prepend(first: TextChunk | undefined, rest: AsyncIterator<TextChunk>): AsyncGenerator<TextChunk> {
  if (first) yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** The file's format (given or guessed from its first characters) and its whole text. */
async function withFormat(chunks: AsyncGenerator<TextChunk>, format: ImportFormat | undefined) {
  const first = await chunks.next();
  const start = first.done ? undefined : first.value;
  const found = format ?? detectFormat(start?.text ?? '');
  if (!found) throw new ImportError(1, 'format de fichier non reconnu : indiquez-le (--format wxr, disqus, mt ou json)');
  return { format: found, chunks: prepend(start, chunks) };
}

const emptyCounts = (): ArticleCounts => ({ added: 0, existing: 0, replies: 0, held: 0, spam: 0, skipped: 0 });

function sumCounts(reports: ArticleCounts[]): ArticleCounts {
  const totals = emptyCounts();
  for (const report of reports) for (const key of Object.keys(totals) as (keyof ArticleCounts)[]) totals[key] += report[key];
  return totals;
}

type Run = { format: ImportFormat; events: AsyncIterable<ImportEvent>; articles: Article[]; map: ReadonlyMap<string, string>; salt: string; now: Date };

/** Reads every event and stores (or, on a dry run, counts) what it says, then the articles' states. */
async function runImport(client: Client, context: ImportContext, run: Run, isWriting: boolean): Promise<ImportReport> {
  const match = articleMatcher(run.articles, run.map);
  const posts = new Map<string, { post: SourcePost; slug: string | null; comments: number }>();
  const reports = new Map<string, ArticleReport>();
  const states = new Map<string, { state: SourceArticleState; isExact: boolean }>();
  const ensured = new Set<string>();
  const store = new CommentStore(client, targetOf(context.db).provider, isWriting);
  const articleOf = (slug: string) => run.articles.find((article) => article.slug === slug);
  const reportOf = (slug: string) => {
    let report = reports.get(slug);
    if (!report) reports.set(slug, (report = { slug, title: articleOf(slug)?.title ?? slug, ...emptyCounts(), stateChange: null }));
    return report;
  };
  const entryOf = (key: string) => {
    let entry = posts.get(key);
    if (!entry) {
      const post: SourcePost = { key, slug: null, url: null, title: null, state: null };
      posts.set(key, (entry = { post, slug: match(post), comments: 0 }));
    }
    return entry;
  };
  let source: string = run.format;

  for await (const event of run.events) {
    if (event.kind === 'source') source = event.source;
    else if (event.kind === 'post') {
      const slug = match(event.post);
      posts.set(event.post.key, { post: event.post, slug, comments: 0 });
      if (slug && event.post.state) states.set(slug, { state: event.post.state, isExact: event.post.isExactState ?? false });
    } else if (event.kind === 'skipped') {
      const { slug } = entryOf(event.postKey);
      if (slug) reportOf(slug).skipped++;
    } else {
      const { comment } = event;
      const entry = entryOf(comment.postKey);
      entry.comments++;
      if (!entry.slug) continue;
      const report = reportOf(entry.slug);
      const fields = storedFields(comment, source, run.salt);
      if (!fields.body) {
        report.skipped++;
        continue;
      }
      if (isWriting && !ensured.has(entry.slug)) {
        const defaults = defaultArticleState(articleOf(entry.slug)?.comments ?? 'open');
        await client.article.upsert({ where: { slug: entry.slug }, create: { slug: entry.slug, commentsOpen: defaults.commentsOpen }, update: {} });
        ensured.add(entry.slug);
      }
      const importSource = comment.origin?.source ?? source;
      const importId = comment.origin?.id ?? comment.id;
      await store.add({
        localId: comment.id,
        parentLocalId: comment.parentId,
        articleSlug: entry.slug,
        importSource,
        importId,
        siteId: siteIdOf(importSource, importId),
        fields,
        counts: report,
      });
    }
  }
  await store.finish();

  for (const [slug, { state, isExact }] of states) {
    const row = await client.article.findUnique({ where: { slug }, select: { commentsOpen: true, closedAt: true, closedBy: true, closesAt: true } });
    const current = row ?? { ...defaultArticleState(articleOf(slug)?.comments ?? 'open'), closedAt: null, closedBy: null };
    let data: { commentsOpen: boolean; closedAt: Date | null; closedBy: string | null; closesAt: Date | null } | null = null;
    if (isExact) {
      data = { commentsOpen: state.commentsOpen, closedAt: state.closedAt ?? null, closedBy: state.closedBy ?? null, closesAt: state.closesAt ?? null };
      const isSame = (Object.keys(data) as (keyof typeof data)[]).every((key) => String(data?.[key]) === String(current[key]));
      if (isSame && row) data = null;
    } else if (!state.commentsOpen && current.commentsOpen) {
      // A post closed at the source closes its article; one open there leaves the author's choice alone.
      data = { commentsOpen: false, closedAt: run.now, closedBy: 'import', closesAt: current.closesAt };
    }
    if (!data) continue;
    reportOf(slug).stateChange = isExact ? 'restore' : 'close';
    if (isWriting) await client.article.upsert({ where: { slug }, create: { slug, ...data }, update: data });
  }

  const articles = [...reports.values()].sort((a, b) => a.slug.localeCompare(b.slug));
  const unmatched = [...posts.values()]
    .filter((entry) => !entry.slug && entry.comments > 0)
    .map(({ post, comments }) => ({ key: post.key, title: post.title, url: post.url, comments }));
  const report: ImportReport = { format: run.format, source, dryRun: !isWriting, articles, unmatched, totals: sumCounts(articles) };
  if (isWriting) {
    const touched = articles.filter((article) => article.added > 0 || article.replies > 0 || article.stateChange !== null);
    await moveCacheTags(context.db, client, touched.flatMap((article) => wholeThreadTags(article.slug)));
    await recordAction(client, context.actor, 'comments.import', `import:${source}`, {
      format: run.format,
      totals: report.totals,
      articles: articles.map(({ slug, added, existing, replies, held, spam, skipped, stateChange }) => ({ slug, added, existing, replies, held, spam, skipped, stateChange })),
      unmatched: unmatched.length,
    });
  }
  return report;
}

/**
 * Imports the comments of a WordPress (WXR), Disqus, Movable Type or site export, as it streams:
 * each post is matched to an article (unmatched ones are listed, and nothing is stored for them),
 * comments already imported from the same source are found and skipped, and everything is written
 * in one transaction, with one audit line and the touched threads' cache tags, or nothing is. No
 * notification is sent. The command line and the admin page both call this.
 */
export async function importComments(input: ImportInput, context: ImportContext): Promise<ImportResult> {
  const articles = await (context.articles ?? readArticles)();
  const map = input.map ?? new Map<string, string>();
  for (const [from, to] of map) {
    if (!articles.some((article) => article.slug === to)) return { ok: false, message: `Correspondance « ${from}=${to} » : aucun article n’a le slug « ${to} ».` };
  }
  try {
    const { format, chunks } = await withFormat(decodeUtf8(input.bytes), input.format);
    const run: Run = { format, events: PARSERS[format](chunks), articles, map, salt: context.ipHashSalt ?? getIpHashSalt(), now: context.now ?? new Date() };
    const report = input.dryRun
      ? await runImport(context.db, context, run, false)
      : await context.db.$transaction((tx) => runImport(tx, context, run, true), { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_MAX_WAIT_MS });
    return { ok: true, report };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, message: `${error.message}. Rien n’a été importé.`, line: error.line };
    console.error('importComments failed', error);
    return { ok: false, message: 'L’import a échoué et rien n’a été enregistré. Réessayez ; si l’erreur revient, le journal du serveur en dit la cause.' };
  }
}
