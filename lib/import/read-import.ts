import { targetOf, type Database } from '@/lib/db/client';
import type { Article } from '@/lib/content/load-articles';
import { defaultArticleState } from '@/lib/comments/article-state';
import type { ArticleSpool } from './article-spool';
import type { ImportFormat } from './detect-format';
import { articleMatcher } from './match-articles';
import type { ImportEvent, SourceArticleState, SourcePost } from './source-records';
import { CommentStore, siteIdOf, type ArticleCounts } from './store-comments';
import { storedFields } from './stored-fields';

export type ArticleReport = ArticleCounts & { slug: string; title: string; stateChange: 'close' | 'restore' | null };
export type UnmatchedPost = { key: string; title: string | null; url: string | null; comments: number };

/** The state a post had at its source, for its article. */
export type PostState = { state: SourceArticleState; isExact: boolean };
type StateRow = { commentsOpen: boolean; closedAt: Date | null; closedBy: string | null; closesAt: Date | null };

export type Run = { format: ImportFormat; events: AsyncIterable<ImportEvent>; articles: Article[]; map: ReadonlyMap<string, string>; salt: string; now: Date };

/** What reading the whole file found: per article, its counts against the database now, and its source state. */
export type ReadResult = { source: string; reports: Map<string, ArticleReport>; states: Map<string, PostState>; unmatched: UnmatchedPost[] };

export const emptyCounts = (): ArticleCounts => ({ added: 0, existing: 0, replies: 0, held: 0, spam: 0, skipped: 0 });

export function newArticleReport(articles: Article[], slug: string): ArticleReport {
  return { slug, title: articles.find((article) => article.slug === slug)?.title ?? slug, ...emptyCounts(), stateChange: null };
}

/**
 * The change a post's source state makes to its article, from the article's row (null: none yet,
 * its front matter applies). The site's own export restores the state as it was; another source
 * only closes (a post open there leaves the author's choice alone).
 */
export function stateChangeOf(article: Article | undefined, row: StateRow | null, { state, isExact }: PostState, now: Date): { kind: 'close' | 'restore'; data: StateRow } | null {
  const current = row ?? { ...defaultArticleState(article?.comments ?? 'open'), closedAt: null, closedBy: null };
  if (isExact) {
    const data: StateRow = { commentsOpen: state.commentsOpen, closedAt: state.closedAt ?? null, closedBy: state.closedBy ?? null, closesAt: state.closesAt ?? null };
    const isSame = (Object.keys(data) as (keyof StateRow)[]).every((key) => String(data[key]) === String(current[key]));
    return isSame && row ? null : { kind: 'restore', data };
  }
  if (state.commentsOpen || !current.commentsOpen) return null;
  return { kind: 'close', data: { commentsOpen: false, closedAt: now, closedBy: 'import', closesAt: current.closesAt } };
}

export const STATE_SELECT = { commentsOpen: true, closedAt: true, closedBy: true, closesAt: true } as const;

/**
 * Reads the whole file once and counts, for each article, what importing it would do against the
 * database as it is (nothing is written): the preview, and the check that the file is whole and
 * sound before any article is written. With `spool`, each matched comment is also set aside for
 * its article's write.
 */
export async function readImport(db: Database, run: Run, spool: ArticleSpool | null): Promise<ReadResult> {
  const match = articleMatcher(run.articles, run.map);
  const posts = new Map<string, { post: SourcePost; slug: string | null; comments: number }>();
  const reports = new Map<string, ArticleReport>();
  const states = new Map<string, PostState>();
  // One store per article: a reply finds its parent in its own thread only.
  const stores = new Map<string, CommentStore>();
  const provider = targetOf(db).provider;
  const reportOf = (slug: string) => {
    let report = reports.get(slug);
    if (!report) reports.set(slug, (report = newArticleReport(run.articles, slug)));
    return report;
  };
  const storeOf = (slug: string) => {
    let store = stores.get(slug);
    if (!store) stores.set(slug, (store = new CommentStore(db, provider, false)));
    return store;
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
      const importSource = comment.origin?.source ?? source;
      const importId = comment.origin?.id ?? comment.id;
      const toStore = { localId: comment.id, parentLocalId: comment.parentId, articleSlug: entry.slug, importSource, importId, siteId: siteIdOf(importSource, importId), fields };
      await storeOf(entry.slug).add({ ...toStore, counts: report });
      await spool?.add(toStore);
    }
  }
  for (const store of stores.values()) await store.finish();
  await spool?.close();

  for (const [slug, postState] of states) {
    const row = await db.article.findUnique({ where: { slug }, select: STATE_SELECT });
    const change = stateChangeOf(run.articles.find((article) => article.slug === slug), row, postState, run.now);
    if (change) reportOf(slug).stateChange = change.kind;
  }

  const unmatched = [...posts.values()]
    .filter((entry) => !entry.slug && entry.comments > 0)
    .map(({ post, comments }) => ({ key: post.key, title: post.title, url: post.url, comments }));
  return { source, reports, states, unmatched };
}
