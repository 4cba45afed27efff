import type { Database } from '@/lib/db/client';
import { moveCacheTags } from '@/lib/cache/move-cache-tags';
import { queueOnPostgresql } from '@/lib/mail/outbox';
import { subscriberNotificationSql, type SubscriberNotification } from '@/lib/subscriptions/notify';
import { settingsFromRow, type SettingsRow } from '@/lib/settings';
import { tagsOfChange } from '../cache-tags';
import { pagesChangedByPost, type ChangedPages, type PostedPlace } from '../paging';
import { countTopLevelSql, positionCount, threadCountsSql, toThreadCounts } from '../top-level-sql';
import { editableUntil } from '../own/secret';
import type { NewComment } from './new-comment';
import { decidePosting, rateLimitWindowStart, type PostingQuery } from './rules';
import type { PostFailure, PostingMail, StoredComment } from './result';

class Refused extends Error {
  constructor(readonly failure: PostFailure) {
    super(failure.message);
  }
}

type ArticleRow = { commentsOpen: boolean; closesAt: Date | null };
type FactsRow = {
  settings: SettingsRow | null;
  recentCount: number;
  oldestRecent: Date | null;
  isDuplicate: boolean;
  parent: { id: number; parentId: number | null } | null;
  authorHasPublished: boolean;
};

type Transaction = Pick<Database, '$queryRawUnsafe'>;

/** Where a new published comment shows, read in its transaction: the pages it changes follow from it. */
async function placeOf(tx: Transaction, slug: string, parentId: number | null): Promise<PostedPlace> {
  const query = async <Row>({ sql, params }: { sql: string; params: (string | number)[] }) => (await tx.$queryRawUnsafe<Row[]>(sql, ...params))[0];
  // Read after the insert: the counts include the new comment.
  const counts = toThreadCounts(await query<Record<string, unknown>>(threadCountsSql('postgresql', slug)));
  if (parentId !== null) {
    const [parent] = await tx.$queryRawUnsafe<{ found: number }[]>(`SELECT 1 AS found FROM "Comment" WHERE "id" = $1 AND "status" = 'published'`, parentId);
    // A reply to a reply of a hidden comment joins the hidden one: it shows at the top level.
    if (parent) {
      const { side, positionOf } = positionCount(parentId, counts);
      const count = await query<{ count: number }>(countTopLevelSql('postgresql', slug, { side, id: parentId }));
      return { kind: 'reply', parentId, parentPosition: positionOf(Number(count?.count ?? 0)) };
    }
  }
  return { kind: 'top-level', topLevelBefore: counts.topLevel - 1 };
}

type Parameters = SubscriberNotification & { now: Date };
const NOTIFY_PARAMETERS: (keyof Parameters)[] = [];
const NOTIFY_SQL = subscriberNotificationSql((name, cast) => {
  if (!NOTIFY_PARAMETERS.includes(name)) NOTIFY_PARAMETERS.push(name);
  return `$${NOTIFY_PARAMETERS.indexOf(name) + 1}${cast}`;
});

/** The subscribers' messages of a published comment: one INSERT … SELECT in its transaction. */
async function notifySubscribers(tx: Pick<Database, '$executeRawUnsafe'>, notification: SubscriberNotification, now: Date): Promise<void> {
  const parameters: Parameters = { ...notification, now };
  await tx.$executeRawUnsafe(NOTIFY_SQL, ...NOTIFY_PARAMETERS.map((name) => parameters[name]));
}

/**
 * Posting on PostgreSQL: the same facts and rules as on SQLite, in one transaction of five round
 * trips of plain SQL, and one or two more to place a published comment in its pages (Prisma's
 * raw queries: no query planning per call). The locks that make the rules hold across every app
 * instance are taken always in this order:
 * - the article's row FOR SHARE: posts run side by side, but the author's closing (an UPDATE of
 *   that row) waits for the posts in flight, and the posts after it see it closed;
 * - a transaction advisory lock on (article, text, e-mail): the same comment sent twice at once is
 *   stored once;
 * - with a rate limit, one on the address: its posts are counted one after another.
 * The facts are read by a statement of their own, after the locks, so they see what was committed
 * while this transaction waited.
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
  try {
    return await db.$transaction(async (tx) => {
      const lockArticle = () =>
        tx.$queryRaw<ArticleRow[]>`SELECT "commentsOpen", "closesAt" FROM "Article" WHERE "slug" = ${slug} FOR SHARE`;
      let [article] = await lockArticle();
      if (!article) {
        await tx.$executeRaw`INSERT INTO "Article" ("slug", "commentsOpen", "updatedAt") VALUES (${slug}, ${query.article.comments === 'open'}, ${now}) ON CONFLICT DO NOTHING`;
        [article] = await lockArticle();
      }
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${sameComment}, 0)), pg_advisory_xact_lock(hashtextextended(${sameAddress}, 0))`;
      const [facts] = await tx.$queryRaw<FactsRow[]>`
        SELECT
          (SELECT json_build_object('moderation', "moderation", 'closeAfterDays', "closeAfterDays", 'commentsPerPage', "commentsPerPage", 'commentOrder', "commentOrder", 'ipHashRetentionDays', "ipHashRetentionDays", 'editWindowMinutes', "editWindowMinutes") FROM "SiteSettings" WHERE "id" = 1) AS "settings",
          (SELECT count(*)::int FROM (SELECT 1 FROM "Comment" WHERE "ipHash" = ${ipHash} AND "createdAt" > ${windowStart ?? now}::timestamp(3) LIMIT ${query.rateLimit?.max ?? 0}::int) AS recent) AS "recentCount",
          (SELECT min("createdAt") FROM (SELECT "createdAt" FROM "Comment" WHERE "ipHash" = ${ipHash} AND "createdAt" > ${windowStart ?? now}::timestamp(3) ORDER BY "createdAt" LIMIT ${query.rateLimit?.max ?? 0}::int) AS recent) AS "oldestRecent",
          EXISTS (SELECT 1 FROM "Comment" WHERE "articleSlug" = ${slug} AND "bodyHash" = ${bodyHash} AND "authorEmail" = ${email} AND "status" <> 'deleted') AS "isDuplicate",
          (SELECT json_build_object('id', "id", 'parentId', "parentId") FROM "Comment" WHERE "id" = ${query.parentId ?? 0}::int AND "articleSlug" = ${slug} AND "status" = 'published') AS "parent",
          EXISTS (SELECT 1 FROM "Comment" WHERE "authorEmail" = ${email} AND "status" = 'published') AS "authorHasPublished"`;
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
      if (!decision.ok) throw new Refused(decision);
      const [created] = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO "Comment" ("articleSlug", "parentId", "authorName", "authorEmail", "authorWebsite", "body", "status", "isAuthor", "ipHash", "bodyHash", "createdAt", "editSecretHash")
        VALUES (${slug}, ${decision.parentId}::int, ${comment.authorName}, ${email}, ${comment.authorWebsite}::text, ${comment.body}, ${decision.status}, false, ${ipHash}, ${bodyHash}, ${now}::timestamp(3), ${comment.editSecretHash}::text)
        RETURNING "id"`;
      if (!created) throw new Error('INSERT … RETURNING returned no row');
      // A published comment ends the cached pages it changes in the same commit; a held one shows nowhere yet.
      let changed: ChangedPages | null = null;
      if (decision.status === 'published') {
        changed = pagesChangedByPost(slug, await placeOf(tx, slug, decision.parentId), settings);
        await moveCacheTags(db, tx, tagsOfChange(changed));
      }
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
      if (mail?.subscribers && decision.status === 'published') await notifySubscribers(tx, mail.subscribers(stored), now);
      return stored;
    });
  } catch (error) {
    if (error instanceof Refused) return error.failure;
    throw error;
  }
}
