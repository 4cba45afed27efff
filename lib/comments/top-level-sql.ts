export type SqlDialect = 'sqlite' | 'postgresql';
export type Statement = { sql: string; params: (string | number)[] };

/** Collects parameters and writes each placeholder as the driver wants it: ? or $n. */
function statement(dialect: SqlDialect) {
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

/** How many top-level comments an article shows; with `beforeId`, how many come before that id (page numbers are chronological). */
export function countTopLevelSql(dialect: SqlDialect, slug: string, beforeId?: number): Statement {
  const s = statement(dialect);
  const condition = beforeId === undefined ? undefined : { side: '<' as const, id: beforeId };
  const sql = `SELECT CAST(count(*) AS INTEGER) AS "count" FROM (${topLevelArms(dialect, s.p, slug, condition)}) AS "top"`;
  return { sql, params: s.params };
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
