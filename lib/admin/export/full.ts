import type { Database } from '@/lib/db/client';
import { pullStream } from '@/lib/http/pull-stream';
import { CHUNK_SIZE, EXPORT_BATCH_SIZE } from './csv-json';

/** Names the site's full export, so that the importer knows it and its version. */
export const FULL_EXPORT_FORMAT = 'marketing-2-0/commentaires';
/** Moves up when a record changes meaning; the importer refuses versions it does not know. */
export const FULL_EXPORT_VERSION = 1;

const COMMENT_SELECT = {
  id: true,
  articleSlug: true,
  parentId: true,
  authorName: true,
  authorEmail: true,
  authorWebsite: true,
  body: true,
  status: true,
  isAuthor: true,
  createdAt: true,
  editedAt: true,
  importSource: true,
  importId: true,
} as const;

type Client = Pick<Database, 'comment' | 'article'>;

/** The site's comments in id order, a batch at a time, each query after the last id of the one before. */
async function* commentBatches(db: Client, batchSize: number) {
  let afterId = 0;
  for (;;) {
    const rows = await db.comment.findMany({ where: { id: { gt: afterId } }, orderBy: { id: 'asc' }, take: batchSize, select: COMMENT_SELECT });
    const last = rows.at(-1);
    if (!last) return;
    yield rows;
    if (rows.length < batchSize) return;
    afterId = last.id;
  }
}

/**
 * The whole site's comments and articles' states, enough to rebuild them elsewhere: one JSON
 * document, one record a line (the importer reads it line by line, in constant memory). Articles
 * come first, then comments in id order, so a reply always follows its parent.
 */
export async function* fullExportChunks(db: Client, site: string, now = new Date(), batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<string> {
  const header = JSON.stringify({ format: FULL_EXPORT_FORMAT, version: FULL_EXPORT_VERSION, exportedAt: now.toISOString(), site });
  let chunk = `${header.slice(0, -1)},"records":[`;
  let separator = '\n';
  const add = (record: object) => {
    chunk += separator + JSON.stringify(record);
    separator = ',\n';
  };
  const articles = await db.article.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, commentsOpen: true, closedAt: true, closedBy: true, closesAt: true } });
  for (const article of articles) add({ type: 'article', ...article });
  for await (const batch of commentBatches(db, batchSize)) {
    for (const comment of batch) {
      add({ type: 'comment', ...comment });
      if (chunk.length >= CHUNK_SIZE) {
        yield chunk;
        chunk = '';
      }
    }
  }
  yield `${chunk}\n]}\n`;
}

/** The full export as a download, produced as fast as it is read. */
export function streamFullExport(db: Client, site: string): ReadableStream<Uint8Array> {
  return pullStream(fullExportChunks(db, site), 'Export complet');
}
