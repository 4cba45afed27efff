import pg from 'pg';

const pools = new Map<string, pg.Pool>();

/** Prisma declares DateTime as timestamp(3) without time zone, holding UTC: read it as UTC, whatever the process's TZ. */
const TIMESTAMP_OID = 1114;
const parseUtcTimestamp = (value: string) => new Date(`${value.replace(' ', 'T')}Z`);
const types = { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === TIMESTAMP_OID ? parseUtcTimestamp : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };

/**
 * A plain node-postgres pool to DATABASE_URL, one per URL and process, for the hot path where
 * Prisma's per-query cost matters (posting a comment), as sqliteConnection is on SQLite. Prisma
 * keeps its own pool beside it.
 */
export function postgresqlPool(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 10, types });
    // An idle connection dropped by the server (restart, failover) must not bring the app down.
    pool.on('error', (error) => console.error('PostgreSQL pool:', error.message));
    pools.set(url, pool);
  }
  return pool;
}

/** Statement parameters as Prisma sends them: a date as its UTC text, which timestamp(3) keeps as is. */
const postgresqlValue = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

const lastResult = (result: pg.QueryResult | pg.QueryResult[]) => (Array.isArray(result) ? result[result.length - 1]! : result);

/**
 * Prisma's raw-query methods over a pool client, for the code written against a Prisma transaction,
 * in a transaction of that client whose BEGIN is sent with its first statement when that statement
 * has no parameters (PostgreSQL's simple protocol runs several statements in one message): one
 * round trip less per transaction. `commit` sends its last statement with the COMMIT, likewise.
 */
export function rawExecutor(client: pg.PoolClient) {
  let begun = false;
  // Unnamed statements: a named one gets PostgreSQL's generic plan after five runs, and the thread
  // counts' generic plan scans the whole table.
  const run = async (text: string, values: unknown[]): Promise<pg.QueryResult> => {
    if (!begun) {
      begun = true;
      if (values.length === 0) return lastResult(await client.query(`BEGIN; ${text}`));
      await client.query('BEGIN');
    }
    return client.query(text, values.map(postgresqlValue));
  };
  return {
    $queryRawUnsafe: async <Row>(sql: string, ...values: unknown[]): Promise<Row> => (await run(sql, values)).rows as Row,
    $executeRawUnsafe: async (sql: string, ...values: unknown[]): Promise<number> => (await run(sql, values)).rowCount ?? 0,
    /** A tagged statement, as Prisma's $queryRaw: each value becomes a $n parameter. */
    sql: async <Row>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Row[]> =>
      (await run(strings.reduce((text, part, index) => `${text}$${index}${part}`), values)).rows as Row[],
    /** A value written into a statement's text, for the statements sent without parameters (pg's own escaping). */
    literal: (value: string) => client.escapeLiteral(value),
    /** Ends the transaction, `last` (a statement without parameters) running just before the COMMIT, in the same message. */
    commit: async (last?: string): Promise<void> => {
      if (!begun && !last) return;
      await client.query(`${begun ? '' : 'BEGIN; '}${last ? `${last}; ` : ''}COMMIT`);
    },
    /** Ends the transaction without its changes; false when the connection could not even do that. */
    rollback: (): Promise<boolean> => (begun ? client.query('ROLLBACK').then(() => true, () => false) : Promise.resolve(true)),
  };
}
export type RawExecutor = ReturnType<typeof rawExecutor>;

export async function closePostgresqlPool(url: string): Promise<void> {
  await pools.get(url)?.end();
  pools.delete(url);
}
