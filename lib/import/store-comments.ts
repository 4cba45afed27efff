import type { Database } from '@/lib/db/client';
import { queryRows, type Provider, type RawRunner } from '@/lib/db/kysely';
import { insertComments } from '@/lib/comments/insert-comments';
import type { storedFields } from './stored-fields';

/** How many comments one insert writes; a reply whose parent waits in the batch sends it first. */
const IMPORT_BATCH_SIZE = 500;

export type ArticleCounts = { added: number; existing: number; replies: number; held: number; spam: number; skipped: number };

export type CommentToStore = {
  /** The comment's id in the file, which its replies name. */
  localId: string;
  parentLocalId: string | null;
  articleSlug: string;
  importSource: string;
  importId: string;
  /**
   * Its id on the site whose export the file is (see siteIdOf): a comment of this database with
   * that id, the same article and the same date is that comment, come back.
   */
  siteId: number | null;
  fields: ReturnType<typeof storedFields>;
  counts: ArticleCounts;
};

type Client = RawRunner & Pick<Database, 'comment'>;
const keyOf = (source: string, id: string) => `${source}\n${id}`;
/** Posting's duplicate rule (lib/comments/posting/rules.ts): the same author's same text on the same article. */
const sameTextKey = (slug: string, bodyHash: string) => `${slug}\n${bodyHash}`;
type Author = { authorEmail: string; authorName: string };
/** Where an address was never known (the seed, an export without it: a `.invalid` stand-in), the author is known by name. */
const NO_REAL_ADDRESS = /@commentaires\.invalid$/;
const isSameAuthor = (a: Author, b: Author) =>
  a.authorEmail === b.authorEmail || ((NO_REAL_ADDRESS.test(a.authorEmail) || NO_REAL_ADDRESS.test(b.authorEmail)) && a.authorName === b.authorName);

/**
 * The id a comment had on the site that exported it, when the file is this site's own export
 * (`json:` source): its own comments carry no import id, so a row of this database with that id,
 * on the same article, at the same instant, is the one the export was made from.
 */
export function siteIdOf(importSource: string, importId: string): number | null {
  return importSource.startsWith('json:') && /^[1-9][0-9]{0,9}$/.test(importId) ? Number(importId) : null;
}

/**
 * One INSERT of many rows, returning their ids. Not Prisma's createMany: it spends far more per
 * row than the database does, which a large import pays many thousand times.
 */
const inserted = (rows: { comment: CommentToStore; parentId: number | null }[]) =>
  insertComments(
    rows.map(({ comment, parentId }) => {
      const { fields } = comment;
      return {
        articleSlug: comment.articleSlug,
        parentId,
        authorName: fields.authorName,
        authorEmail: fields.authorEmail,
        authorWebsite: fields.authorWebsite,
        body: fields.body,
        status: fields.status,
        isAuthor: fields.isAuthor,
        ipHash: fields.ipHash,
        bodyHash: fields.bodyHash,
        createdAt: fields.createdAt,
        editedAt: fields.editedAt,
        importSource: comment.importSource,
        importId: comment.importId,
      };
    }),
  );

/**
 * Stores an import's comments by batches, skipping those a previous import stored already (found
 * by source and id). Replies point to their thread's top-level comment, as the site's own do. On
 * a dry run (`isWriting` false) it only counts. Holds the batch and, per comment of the file, its
 * thread's id: what a reply needs to find its parent.
 */
export class CommentStore {
  private readonly topLevelOf = new Map<string, number>();
  private batch: CommentToStore[] = [];
  private readonly batchIds = new Set<string>();
  /** Replies stored before their parent came: linked at the end. */
  private readonly orphans: CommentToStore[] = [];
  /**
   * Per posting's duplicate key, the threads of the site's comments that have that text: only those
   * found (a per-comment memory would grow with the file). What this import stored in earlier
   * batches is found the same way, in the database, inside its transaction; a dry run, which stores
   * nothing, sees a text repeated in the file only within one batch.
   */
  private readonly storedTexts = new Map<string, (Author & { thread: number })[]>();
  /** The top-level comments that received a reply from this import: their pages of replies changed. */
  readonly repliedTo = new Set<number>();

  constructor(
    private readonly db: Client,
    private readonly provider: Provider,
    private readonly isWriting: boolean,
  ) {}

  async add(comment: CommentToStore): Promise<void> {
    if (this.topLevelOf.has(comment.localId) || this.batchIds.has(comment.localId)) {
      comment.counts.existing++;
      return;
    }
    if (comment.parentLocalId !== null && this.batchIds.has(comment.parentLocalId)) await this.flush();
    this.batch.push(comment);
    this.batchIds.add(comment.localId);
    if (this.batch.length >= IMPORT_BATCH_SIZE) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    this.batchIds.clear();

    const bySource = new Map<string, string[]>();
    for (const comment of batch) bySource.set(comment.importSource, [...(bySource.get(comment.importSource) ?? []), comment.importId]);
    const found = await this.db.comment.findMany({
      where: { OR: [...bySource].map(([importSource, ids]) => ({ importSource, importId: { in: ids } })) },
      select: { id: true, parentId: true, importSource: true, importId: true },
    });
    const stored = new Map(found.map((row) => [keyOf(row.importSource ?? '', row.importId ?? ''), row.parentId ?? row.id]));
    await this.findOwnComments(batch, stored);
    await this.findSameTexts(batch, stored);

    const fresh: { comment: CommentToStore; parentId: number | null }[] = [];
    // A text the file holds twice in this batch: its copy is « déjà là », and its replies go to the first.
    const firstOfText = new Map<string, CommentToStore[]>();
    const copies: { copy: CommentToStore; first: CommentToStore }[] = [];
    for (const comment of batch) {
      const already = stored.get(keyOf(comment.importSource, comment.importId));
      if (already !== undefined) {
        this.topLevelOf.set(comment.localId, already);
        comment.counts.existing++;
        continue;
      }
      const textKey = sameTextKey(comment.articleSlug, comment.fields.bodyHash);
      const first = firstOfText.get(textKey)?.find((candidate) => isSameAuthor(candidate.fields, comment.fields));
      if (first) {
        comment.counts.existing++;
        copies.push({ copy: comment, first });
        continue;
      }
      firstOfText.set(textKey, [...(firstOfText.get(textKey) ?? []), comment]);
      const parentId = comment.parentLocalId === null ? null : (this.topLevelOf.get(comment.parentLocalId) ?? null);
      if (comment.parentLocalId !== null && parentId === null) this.orphans.push(comment);
      this.count(comment, parentId !== null);
      fresh.push({ comment, parentId });
    }
    const linkCopies = () => {
      for (const { copy, first } of copies) this.topLevelOf.set(copy.localId, this.topLevelOf.get(first.localId) ?? 0);
    };
    if (!this.isWriting) {
      for (const { comment, parentId } of fresh) {
        this.topLevelOf.set(comment.localId, parentId ?? 0);
      }
      linkCopies();
      return;
    }
    if (fresh.length === 0) return;
    for (const { parentId } of fresh) if (parentId !== null) this.repliedTo.add(parentId);
    const created = await queryRows(this.db, this.provider, inserted(fresh));
    const createdIds = new Map(created.map((row) => [keyOf(row.importSource ?? '', row.importId ?? ''), Number(row.parentId ?? row.id)]));
    for (const { comment } of fresh) {
      const id = createdIds.get(keyOf(comment.importSource, comment.importId));
      if (id === undefined) throw new Error(`import: no id returned for ${comment.importSource} ${comment.importId}`);
      this.topLevelOf.set(comment.localId, id);
    }
    linkCopies();
  }

  /** Adds to `stored` the comments of this database that a site export brings back (see siteIdOf). */
  private async findOwnComments(batch: CommentToStore[], stored: Map<string, number>): Promise<void> {
    const candidates = batch.filter((comment) => comment.siteId !== null && !stored.has(keyOf(comment.importSource, comment.importId)));
    if (candidates.length === 0) return;
    const rows = await this.db.comment.findMany({
      where: { id: { in: candidates.map((comment) => comment.siteId ?? 0) }, importSource: null },
      select: { id: true, parentId: true, articleSlug: true, createdAt: true },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const comment of candidates) {
      const row = byId.get(comment.siteId ?? 0);
      if (row && row.articleSlug === comment.articleSlug && row.createdAt.getTime() === comment.fields.createdAt.getTime()) {
        stored.set(keyOf(comment.importSource, comment.importId), row.parentId ?? row.id);
      }
    }
  }

  /**
   * Adds to `stored` the comments already on the site under posting's duplicate rule (same article,
   * same address, same text, not deleted), whatever their source or date: an export holding
   * comments the site has adds nothing. The same text twice in the file is stored once too
   * (within a batch here, across batches by this query: earlier batches are in the database).
   */
  private async findSameTexts(batch: CommentToStore[], stored: Map<string, number>): Promise<void> {
    const candidates = batch.filter((comment) => !stored.has(keyOf(comment.importSource, comment.importId)));
    if (candidates.length === 0) return;
    const bySlug = new Map<string, Set<string>>();
    for (const comment of candidates) bySlug.set(comment.articleSlug, (bySlug.get(comment.articleSlug) ?? new Set()).add(comment.fields.bodyHash));
    // Only the (articleSlug, bodyHash) index in the query: with the status or an order by id in it,
    // SQLite chose the (status, id) index and read the whole table at every batch.
    const rows = await this.db.comment.findMany({
      where: { OR: [...bySlug].map(([articleSlug, hashes]) => ({ articleSlug, bodyHash: { in: [...hashes] } })) },
      select: { id: true, parentId: true, articleSlug: true, authorEmail: true, authorName: true, bodyHash: true, status: true },
    });
    rows.sort((a, b) => a.id - b.id);
    for (const row of rows) if (row.status !== 'deleted') this.rememberText(row.articleSlug, row.bodyHash, { authorEmail: row.authorEmail, authorName: row.authorName, thread: row.parentId ?? row.id });
    for (const comment of candidates) {
      const thread = this.storedText(comment);
      if (thread !== undefined) stored.set(keyOf(comment.importSource, comment.importId), thread);
    }
  }

  private rememberText(slug: string, bodyHash: string, text: Author & { thread: number }) {
    const key = sameTextKey(slug, bodyHash);
    this.storedTexts.set(key, [...(this.storedTexts.get(key) ?? []), text]);
  }

  /** The thread of a comment on the site (or stored by this import) that `comment` repeats, if any. */
  private storedText(comment: CommentToStore): number | undefined {
    return this.storedTexts.get(sameTextKey(comment.articleSlug, comment.fields.bodyHash))?.find((text) => isSameAuthor(text, comment.fields))?.thread;
  }

  /** Stores what is left and links the replies whose parent came after them, if it came at all. */
  async finish(): Promise<void> {
    await this.flush();
    for (const orphan of this.orphans) {
      const parentId = orphan.parentLocalId === null ? undefined : this.topLevelOf.get(orphan.parentLocalId);
      if (parentId === undefined) continue;
      orphan.counts.replies++;
      if (this.isWriting) {
        this.repliedTo.add(parentId);
        await this.db.comment.update({
          where: { importSource_importId: { importSource: orphan.importSource, importId: orphan.importId } },
          data: { parentId },
        });
      }
    }
    this.orphans.length = 0;
  }

  private count(comment: CommentToStore, isReply: boolean) {
    const { counts } = comment;
    counts.added++;
    if (isReply) counts.replies++;
    if (comment.fields.status === 'pending') counts.held++;
    if (comment.fields.status === 'spam') counts.spam++;
  }
}
