import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { targetOf, type Database } from '@/lib/db/client';
import type { Kysely } from 'kysely';
import { queryRows, queryRowsOnSqlite, type RawRunner } from '@/lib/db/kysely';
import { sqliteConnection } from '@/lib/db/sqlite-connection';
import type { DB } from '@/lib/generated/kysely/types';
import { pullStream } from '@/lib/http/pull-stream';

const COLUMNS = ['id', 'articleSlug', 'parentId', 'authorName', 'authorEmail', 'authorWebsite', 'body', 'status', 'isAuthor', 'createdAt', 'editedAt'] as const;

/** How many rows one query reads: all an export holds at once, however many comments there are. */
export const EXPORT_BATCH_SIZE = 1_000;

/** About how much a chunk of the download holds: a few network packets, not one per comment. */
export const CHUNK_SIZE = 64 * 1024;

export type ExportFormat = 'json' | 'csv';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** One exported comment: the author's data, whole (IP hashes excepted). */
export type ExportRow = {
  id: number;
  articleSlug: string;
  parentId: number | null;
  authorName: string;
  authorEmail: string;
  authorWebsite: string | null;
  body: string;
  status: string;
  isAuthor: boolean;
  createdAt: string;
  editedAt: string | null;
};

type Reader = RawRunner;

/** One batch, after `afterId`: one statement for both databases. */
const batchAfter = (slug: string | undefined, afterId: number, size: number) => (k: Kysely<DB>) =>
  k
    .selectFrom('Comment')
    .select(COLUMNS)
    .where('id', '>', afterId)
    .$if(slug !== undefined, (query) => query.where('articleSlug', '=', slug!))
    .orderBy('id')
    .limit(size);

/**
 * On SQLite, read by the driver itself: Prisma's work on each row was most of what an export
 * allocated, garbage the server's heap grew with. SQLite gives dates as ISO text and booleans as
 * 0/1; PostgreSQL, dates and booleans.
 */
async function readBatch(db: Reader, slug: string | undefined, afterId: number, size: number): Promise<ExportRow[]> {
  const target = targetOf(db as Database);
  const statement = batchAfter(slug, afterId, size);
  const rows = target.provider === 'sqlite' ? queryRowsOnSqlite(sqliteConnection(target.file), statement) : await queryRows(db, target.provider, statement);
  return rows.map((row) => ({
    ...row,
    id: Number(row.id),
    parentId: row.parentId === null ? null : Number(row.parentId),
    isAuthor: Boolean(row.isAuthor),
    createdAt: new Date(row.createdAt).toISOString(),
    editedAt: row.editedAt === null ? null : new Date(row.editedAt).toISOString(),
  }));
}

/**
 * Every comment of an article, or of the site, in id order, one batch at a time. Each query starts
 * after the last id of the one before (keyset): none holds more than a batch, none skips over the
 * rows already sent as OFFSET would, and a comment written meanwhile is exported once at most.
 */
export async function* readCommentsForExport(db: Reader, slug?: string, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<ExportRow[]> {
  let afterId = 0;
  for (;;) {
    const rows = await readBatch(db, slug, afterId, batchSize);
    const last = rows.at(-1);
    if (!last) return;
    yield rows;
    if (rows.length < batchSize) return;
    afterId = last.id;
  }
}

/** A JSON array, written as the rows come: valid JSON once whole, one comment a line. */
async function* jsonChunks(batches: AsyncIterable<ExportRow[]>): AsyncGenerator<string> {
  let chunk = '[';
  let separator = '\n';
  for await (const batch of batches) {
    for (const row of batch) {
      chunk += separator + JSON.stringify(row);
      separator = ',\n';
      if (chunk.length >= CHUNK_SIZE) {
        yield chunk;
        chunk = '';
      }
    }
  }
  yield `${chunk}\n]\n`;
}

async function* rowsOf(batches: AsyncIterable<ExportRow[]>): AsyncGenerator<ExportRow> {
  for await (const batch of batches) yield* batch;
}

/**
 * The CSV, through csv-stringify's stream: it asks for rows only as fast as its output is read.
 * A BOM so that spreadsheet programs read the accents as UTF-8; a cell starting like a formula
 * (=, +, -, @, tab, CR) would run in a spreadsheet, so it gets a leading quote and stays text.
 */
async function* csvChunks(batches: AsyncIterable<ExportRow[]>): AsyncGenerator<Uint8Array> {
  const stringifier = stringify({
    bom: true,
    header: true,
    columns: [...COLUMNS],
    escape_formulas: true,
    cast: { boolean: (value) => String(value) },
  });
  // A failure (the database) destroys the stringifier with it, and so reaches the loop below.
  pipeline(Readable.from(rowsOf(batches)), stringifier, () => {});
  // The stringifier hands over a line at a time: gather them into chunks of a useful size.
  let lines: Buffer[] = [];
  let size = 0;
  for await (const line of stringifier as AsyncIterable<Buffer>) {
    lines.push(line);
    size += line.length;
    if (size >= CHUNK_SIZE) {
      yield Buffer.concat(lines, size);
      [lines, size] = [[], 0];
    }
  }
  if (size > 0) yield Buffer.concat(lines, size);
}

/** The comments of an article, or of the site, as a download in `format`, streamed in constant memory. */
export function streamCommentsExport(db: Reader, format: ExportFormat, slug?: string): ReadableStream<Uint8Array> {
  const batches = readCommentsForExport(db, slug);
  return format === 'csv' ? pullStream(csvChunks(batches), 'Export CSV') : pullStream(jsonChunks(batches), 'Export JSON');
}
