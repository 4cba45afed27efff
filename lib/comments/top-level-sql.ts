export type SqlDialect = 'sqlite' | 'postgresql';
export type Statement = { sql: string; params: (string | number)[] };

/** Collects parameters and writes each placeholder as the driver wants it: ? or $n. */
export function statement(dialect: SqlDialect) {
  const params: (string | number)[] = [];
  return {
    params,
    p(value: string | number) {
      params.push(value);
      return dialect === 'sqlite' ? '?' : `$${params.length}`;
    },
  };
}

/**
 * The ids of an article's top-level comments as readers see them: published comments without a
 * parent, and published replies whose parent is not published (shown at the top level rather than
 * lost). The second arm starts from the article's few unpublished comments (the statuses listed in
 * schema.prisma, so that the index is searched, not scanned), then their replies by parentId.
 * `idCondition` keeps only ids below or above a bound.
 */
function topLevelArms(dialect: SqlDialect, add: (value: string | number) => string, slug: string, idCondition?: { side: '<' | '>'; id: number }): string {
  const bound = (column: string) => (idCondition ? ` AND ${column} ${idCondition.side} ${add(idCondition.id)}` : '');
  // SQLite, without statistics, would read the second arm through the (status, id) index, every
  // published comment of the site; the unary + keeps it on parentId, the few hidden parents' replies.
  const replyStatus = dialect === 'sqlite' ? '+"status"' : '"status"';
  return `SELECT "id" FROM "Comment" WHERE "articleSlug" = ${add(slug)} AND "status" = 'published' AND "parentId" IS NULL${bound('"id"')}
    UNION ALL
    SELECT "id" FROM "Comment" WHERE ${replyStatus} = 'published' AND "parentId" IN (
      SELECT "id" FROM "Comment" WHERE "articleSlug" = ${add(slug)} AND "status" IN ('pending', 'spam', 'deleted')
    )${bound('"id"')}`;
}

/** How many top-level comments an article shows; with `bound`, only those before (<) or after (>) an id. */
export function countTopLevelSql(dialect: SqlDialect, slug: string, bound?: { side: '<' | '>'; id: number }): Statement {
  const s = statement(dialect);
  const sql = `SELECT CAST(count(*) AS INTEGER) AS "count" FROM (${topLevelArms(dialect, s.p, slug, bound)}) AS "top"`;
  return { sql, params: s.params };
}

/**
 * The counts a page starts from: the published comments and those without a parent, kept by the
 * database (ArticleCommentCount), and the published replies of hidden comments, which show at the
 * top level too (the second arm of topLevelArms: the article's few hidden comments, then their replies).
 */
export function threadCountsSql(dialect: SqlDialect, slug: string): Statement {
  const s = statement(dialect);
  return { sql: `SELECT ${threadCountsColumns(dialect, s.p, slug)}`, params: s.params };
}

/** threadCountsSql's columns, for a statement that reads them with others (`add` collects the parameters). */
export function threadCountsColumns(dialect: SqlDialect, add: (value: string | number) => string, slug: string): string {
  const s = { p: add };
  const replyStatus = dialect === 'sqlite' ? '+"status"' : '"status"';
  return `
      CAST(COALESCE((SELECT "published" FROM "ArticleCommentCount" WHERE "articleSlug" = ${s.p(slug)}), 0) AS INTEGER) AS "published",
      CAST(COALESCE((SELECT "publishedRoots" FROM "ArticleCommentCount" WHERE "articleSlug" = ${s.p(slug)}), 0)
        + (SELECT count(*) FROM "Comment" WHERE ${replyStatus} = 'published' AND "parentId" IN (
            SELECT "id" FROM "Comment" WHERE "articleSlug" = ${s.p(slug)} AND "status" IN ('pending', 'spam', 'deleted'))) AS INTEGER) AS "topLevel",
      (SELECT min("id") FROM "Comment" WHERE "articleSlug" = ${s.p(slug)}) AS "firstId",
      (SELECT max("id") FROM "Comment" WHERE "articleSlug" = ${s.p(slug)}) AS "lastId"`;
}

export type ThreadCounts = { published: number; topLevel: number; firstId: number | null; lastId: number | null };

/** A row of threadCountsSql as the drivers return it (bigint or number; null ids on an empty thread). */
export function toThreadCounts(row: Record<string, unknown> | undefined): ThreadCounts {
  const id = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return { published: Number(row?.published ?? 0), topLevel: Number(row?.topLevel ?? 0), firstId: id(row?.firstId), lastId: id(row?.lastId) };
}

/**
 * How to find how many top-level comments come before top-level comment `id`: counted from the
 * end of the thread nearer to it (ids grow with time), so that placing a recent comment, or an old
 * one, reads few rows. Returns the bound to count, and how to turn that count into the position.
 */
export function positionCount(id: number, counts: ThreadCounts): { side: '<' | '>'; positionOf: (counted: number) => number } {
  const fromOldest = counts.firstId === null || counts.lastId === null || id - counts.firstId <= counts.lastId - id;
  return fromOldest ? { side: '<', positionOf: (before) => before } : { side: '>', positionOf: (after) => counts.topLevel - after - 1 };
}

/**
 * `limit` ids of an article's top-level comments, skipping `offset` from the oldest ('fromOldest')
 * or from the newest: a page near either end of a long thread skips few rows.
 */
export function pageTopLevelIdsSql(dialect: SqlDialect, slug: string, limit: number, offset: number, from: 'fromOldest' | 'fromNewest'): Statement {
  const s = statement(dialect);
  const arms = topLevelArms(dialect, s.p, slug);
  const sql = `${arms} ORDER BY "id" ${from === 'fromOldest' ? 'ASC' : 'DESC'} LIMIT ${s.p(limit)} OFFSET ${s.p(offset)}`;
  return { sql, params: s.params };
}
