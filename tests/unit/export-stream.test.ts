import { execFileSync } from 'node:child_process';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readCommentsForExport, streamCommentsExport } from '@/lib/admin/export/csv-json';
import { sqliteConnection } from '@/lib/db/sqlite-connection';
import { seedLargeThread, type LargeThread, type LargeThreadOptions } from '../helpers/large-thread.mjs';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

const COLUMNS = ['id', 'articleSlug', 'parentId', 'authorName', 'authorEmail', 'authorWebsite', 'body', 'status', 'isAuthor', 'createdAt', 'editedAt'];
const MB = 1024 * 1024;
const LONG = 'le-fil-sans-fin';
const SHORT = 'un-billet-tranquille';
const COUNT = 100_000;

/**
 * Seeds in a child process, as the bench does: the memory the seeding takes and frees stays out
 * of this process, whose growth the tests measure.
 */
function seedInChildProcess(options: LargeThreadOptions): LargeThread {
  const helper = new URL('../helpers/large-thread.mjs', import.meta.url).href;
  const script = `const { seedLargeThread } = await import(${JSON.stringify(helper)});
process.stdout.write(JSON.stringify(await seedLargeThread(JSON.parse(process.argv[1]))));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(options)], { encoding: 'utf8' })) as LargeThread;
}

type Growth = { rss: number; heap: number };

// Left to itself, V8 lets the garbage of a long read (Prisma's rows above all) pile up to a limit
// of its own, whatever the export keeps: collecting every few chunks shows what the export keeps.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const CHUNKS_BETWEEN_COLLECTIONS = 16;

/**
 * Reads a stream to its end one chunk at a time, handing each to `take` and keeping none, and
 * tells how far the process's memory rose above where it started, at its highest.
 */
async function consume(stream: ReadableStream<Uint8Array>, take: (chunk: Uint8Array) => void): Promise<Growth> {
  collectGarbage();
  const start = process.memoryUsage();
  const peak = { rss: start.rss, heap: start.heapUsed };
  let chunks = 0;
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    take(read.value);
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heap = Math.max(peak.heap, now.heapUsed);
    if (++chunks % CHUNKS_BETWEEN_COLLECTIONS === 0) collectGarbage();
  }
  return { rss: peak.rss - start.rss, heap: peak.heap - start.heapUsed };
}

/** Reads the first `count` chunks of a stream, then leaves, as a reader who closes the download. */
async function readFirstChunks(stream: ReadableStream<Uint8Array>, count: number): Promise<void> {
  const reader = stream.getReader();
  for (let index = 0; index < count && !(await reader.read()).done; index++);
  await reader.cancel();
}

/** A CSV reader (RFC 4180, as csv-stringify writes it) fed chunk by chunk: each record goes to `onRecord`. */
function csvReader(onRecord: (fields: string[]) => void) {
  // The BOM is checked on the bytes; the decoder drops it.
  const decoder = new TextDecoder();
  let fields: string[] = [];
  let field = '';
  let isQuoted = false;
  let justClosedQuote = false;
  const read = (text: string) => {
    for (let index = 0; index < text.length; index++) {
      const char = text[index];
      if (isQuoted) {
        if (char === '"') [isQuoted, justClosedQuote] = [false, true];
        else field += char;
        continue;
      }
      if (char === '"') {
        // A doubled quote inside a quoted field: one quote of the text.
        if (justClosedQuote) field += '"';
        isQuoted = true;
      } else if (char === ',') {
        fields.push(field);
        field = '';
      } else if (char === '\n') {
        fields.push(field);
        onRecord(fields);
        [fields, field] = [[], ''];
      } else field += char;
      justClosedQuote = false;
    }
  };
  return {
    take: (chunk: Uint8Array) => read(decoder.decode(chunk, { stream: true })),
    end: () => {
      read(decoder.decode());
      expect({ isQuoted, field, fields }, 'the CSV ends with a whole record').toEqual({ isQuoted: false, field: '', fields: [] });
    },
  };
}

/** A JSON export read line by line: `[`, one comment a line, `]`. Each line is parsed on its own. */
function jsonLinesReader(onRow: (row: Record<string, unknown>) => void) {
  const decoder = new TextDecoder();
  const lines = { first: null as string | null, pending: '', previous: null as string | null, missingCommas: 0 };
  const line = (text: string) => {
    if (lines.first === null) return void (lines.first = text);
    if (lines.previous !== null) {
      // Every comment's line but the last ends with the separator.
      const isLast = text === ']';
      if (!isLast && !lines.previous.endsWith(',')) lines.missingCommas++;
      onRow(JSON.parse(isLast ? lines.previous : lines.previous.slice(0, -1)) as Record<string, unknown>);
    }
    lines.previous = text;
  };
  const read = (text: string) => {
    const parts = (lines.pending + text).split('\n');
    lines.pending = parts.pop() ?? '';
    parts.forEach(line);
  };
  return {
    take: (chunk: Uint8Array) => read(decoder.decode(chunk, { stream: true })),
    end: () => {
      read(decoder.decode());
      expect(lines).toMatchObject({ first: '[', pending: '', previous: ']', missingCommas: 0 });
    },
  };
}

describe('the exports of a site of 100,000 comments', () => {
  let temp: TempDatabase;
  let firstId: number;
  let lastId: number;

  beforeAll(async () => {
    temp = await createTempDatabase();
    firstId = seedInChildProcess({ databaseUrl: temp.url, slug: SHORT, count: 30 }).firstId;
    lastId = seedInChildProcess({ databaseUrl: temp.url, slug: LONG, count: COUNT, repliesEvery: 10 }).lastId;
    // What a first export sets up once (the query engine, the CSV writer, V8's young generation) is not growth.
    for (const format of ['csv', 'json'] as const) await readFirstChunks(streamCommentsExport(temp.db, format), 50);
  }, 300_000);
  afterAll(async () => temp?.cleanup());

  it('streams the CSV whole, every comment once in id order, while memory grows by less than 50 MB', async () => {
    const seen = { records: 0, lastId: firstId - 1, gaps: 0, badWidths: 0, header: [] as string[], dashBody: '' };
    const reader = csvReader((fields) => {
      if (seen.records++ === 0) return void (seen.header = fields);
      const id = Number(fields[0]);
      if (id !== seen.lastId + 1) seen.gaps++;
      if (fields.length !== COLUMNS.length) seen.badWidths++;
      seen.lastId = id;
      // The seeding opens this comment with a dash, like a list: what a spreadsheet runs as a formula.
      if (id === firstId + 30 + 13) seen.dashBody = fields[6] ?? '';
    });
    let firstBytes: number[] = [];
    const growth = await consume(streamCommentsExport(temp.db, 'csv'), (chunk) => {
      if (firstBytes.length === 0) firstBytes = [...chunk.subarray(0, 3)];
      reader.take(chunk);
    });
    reader.end();

    expect(firstBytes, 'a UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
    expect(seen).toMatchObject({ records: COUNT + 30 + 1, lastId, gaps: 0, badWidths: 0, header: COLUMNS });
    expect(seen.dashBody).toMatch(/^'- /);
    expect(growth.rss, `RSS +${(growth.rss / MB).toFixed(1)} MB`).toBeLessThan(50 * MB);
    expect(growth.heap, `heap +${(growth.heap / MB).toFixed(1)} MB`).toBeLessThan(50 * MB);
  }, 300_000);

  it('streams the JSON whole, every comment once in id order, while memory grows by less than 50 MB', async () => {
    const seen = { rows: 0, lastId: firstId - 1, gaps: 0, badKeys: 0 };
    const reader = jsonLinesReader((row) => {
      seen.rows++;
      if (row.id !== seen.lastId + 1) seen.gaps++;
      if (Object.keys(row).join() !== COLUMNS.join()) seen.badKeys++;
      seen.lastId = row.id as number;
    });
    const growth = await consume(streamCommentsExport(temp.db, 'json'), reader.take);
    reader.end();

    expect(seen).toEqual({ rows: COUNT + 30, lastId, gaps: 0, badKeys: 0 });
    expect(growth.rss, `RSS +${(growth.rss / MB).toFixed(1)} MB`).toBeLessThan(50 * MB);
    expect(growth.heap, `heap +${(growth.heap / MB).toFixed(1)} MB`).toBeLessThan(50 * MB);
  }, 300_000);

  it('reads the database only as fast as the download is read, and stops when the reader leaves', async () => {
    // On SQLite the batches are read by the driver's statements, elsewhere through Prisma's raw queries.
    const statementClass = temp.provider === 'sqlite' ? (Object.getPrototypeOf(sqliteConnection(temp.file).prepare('SELECT 1')) as { all: () => unknown[] }) : null;
    const queries = statementClass ? vi.spyOn(statementClass, 'all') : vi.spyOn(temp.db, '$queryRawUnsafe');
    for (const format of ['csv', 'json'] as const) {
      queries.mockClear();
      const reader = streamCommentsExport(temp.db, format).getReader();
      await reader.read();
      await new Promise((resolve) => setTimeout(resolve, 300));
      // A reader who waits: the export waits too, a batch or two ahead at most.
      expect(queries.mock.calls.length, format).toBeGreaterThanOrEqual(1);
      expect(queries.mock.calls.length, format).toBeLessThanOrEqual(3);
      await reader.cancel();
      const afterLeaving = queries.mock.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(queries.mock.calls.length, format).toBe(afterLeaving);
    }
    queries.mockRestore();
  });
});

describe('the comment exports, batch by batch', () => {
  let temp: TempDatabase;
  const threads: Record<string, LargeThread[]> = { [LONG]: [], [SHORT]: [] };

  beforeAll(async () => {
    temp = await createTempDatabase();
    // Two articles whose comments interleave: an article's ids are not one run.
    for (const slug of [LONG, SHORT, LONG]) threads[slug]?.push(await seedLargeThread({ databaseUrl: temp.url, slug, count: 10, repliesEvery: 3 }));
  }, 60_000);
  afterAll(async () => temp?.cleanup());

  const idsOf = async (slug: string | undefined, batchSize: number) => {
    const batches: number[][] = [];
    for await (const batch of readCommentsForExport(temp.db, slug, batchSize)) batches.push(batch.map((row) => row.id));
    return batches;
  };

  it('reads an article’s comments, or the site’s, in id order, never more than a batch at a time', async () => {
    const long = await idsOf(LONG, 4);
    expect(long.map((batch) => batch.length)).toEqual([4, 4, 4, 4, 4]);
    expect(long.flat()).toEqual((threads[LONG] ?? []).flatMap(({ firstId, lastId }) => Array.from({ length: lastId - firstId + 1 }, (_, index) => firstId + index)));
    const site = await idsOf(undefined, 7);
    expect(site.map((batch) => batch.length)).toEqual([7, 7, 7, 7, 2]);
    expect(site.flat()).toEqual([...site.flat()].sort((a, b) => a - b));
    expect(await idsOf('pas-de-commentaires', 4)).toEqual([]);
  });

  it('writes the whole site as one JSON array of whole rows, IP hashes excepted', async () => {
    const rows = JSON.parse(await new Response(streamCommentsExport(temp.db, 'json')).text()) as Record<string, unknown>[];
    expect(rows).toHaveLength(30);
    for (const row of rows) expect(Object.keys(row)).toEqual(COLUMNS);
    expect(rows.filter((row) => row.parentId !== null)).toHaveLength(9);
    expect(rows[0]).toMatchObject({ articleSlug: LONG, status: 'published', isAuthor: false, editedAt: null });
    expect(JSON.stringify(rows)).not.toMatch(/ipHash|bodyHash/);
  });

  it('reads each row as Prisma does: dates in ISO, the author flag a boolean, nulls kept', async () => {
    const [first] = await temp.db.comment.findMany({ orderBy: { id: 'asc' }, take: 1, select: { id: true } });
    await temp.db.comment.update({ where: { id: first!.id }, data: { isAuthor: true, editedAt: new Date('2026-11-30T10:11:12.345Z'), authorWebsite: null } });
    const exported = [];
    for await (const batch of readCommentsForExport(temp.db)) exported.push(...batch);
    const viaPrisma = await temp.db.comment.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, articleSlug: true, parentId: true, authorName: true, authorEmail: true, authorWebsite: true, body: true, status: true, isAuthor: true, createdAt: true, editedAt: true },
    });
    expect(exported).toEqual(viaPrisma.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), editedAt: row.editedAt?.toISOString() ?? null })));
    expect(exported[0]).toMatchObject({ isAuthor: true, editedAt: '2026-11-30T10:11:12.345Z', authorWebsite: null });
  });

  it('writes an empty article as an empty array, or as the CSV header alone', async () => {
    expect(JSON.parse(await new Response(streamCommentsExport(temp.db, 'json', 'pas-de-commentaires')).text())).toEqual([]);
    const csv = Buffer.from(await new Response(streamCommentsExport(temp.db, 'csv', 'pas-de-commentaires')).arrayBuffer()).toString('utf8');
    expect(csv).toBe(`\uFEFF${COLUMNS.join(',')}\n`);
  });
});
