import type Database from 'better-sqlite3';
import { queryRowsOnSqlite } from '@/lib/db/kysely';
import { sqliteDate } from '@/lib/db/sqlite-connection';
import { queueOnSqlite } from '@/lib/mail/outbox';
import { subscriberNotificationSql } from '@/lib/subscriptions/notify';
import { settingsFromRow, type SettingsRow } from '@/lib/settings';
import type { Database as Prisma } from '@/lib/db/client';
import { changeVisiblyOnSqlite, NOTHING_SEEN, type Change } from '@/lib/write/visible-change';
import { pagesChangedByPost, type ChangedPages, type PostedPlace } from '../paging';
import { countTopLevelSql, positionCount, threadCountsSql, toThreadCounts } from '../top-level-sql';
import { insertComments } from '../insert-comments';
import { newCommentRow, storedComment, type NewComment } from './new-comment';
import { decidePosting, needsAuthorHistory, rateLimitWindowStart, type PostingQuery } from './rules';
import type { PostFailure, PostingMail, StoredComment } from './result';

const parseSqliteDate = (value: string) => new Date(value);

function prepare(sqlite: Database.Database) {
  return {
    articleState: sqlite.prepare<[string], { commentsOpen: number; closesAt: string | null }>(
      'SELECT "commentsOpen", "closesAt" FROM "Article" WHERE "slug" = ?',
    ),
    createArticle: sqlite.prepare<[string, number, string]>(
      'INSERT INTO "Article" ("slug", "commentsOpen", "updatedAt") VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    settings: sqlite.prepare<[], SettingsRow>(
      'SELECT "moderation", "closeAfterDays", "commentsPerPage", "commentOrder", "ipHashRetentionDays", "editWindowMinutes" FROM "SiteSettings" WHERE "id" = 1',
    ),
    recentPostTimes: sqlite.prepare<[string, string, number], { createdAt: string }>(
      'SELECT "createdAt" FROM "Comment" WHERE "ipHash" = ? AND "createdAt" > ? ORDER BY "createdAt" ASC LIMIT ?',
    ),
    duplicate: sqlite.prepare<[string, string, string], { found: number }>(
      `SELECT 1 AS found FROM "Comment" WHERE "articleSlug" = ? AND "bodyHash" = ? AND "authorEmail" = ? AND "status" <> 'deleted' LIMIT 1`,
    ),
    parent: sqlite.prepare<[number, string], { id: number; parentId: number | null }>(
      `SELECT "id", "parentId" FROM "Comment" WHERE "id" = ? AND "articleSlug" = ? AND "status" = 'published'`,
    ),
    authorHasPublished: sqlite.prepare<[string], { found: number }>(
      `SELECT 1 AS found FROM "Comment" WHERE "authorEmail" = ? AND "status" = 'published' LIMIT 1`,
    ),
    isPublished: sqlite.prepare<[number], { found: number }>(`SELECT 1 AS found FROM "Comment" WHERE "id" = ? AND "status" = 'published'`),
    threadCounts: sqlite.prepare<(string | number)[], Record<string, unknown>>(threadCountsSql('sqlite', '').sql),
    topLevelBefore: sqlite.prepare<(string | number)[], { count: number }>(countTopLevelSql('sqlite', '', { side: '<', id: 0 }).sql),
    topLevelAfter: sqlite.prepare<(string | number)[], { count: number }>(countTopLevelSql('sqlite', '', { side: '>', id: 0 }).sql),
    notifySubscribers: sqlite.prepare(subscriberNotificationSql((name) => `@${name}`)),
  };
}

type Statements = ReturnType<typeof prepare>;

/** Where a new published comment shows, read in its transaction: the pages it changes follow from it. */
function placeOf(statements: Statements, slug: string, parentId: number | null): PostedPlace {
  // Read after the insert: the counts include the new comment.
  const counts = toThreadCounts(statements.threadCounts.get(...threadCountsSql('sqlite', slug).params));
  // A reply to a reply of a hidden comment joins the hidden one: it shows at the top level.
  if (parentId !== null && statements.isPublished.get(parentId)) {
    const { side, positionOf } = positionCount(parentId, counts);
    const count = (side === '<' ? statements.topLevelBefore : statements.topLevelAfter).get(...countTopLevelSql('sqlite', slug, { side, id: parentId }).params);
    return { kind: 'reply', parentId, parentPosition: positionOf(count?.count ?? 0) };
  }
  return { kind: 'top-level', topLevelBefore: counts.topLevel - 1 };
}

type Post = (query: PostingQuery, comment: NewComment, mail: PostingMail | null) => Change<StoredComment | PostFailure>;
const prepared = new WeakMap<Database.Database, Post>();

/**
 * Posting on SQLite: the facts, the rules and the insert in one synchronous IMMEDIATE transaction
 * on prepared statements. It holds the write lock for a few dozen microseconds and never yields
 * to the event loop, so concurrent requests cannot interleave (the benchmark's hot path).
 */
export function postOnSqlite(
  db: Prisma,
  sqlite: Database.Database,
  query: PostingQuery,
  comment: NewComment,
  mail: PostingMail | null = null,
): Promise<StoredComment | PostFailure> {
  let post = prepared.get(sqlite);
  if (!post) {
    const statements = prepare(sqlite);
    post = (q: PostingQuery, c: NewComment, m: PostingMail | null): Change<StoredComment | PostFailure> => {
      let row = statements.articleState.get(q.slug);
      if (!row) {
        statements.createArticle.run(q.slug, q.article.comments === 'open' ? 1 : 0, sqliteDate(q.now));
        row = statements.articleState.get(q.slug);
      }
      const settings = settingsFromRow(statements.settings.get());
      const windowStart = rateLimitWindowStart(q);
      const recent =
        q.rateLimit && windowStart ? statements.recentPostTimes.all(q.ipHash, sqliteDate(windowStart), q.rateLimit.max) : [];
      const decision = decidePosting(q, {
        articleState: row ? { commentsOpen: row.commentsOpen === 1, closesAt: row.closesAt ? parseSqliteDate(row.closesAt) : null } : null,
        settings,
        recentCount: recent.length,
        oldestRecent: recent[0] ? parseSqliteDate(recent[0].createdAt) : null,
        isDuplicate: statements.duplicate.get(q.slug, q.bodyHash, q.email) !== undefined,
        parent: q.parentId === undefined ? null : (statements.parent.get(q.parentId, q.slug) ?? null),
        authorHasPublished: needsAuthorHistory(settings) && statements.authorHasPublished.get(q.email) !== undefined,
      });
      if (!decision.ok) return { result: decision, seen: NOTHING_SEEN };
      const [inserted] = queryRowsOnSqlite(sqlite, insertComments([newCommentRow(q, c, decision)]));
      if (!inserted) throw new Error('INSERT … RETURNING returned no row');
      // A published comment changes the pages that show its place; a held one shows nowhere yet.
      const changed: ChangedPages | null =
        decision.status === 'published' ? pagesChangedByPost(q.slug, placeOf(statements, q.slug, decision.parentId), settings) : null;
      const stored = storedComment({ id: inserted.id, query: q, comment: c, decision, changed }, settings);
      // The e-mails it causes commit with the comment, or neither does.
      if (m?.author) queueOnSqlite(sqlite, m.author(stored), q.now);
      if (m?.subscribers && decision.status === 'published') statements.notifySubscribers.run({ ...m.subscribers(stored), now: sqliteDate(q.now) });
      return { result: stored, seen: { comments: changed ? [changed] : [] } };
    };
    prepared.set(sqlite, post);
  }
  const run = post;
  return changeVisiblyOnSqlite(db, sqlite, () => run(query, comment, mail));
}
