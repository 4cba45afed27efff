import { createHash } from 'node:crypto';
import { targetOf, type Database } from '@/lib/db/client';
import { postgresqlPool, type RawExecutor } from '@/lib/db/postgresql-pool';
import { queueOnPostgresql, type OutboxMessageInput } from '@/lib/mail/outbox';
import { subscriberNotificationSql, type SubscriberNotification } from '@/lib/subscriptions/notify';
import { settingsFromRow, type SettingsRow } from '@/lib/settings';
import { changeVisiblyOnPostgresql } from '@/lib/write/visible-change';
import { pagesChangedByPost, type ChangedPages, type PostedPlace } from '../paging';
import { countTopLevelSql, positionCount, statement, threadCountsColumns, toThreadCounts, type ThreadCounts } from '../top-level-sql';
import { compileFor } from '@/lib/db/kysely';
import { insertComments, type CommentRow } from '../insert-comments';
import { newCommentRow, storedComment, type NewComment } from './new-comment';
import { decidePosting, rateLimitWindowStart, type PostingQuery } from './rules';
import type { PostFailure, PostingMail, StoredComment } from './result';

type ArticleRow = { commentsOpen: boolean; closesAt: Date | null };
/** One post's facts, read for the whole batch in one statement (JSON: dates as text, in UTC). */
type PostFacts = {
  recentCount: number;
  oldestRecent: string | null;
  isDuplicate: boolean;
  parent: { id: number; parentId: number | null } | null;
  authorHasPublished: boolean;
};
type FactsRow = Record<string, unknown> & { settings: SettingsRow | null; ids: number[]; posts: PostFacts[] };

type Transaction = RawExecutor;
type Post = { query: PostingQuery; comment: NewComment; mail: PostingMail | null };
type Outcome = StoredComment | PostFailure;

/** At most this many posts share a transaction. */
const MAX_BATCH = 64;

/**
 * Where a new published comment will show, read in its transaction before its insert: the pages it
 * changes follow from it. The published counts move at commit (deferred trigger), so posts
 * committing meanwhile are not counted yet: a top-level comment's place is a lower bound.
 */
async function placeOf(tx: Transaction, slug: string, parentId: number | null, counts: ThreadCounts, publishedEarlier: number): Promise<PostedPlace> {
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
  return { kind: 'top-level', topLevelBefore: counts.topLevel + publishedEarlier, mayBeLater: true };
}

/** A transaction advisory lock's key for `name`: 64 bits of its SHA-256, computed here so that the statement needs no parameter. */
const lockKey = (name: string) => createHash('sha256').update(name).digest().readBigInt64BE(0);

/** The keys a post locks: the same comment (article, text, e-mail), and with a rate limit its address. */
function lockNames({ query }: Post): string[] {
  const sameComment = `comment:${query.slug}:${query.bodyHash}:${query.email}`;
  return query.rateLimit ? [sameComment, `address:${query.ipHash}`] : [sameComment];
}

/**
 * The facts of every post of the batch, and the thread's counts (where a published comment will
 * land), in one statement: the posts travel as one JSON parameter, so planning is paid once per
 * batch. Also the ids the accepted ones will take, in the order of the posts.
 */
function factsStatement(slug: string, posts: Post[]) {
  const s = statement('postgresql');
  const rows = posts.map(({ query }, index) => {
    const windowStart = rateLimitWindowStart(query);
    const limited = query.rateLimit && windowStart;
    return { i: index, bodyHash: query.bodyHash, email: query.email, parentId: query.parentId ?? null, ipHash: query.ipHash, since: (limited ? windowStart : query.now).toISOString(), lim: limited ? query.rateLimit!.max : 0 };
  });
  const sql = `SELECT ${threadCountsColumns('postgresql', s.p, slug)},
      (SELECT json_build_object('moderation', "moderation", 'closeAfterDays', "closeAfterDays", 'commentsPerPage', "commentsPerPage", 'commentOrder', "commentOrder", 'ipHashRetentionDays', "ipHashRetentionDays", 'editWindowMinutes', "editWindowMinutes") FROM "SiteSettings" WHERE "id" = 1) AS "settings",
      (SELECT array_agg(nextval(pg_get_serial_sequence('"Comment"', 'id'))::int) FROM generate_series(1, ${s.p(posts.length)}::int)) AS "ids",
      (SELECT json_agg(json_build_object(
          'recentCount', (SELECT count(*)::int FROM (SELECT 1 FROM "Comment" WHERE "ipHash" = p."ipHash" AND "createdAt" > p."since" LIMIT p."lim") AS recent),
          'oldestRecent', (SELECT min("createdAt") FROM (SELECT "createdAt" FROM "Comment" WHERE "ipHash" = p."ipHash" AND "createdAt" > p."since" ORDER BY "createdAt" LIMIT p."lim") AS recent),
          'isDuplicate', EXISTS (SELECT 1 FROM "Comment" WHERE "articleSlug" = ${s.p(slug)} AND "bodyHash" = p."bodyHash" AND "authorEmail" = p."email" AND "status" <> 'deleted'),
          'parent', (SELECT json_build_object('id', "id", 'parentId', "parentId") FROM "Comment" WHERE "id" = p."parentId" AND "articleSlug" = ${s.p(slug)} AND "status" = 'published'),
          'authorHasPublished', EXISTS (SELECT 1 FROM "Comment" WHERE "authorEmail" = p."email" AND "status" = 'published')
        ) ORDER BY p."i")
        FROM json_to_recordset(${s.p(JSON.stringify(rows))}::json) AS p("i" int, "bodyHash" text, "email" text, "parentId" int, "ipHash" text, "since" timestamp(3), "lim" int)) AS "posts"`;
  return { sql, params: s.params };
}

/** The notices of the batch's published comments, joined to their subscriptions: one INSERT … SELECT. */
const NOTICES_SQL = subscriberNotificationSql(
  (name, cast) => (name === 'now' ? `$2${cast}` : name === 'slug' ? `$3${cast}` : `v."${name}"`),
  'json_to_recordset($1::json) AS v("commentId" int, "threadId" int, "authorEmail" text)',
);

/**
 * The comments (the one insert of lib/comments/insert-comments.ts) and their subscribers' notices
 * in one statement.
 */
function insertStatement(slug: string, rows: CommentRow[], notices: SubscriberNotification[], now: Date) {
  const { sql, values } = compileFor('postgresql', insertComments(rows));
  if (notices.length === 0) return { sql, values };
  const shift = (text: string) => text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + values.length}`);
  return {
    sql: `WITH c AS (${sql}), n AS (${shift(NOTICES_SQL)}) SELECT "id" FROM c`,
    values: [...values, JSON.stringify(notices.map(({ commentId, threadId, authorEmail }) => ({ commentId, threadId, authorEmail }))), now, slug],
  };
}

/**
 * Posts to one article in one transaction of plain SQL on node-postgres (lib/db/postgresql-pool.ts:
 * Prisma's interactive transaction costs the posting most of its CPU), each decided by the same
 * rules as on SQLite. The locks that make the rules hold across every app instance:
 * - the article's row FOR SHARE: posts run side by side, but the author's closing (an UPDATE of
 *   that row) waits for the posts in flight, and the posts after it see it closed;
 * - transaction advisory locks on (article, text, e-mail), and with a rate limit on the address,
 *   all taken in one order (sorted keys), so that two batches never wait for each other in a circle.
 * The facts are read after the locks, so they see what was committed while this transaction
 * waited; each post's facts also count the posts before it in the batch (the same text, the same
 * address, the same author). The rows every post to the article shares (its count, its pages'
 * cache tags) are written at commit by deferred triggers, once per batch.
 */
async function postBatch(db: Database, slug: string, posts: Post[]): Promise<Outcome[]> {
  const first = posts[0]!.query;
  return changeVisiblyOnPostgresql<Outcome[]>(db, postgresqlPool(targetOf(db).url), async (tx) => {
    const keys = [...new Set(posts.flatMap(lockNames).map(lockKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    // Without parameters, so that it travels with the BEGIN (taken again, harmlessly, after a first insert).
    const lockArticle = async () =>
      tx.$queryRawUnsafe<ArticleRow[]>(`SELECT "commentsOpen", "closesAt",
        (SELECT count(pg_advisory_xact_lock(k)::text) FROM unnest(ARRAY[${keys.join(', ')}]::bigint[]) AS k)::text AS "locks"
        FROM "Article" WHERE "slug" = ${tx.literal(slug)} FOR SHARE`);
    let [article] = await lockArticle();
    if (!article) {
      await tx.sql`INSERT INTO "Article" ("slug", "commentsOpen", "updatedAt") VALUES (${slug}, ${first.article.comments === 'open'}, ${first.now}) ON CONFLICT DO NOTHING`;
      [article] = await lockArticle();
    }
    const facts = factsStatement(slug, posts);
    const [row] = await tx.$queryRawUnsafe<FactsRow[]>(facts.sql, ...facts.params);
    if (!row || row.posts.length !== posts.length || row.ids.length !== posts.length) throw new Error('facts query returned no row');
    const settings = settingsFromRow(row.settings);
    const counts = toThreadCounts(row);

    const outcomes: Outcome[] = [];
    const rows: CommentRow[] = [];
    const notices: SubscriberNotification[] = [];
    const changes: ChangedPages[] = [];
    const messages: OutboxMessageInput[] = [];
    // The posts accepted before, in this batch: what they add to what the database holds.
    const accepted: { query: PostingQuery; created: StoredComment }[] = [];
    for (const [index, { query, comment, mail }] of posts.entries()) {
      const own = row.posts[index]!;
      const sameAddress = query.rateLimit ? accepted.filter((earlier) => earlier.query.ipHash === query.ipHash) : [];
      const decision = decidePosting(query, {
        articleState: article ?? null,
        settings,
        recentCount: own.recentCount + sameAddress.length,
        oldestRecent: own.oldestRecent ? new Date(`${own.oldestRecent}Z`) : (sameAddress[0]?.created.createdAt ?? null),
        isDuplicate: own.isDuplicate || accepted.some((earlier) => earlier.query.email === query.email && earlier.query.bodyHash === query.bodyHash),
        parent: query.parentId === undefined ? null : own.parent,
        authorHasPublished: own.authorHasPublished || accepted.some((earlier) => earlier.query.email === query.email && earlier.created.status === 'published'),
      });
      // Refused: nothing written.
      if (!decision.ok) {
        outcomes.push(decision);
        continue;
      }
      // A published comment changes the pages that show its place; a held one shows nowhere yet.
      const publishedEarlier = accepted.filter(({ created }) => created.status === 'published' && created.parentId === null).length;
      const changed: ChangedPages | null =
        decision.status === 'published' ? pagesChangedByPost(slug, await placeOf(tx, slug, decision.parentId, counts, publishedEarlier), settings) : null;
      const id = row.ids[index]!;
      rows.push({ ...newCommentRow(query, comment, decision), id });
      const created = storedComment({ id, query, comment, decision, changed }, settings);
      outcomes.push(created);
      accepted.push({ query, created });
      if (changed) changes.push(changed);
      // The e-mails it causes commit with the comment, or neither does.
      if (mail?.author) messages.push(...mail.author(created));
      if (mail?.subscribers && decision.status === 'published') notices.push(mail.subscribers(created));
    }
    if (rows.length > 0) {
      const insert = insertStatement(slug, rows, notices, first.now);
      await tx.$queryRawUnsafe(insert.sql, ...insert.values);
      if (messages.length > 0) await queueOnPostgresql(tx, messages, first.now);
    }
    return { result: outcomes, seen: { comments: changes } };
  });
}

type Queue = { waiting: (Post & { settle: (outcome: Promise<Outcome>) => void })[]; running: boolean };
const queues = new Map<string, Queue>();

/** The batch's posts one by one, when the batch as a whole failed: each gets its own answer. */
async function postEachAlone(db: Database, slug: string, batch: Queue['waiting']): Promise<void> {
  for (const post of batch) {
    const outcome = postBatch(db, slug, [post]).then(([only]) => only!);
    post.settle(outcome);
    await outcome.catch(() => undefined);
  }
}

async function drain(db: Database, slug: string, key: string, queue: Queue): Promise<void> {
  queue.running = true;
  try {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, MAX_BATCH);
      try {
        const outcomes = await postBatch(db, slug, batch);
        batch.forEach((post, index) => post.settle(Promise.resolve(outcomes[index]!)));
      } catch (error) {
        if (batch.length === 1) batch[0]!.settle(Promise.reject(error));
        else await postEachAlone(db, slug, batch);
      }
    }
  } finally {
    queue.running = false;
    queues.delete(key);
  }
}

/**
 * Posting on PostgreSQL. Posts to an article that arrive while this process's transaction for it
 * is under way wait for it, then go together in the next one (a group commit): every transaction
 * costs round trips and a commit on the article's shared rows, so under load many posts share
 * them; a lone post goes at once, alone. A batch that fails as a whole is posted again post by post.
 */
export function postOnPostgresql(db: Database, query: PostingQuery, comment: NewComment, mail: PostingMail | null = null): Promise<Outcome> {
  const key = `${targetOf(db).url}\n${query.slug}`;
  let queue = queues.get(key);
  if (!queue) queues.set(key, (queue = { waiting: [], running: false }));
  const current = queue;
  return new Promise<Outcome>((resolve, reject) => {
    current.waiting.push({ query, comment, mail, settle: (outcome) => outcome.then(resolve, reject) });
    if (!current.running) void drain(db, query.slug, key, current);
  });
}
