import type BetterSqlite3 from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  OperationNodeTransformer,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type DataTypeNode,
  type ExpressionBuilder,
  type KyselyPlugin,
} from 'kysely';
import type { DB } from '@/lib/generated/kysely/types';
import { skipLockedOnPostgresqlOnly } from './skip-locked';
import { sqliteDate } from './sqlite-connection';
import type { DatabaseTarget } from './target';

export type Provider = DatabaseTarget['provider'];

/** A statement written once with Kysely's builder; each database compiles it in its own dialect. */
export type Statement<Row = unknown> = (builder: Kysely<DB>) => Compilable<Row>;

/** PostgreSQL's type of a Prisma DateTime. */
const DATE_TYPE = 'timestamp(3)';

/**
 * A date where PostgreSQL cannot infer its type from a column (a column of an INSERT … SELECT):
 * typed for PostgreSQL; on SQLite, which keeps dates as text, the cast is to text (see below).
 */
export const dateValue = <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, date: Date) => eb.cast<Date>(eb.val(date), DATE_TYPE);

class DatesAsText extends OperationNodeTransformer {
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    return node.dataType === DATE_TYPE ? { ...node, dataType: 'text' } : node;
  }
}

/** SQLite's `timestamp(3)` would be a numeric cast, turning an ISO date into its year. */
const datesAsTextOnSqlite: KyselyPlugin = {
  transformQuery: ({ node }) => new DatesAsText().transformNode(node),
  transformResult: async ({ result }) => result,
};

// Compile only: the statements run through the connections the app already has (Prisma, the plain
// SQLite connection, the node-postgres pool), inside their transactions.
const builders: Record<Provider, Kysely<DB>> = {
  sqlite: new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
    plugins: [skipLockedOnPostgresqlOnly, datesAsTextOnSqlite],
  }),
  postgresql: new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

/** SQLite has no date or boolean type: dates as Prisma writes them (ISO 8601 text, compared as such), booleans as 0/1. */
const sqliteValue = (value: unknown) => (value instanceof Date ? sqliteDate(value) : typeof value === 'boolean' ? Number(value) : value);

/** The statement's text and values for one database. */
export function compileFor(provider: Provider, statement: Statement): { sql: string; values: unknown[] } {
  const { sql, parameters } = statement(builders[provider]).compile();
  return { sql, values: provider === 'sqlite' ? parameters.map(sqliteValue) : [...parameters] };
}

/** Prisma's raw methods: a client, an interactive transaction, or the pool's `rawExecutor`. */
export type RawRunner = {
  $queryRawUnsafe<Row>(sql: string, ...values: unknown[]): PromiseLike<Row>;
  $executeRawUnsafe(sql: string, ...values: unknown[]): PromiseLike<number>;
};

/** The rows a statement returns, run through Prisma (or the pool). */
export async function queryRows<Row>(runner: RawRunner, provider: Provider, statement: Statement<Row>): Promise<Row[]> {
  const { sql, values } = compileFor(provider, statement);
  return runner.$queryRawUnsafe<Row[]>(sql, ...values);
}

/** The rows a statement changed, run through Prisma (or the pool). */
export async function execute(runner: RawRunner, provider: Provider, statement: Statement): Promise<number> {
  const { sql, values } = compileFor(provider, statement);
  return runner.$executeRawUnsafe(sql, ...values);
}

// Prepared once per connection and text: the same statements come back with each sign-in or post.
const prepared = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();
const MAX_PREPARED = 200;

function prepare(sqlite: BetterSqlite3.Database, statement: Statement) {
  const { sql, values } = compileFor('sqlite', statement);
  let cache = prepared.get(sqlite);
  if (!cache) prepared.set(sqlite, (cache = new Map()));
  let ready = cache.get(sql);
  if (!ready) {
    // Texts vary with the rows of a multi-row insert: the cache starts over rather than grow.
    if (cache.size >= MAX_PREPARED) cache.clear();
    cache.set(sql, (ready = sqlite.prepare(sql)));
  }
  return { ready, values };
}

/** The rows a statement returns, on SQLite's plain connection, synchronously (dates stay text). */
export function queryRowsOnSqlite<Row>(sqlite: BetterSqlite3.Database, statement: Statement<Row>): Row[] {
  const { ready, values } = prepare(sqlite, statement);
  return ready.all(...values) as Row[];
}

/** The rows a statement changed, on SQLite's plain connection, synchronously. */
export function executeOnSqlite(sqlite: BetterSqlite3.Database, statement: Statement): number {
  const { ready, values } = prepare(sqlite, statement);
  return ready.run(...values).changes;
}
