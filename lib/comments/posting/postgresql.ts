import { createHash } from 'node:crypto';
import { targetOf, type Database } from '@/lib/db/client';
import { postgresqlPool, type RawExecutor } from '@/lib/db/postgresql-pool';
import { queueOnPostgresql } from '@/lib/mail/outbox';
import { subscriberNotificationSql, type SubscriberNotification } from '@/lib/subscriptions/notify';
import { settingsFromRow, type SettingsRow } from '@/lib/settings';
import { changeVisiblyOnPostgresql, NOTHING_SEEN } from '@/lib/write/visible-change';
import { pagesChangedByPost, type ChangedPages, type PostedPlace } from '../paging';
import { countTopLevelSql, positionCount, statement, threadCountsColumns, toThreadCounts, type ThreadCounts } from '../top-level-sql';
import { editableUntil } from '../own/secret';
import { compileFor } from '@/lib/db/kysely';
import { insertComments, type CommentRow } from '../insert-comments';
import { newCommentRow, type NewComment } from './new-comment';
import { decidePosting, rateLimitWindowStart, type PostingQuery } from './rules';
import type { PostFailure, PostingMail, StoredComment } from './result';

type ArticleRow = { commentsOpen: boolean; closesAt: Date | null };
type FactsRow = Record<string, unknown> & {
  settings: SettingsRow | null;
  recentCount: number;
  oldestRecent: Date | null;
  isDuplicate: boolean;
  parent: { id: number; parentId: number | null } | null;
  authorHasPublished: boolean;
};

type Transaction = RawExecutor;

/**
 * Where a new published comment will show, read in its transaction before its insert: the pages it
 * changes follow from it. The published counts move at commit (deferred trigger), so posts
 * committing meanwhile are not counted yet: a top-level comment's place is a lower bound.
 */
async function placeOf(tx: Transaction, slug: string, parentId: number | null, counts: ThreadCounts): Promise<PostedPlace> {
  const query = async <Row>({ sql, params }: { sql: string; params: (string | number)[] }) => (await tx.$queryRawUnsafe<Row[]>(sql, ...params))[0];
  if (parentId !== null) {
    const [parent] = await tx.$queryRawUnsafe<{ found: number }[]>(`SELECT 1 AS found FROM "Comment" WHERE "id" = $1 AND "status" = 'published'`, parentId);
    // A reply to a reply of a hidden comment joins the hidden one: it shows at the top level.
    if (parent) {
      const { side, positionOf } = positionCount(parentId, counts);
      const count = await query<{ count: number }>(countTopLevelSql('postgresql', slug, { side, id: parentId }));
      return { kind: 'reply', parentId, parentPosition: positionOf(Number(count?.count ?? 0)) };
    }
  }
  return { kind: 'top-level', topLevelBefore: counts.topLevel, mayBeLater: true };
}

/** The notices' INSERT … SELECT, its parameters numbered from `firstParameter`; the comment's id is the one its insert returns. */
function noticesAfterInsert(firstParameter: number) {
  const order: Exclude<keyof SubscriberNotification | 'now', 'commentId'>[] = [];
  const sql = subscriberNotificationSql((name, cast) => {
    if (name === 'commentId') return '(SELECT "id" FROM c)';
    if (!order.includes(name)) order.push(name);
    return `$${firstParameter + order.indexOf(name)}${cast}`;
  });
  return { sql, order };
}

/**
 * The comment (the one insert of lib/comments/insert-comments.ts) and, when it is published, its
 * subscribers' notices in the same statement, prepared once per connection: its text is the same
 * for every post.
 */
function insertStatement(row: CommentRow, notifying: SubscriberNotification | null, now: Date) {
  const { sql, values } = compileFor('postgresql', insertComments([row]));
  if (!notifying) return { name: 'posting-insert', sql, values };
  const parameters = { ...notifying, now };
  const notices = noticesAfterInsert(values.length + 1);
  return {
    name: 'posting-insert-notify',
    sql: `WITH c AS (${sql}), n AS (${notices.sql}) SELECT "id" FROM c`,
    values: [...values, ...notices.order.map((name) => parameters[name])],
  };
}

/** A transaction advisory lock's key for `name`: 64 bits of its SHA-256, computed here so that the statement needs no parameter. */
const lockKey = (name: string) => createHash('sha256').update(name).digest().readBigInt64BE(0).toString();

/**
 * Posting on PostgreSQL: the same facts and rules as on SQLite, in one transaction of plain SQL on
 * node-postgres (lib/db/postgresql-pool.ts: Prisma's interactive transaction costs the posting
 * most of its CPU). The locks that make the rules hold across every app
 * instance are taken always in this order:
 * - the article's row FOR SHARE: posts run side by side, but the author's closing (an UPDATE of
 *   that row) waits for the posts in flight, and the posts after it see it closed;
 * - a transaction advisory lock on (article, text, e-mail): the same comment sent twice at once is
 *   stored once;
 * - with a rate limit, one on the address: its posts are counted one after another.
 * The facts are read by a statement of their own, after the locks, so they see what was committed
 * while this transaction waited. The rows every post to the article shares (its count, its pages'
 * cache tags) are written at commit by deferred triggers: a post holds them only while it commits.
 */
export async function postOnPostgresql(
  db: Database,
  query: PostingQuery,
  comment: NewComment,
  mail: PostingMail | null = null,
): Promise<StoredComment | PostFailure> {
  const { slug, ipHash, bodyHash, email, now } = query;
  const windowStart = rateLimitWindowStart(query);
  const sameComment = `comment:${slug}:${bodyHash}:${email}`;
  const sameAddress = query.rateLimit ? `address:${ipHash}` : sameComment;
  return changeVisiblyOnPostgresql<StoredComment | PostFailure>(db, postgresqlPool(targetOf(db).url), async (tx) => {
      // The article's row and the advisory locks in one statement, without parameters so that it
      // travels with the BEGIN (taken again, harmlessly, after a first insert).
      const lockArticle = async () =>
        tx.$queryRawUnsafe<ArticleRow[]>(`SELECT "commentsOpen", "closesAt", pg_advisory_xact_lock(${lockKey(sameComment)})::text AS "sameComment",
          pg_advisory_xact_lock(${lockKey(sameAddress)})::text AS "sameAddress" FROM "Article" WHERE "slug" = ${tx.literal(slug)} FOR SHARE`);
      let [article] = await lockArticle();
      if (!article) {
        await tx.sql`INSERT INTO "Article" ("slug", "commentsOpen", "updatedAt") VALUES (${slug}, ${query.article.comments === 'open'}, ${now}) ON CONFLICT DO NOTHING`;
        [article] = await lockArticle();
      }
      // The facts and the thread's counts (where a published comment will land) in one statement.
      const s = statement('postgresql');
      // Only what this post's rules ask: planning each subquery is most of the statement's cost.
      const rateLimited = query.rateLimit && windowStart ? { since: windowStart.toISOString(), limit: query.rateLimit.max } : null;
      const [facts] = await tx.$queryRawUnsafe<FactsRow[]>(
        `SELECT ${threadCountsColumns('postgresql', s.p, slug)},
          (SELECT json_build_object('moderation', "moderation", 'closeAfterDays', "closeAfterDays", 'commentsPerPage', "commentsPerPage", 'commentOrder', "commentOrder", 'ipHashRetentionDays', "ipHashRetentionDays", 'editWindowMinutes', "editWindowMinutes") FROM "SiteSettings" WHERE "id" = 1) AS "settings",
          ${
            rateLimited
              ? `(SELECT count(*)::int FROM (SELECT 1 FROM "Comment" WHERE "ipHash" = ${s.p(ipHash)} AND "createdAt" > ${s.p(rateLimited.since)}::timestamp(3) LIMIT ${s.p(rateLimited.limit)}::int) AS recent) AS "recentCount",
          (SELECT min("createdAt") FROM (SELECT "createdAt" FROM "Comment" WHERE "ipHash" = ${s.p(ipHash)} AND "createdAt" > ${s.p(rateLimited.since)}::timestamp(3) ORDER BY "createdAt" LIMIT ${s.p(rateLimited.limit)}::int) AS recent) AS "oldestRecent"`
              : '0 AS "recentCount", NULL AS "oldestRecent"'
          },
          EXISTS (SELECT 1 FROM "Comment" WHERE "articleSlug" = ${s.p(slug)} AND "bodyHash" = ${s.p(bodyHash)} AND "authorEmail" = ${s.p(email)} AND "status" <> 'deleted') AS "isDuplicate",
          ${
            query.parentId === undefined
              ? 'NULL AS "parent"'
              : `(SELECT json_build_object('id', "id", 'parentId', "parentId") FROM "Comment" WHERE "id" = ${s.p(query.parentId)}::int AND "articleSlug" = ${s.p(slug)} AND "status" = 'published') AS "parent"`
          },
          EXISTS (SELECT 1 FROM "Comment" WHERE "authorEmail" = ${s.p(email)} AND "status" = 'published') AS "authorHasPublished"`,
        ...s.params,
      );
      if (!facts) throw new Error('facts query returned no row');
      const settings = settingsFromRow(facts.settings);
      const decision = decidePosting(query, {
        articleState: article ?? null,
        settings,
        recentCount: facts.recentCount,
        oldestRecent: facts.oldestRecent,
        isDuplicate: facts.isDuplicate,
        parent: query.parentId === undefined ? null : facts.parent,
        authorHasPublished: facts.authorHasPublished,
      });
      // Refused: nothing written but the article's row, which a later post would write alike.
      if (!decision.ok) return { result: decision, seen: NOTHING_SEEN };
      // A published comment changes the pages that show its place; a held one shows nowhere yet.
      const changed: ChangedPages | null =
        decision.status === 'published' ? pagesChangedByPost(slug, await placeOf(tx, slug, decision.parentId, toThreadCounts(facts)), settings) : null;
      // The comment and its subscribers' notices in one statement.
      const notifying = mail?.subscribers && decision.status === 'published' ? mail.subscribers({ id: 0, parentId: decision.parentId, authorEmail: email }) : null;
      const insert = insertStatement(newCommentRow(query, comment, decision), notifying, now);
      const [created] = await tx.prepared<{ id: number }>(insert.name, insert.sql, ...insert.values);
      if (!created) throw new Error('INSERT … RETURNING returned no row');
      const stored: StoredComment = {
        id: created.id,
        articleSlug: slug,
        parentId: decision.parentId,
        authorName: comment.authorName,
        authorEmail: email,
        authorWebsite: comment.authorWebsite,
        body: comment.body,
        status: decision.status,
        heldBecause: decision.heldBecause,
        createdAt: now,
        changed,
        editableUntil: comment.editSecretHash ? editableUntil(now, settings.editWindowMinutes) : null,
      };
      // The e-mails it causes commit with the comment, or neither does.
      if (mail?.author) await queueOnPostgresql(tx, mail.author(stored), now);
      return { result: stored, seen: { comments: changed ? [changed] : [] } };
  });
}
