import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { CommentToStore } from './store-comments';

/** A comment of the file as the read pass found it, ready to be stored. */
export type SpooledComment = Omit<CommentToStore, 'counts'>;

/**
 * The comments of each article, set aside while the file is read: one JSON line each, in a
 * temporary folder only this user can open (mkdtemp: 0700; files 0600). Each article is then
 * written in its own transaction from its own file, without parsing the export again and without
 * holding it in memory.
 */
export class ArticleSpool {
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'm20-import-'));
  private readonly files = new Map<string, { file: string; stream: WriteStream }>();
  /** A write that failed (disk full): the next add or close throws it. */
  private failure: Error | null = null;

  /** Whether the read pass set aside any comment for `slug`. */
  has(slug: string): boolean {
    return this.files.has(slug);
  }

  async add(comment: SpooledComment): Promise<void> {
    if (this.failure) throw this.failure;
    let entry = this.files.get(comment.articleSlug);
    if (!entry) {
      const file = path.join(this.dir, `${this.files.size}.jsonl`);
      entry = { file, stream: createWriteStream(file, { flags: 'wx', mode: 0o600 }) };
      entry.stream.on('error', (error) => (this.failure ??= error));
      this.files.set(comment.articleSlug, entry);
    }
    if (!entry.stream.write(`${JSON.stringify(comment)}\n`)) await once(entry.stream, 'drain');
  }

  /** Ends the writing: every line is on disk before an article is read back. */
  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    await Promise.all([...this.files.values()].map(({ stream }) => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())))));
  }

  /** The comments set aside for `slug`, in the file's order. */
  async *read(slug: string): AsyncGenerator<SpooledComment> {
    const entry = this.files.get(slug);
    if (!entry) return;
    const lines = createInterface({ input: createReadStream(entry.file), crlfDelay: Infinity });
    for await (const line of lines) {
      const comment = JSON.parse(line) as SpooledComment;
      const { fields } = comment;
      yield { ...comment, fields: { ...fields, createdAt: new Date(fields.createdAt), editedAt: fields.editedAt === null ? null : new Date(fields.editedAt) } };
    }
  }

  remove(): void {
    for (const { stream } of this.files.values()) stream.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
