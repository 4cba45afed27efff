import { stringify } from 'csv-stringify/sync';
import type { Database } from '@/lib/db/client';

const COLUMNS = ['id', 'articleSlug', 'parentId', 'authorName', 'authorEmail', 'authorWebsite', 'body', 'status', 'isAuthor', 'createdAt', 'editedAt'] as const;

/** Every comment of an article, or of the site: the author's data, whole (IP hashes excepted). */
export async function readCommentsForExport(db: Database, slug?: string) {
  const rows = await db.comment.findMany({
    where: slug ? { articleSlug: slug } : {},
    orderBy: { id: 'asc' },
    select: Object.fromEntries(COLUMNS.map((column) => [column, true])) as Record<(typeof COLUMNS)[number], true>,
  });
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), editedAt: row.editedAt?.toISOString() ?? null }));
}

// A cell starting like a formula would run in a spreadsheet: prefix it so it stays text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(rows: Awaited<ReturnType<typeof readCommentsForExport>>): string {
  const cells = rows.map((row) =>
    COLUMNS.map((column) => {
      const value = row[column];
      const text = value === null || value === undefined ? '' : String(value);
      return FORMULA_START.test(text) ? `'${text}` : text;
    }),
  );
  // A BOM so that spreadsheet programs read the accents as UTF-8.
  return `\uFEFF${stringify([[...COLUMNS], ...cells])}`;
}
