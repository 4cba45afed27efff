import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';

/** A part's own headers: its field name, and its file name when it is a file. */
export type PartHeaders = { name: string; filename: string | null };

/** Where a part's bytes go as they arrive: a file on disk, or a short text kept in memory. */
export type PartSink = { write(bytes: Uint8Array): void | Promise<void>; end(): void | Promise<void> };

/** A body that is not the multipart/form-data it says it is. */
export class MultipartError extends Error {
  constructor(reason: string) {
    super(`multipart/form-data illisible : ${reason}`);
    this.name = 'MultipartError';
  }
}

/** The boundary of a `multipart/form-data; boundary=…` Content-Type, or null. */
export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType.trim())) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

/**
 * Reads a multipart/form-data body as it streams (busboy, RFC 7578): each part's headers go to
 * `onPart`, which says where its bytes go, and its bytes follow as they arrive, one part after the
 * other. A file of any size goes to its sink without being buffered whole: busboy waits while a
 * sink writes. A part that is not form-data is skipped. Throws MultipartError for a body that is
 * not a whole multipart document; an error of `chunks` or of a sink, as it is.
 */
export async function readMultipart(chunks: AsyncIterable<Uint8Array>, boundary: string, onPart: (part: PartHeaders) => PartSink | Promise<PartSink>): Promise<void> {
  // The first error of the body's source or of a sink: the one to report, not the parser's stop after it.
  let failure = null as { error: unknown } | null;
  const source = Readable.from(
    (async function* () {
      const iterator = chunks[Symbol.asyncIterator]();
      try {
        for (;;) {
          let next: IteratorResult<Uint8Array>;
          try {
            next = await iterator.next();
          } catch (error) {
            failure ??= { error };
            throw error;
          }
          if (next.done) return;
          yield next.value;
        }
      } finally {
        await iterator.return?.();
      }
    })(),
    { objectMode: false },
  );
  // Browsers send file names in UTF-8; busboy's default for them is Latin-1.
  const parser = busboy({ headers: { 'content-type': `multipart/form-data; boundary="${boundary}"` }, defParamCharset: 'utf8' });
  // Parts are handed on in order: a field that follows a file waits for the file's sink to end.
  let parts: Promise<void> = Promise.resolve();
  const handOn = (part: PartHeaders, pieces: AsyncIterable<Buffer>, drain: () => void) => {
    parts = parts.then(async () => {
      if (failure) return drain();
      try {
        const sink = await onPart(part);
        for await (const piece of asParsed(pieces)) await sink.write(piece);
        await sink.end();
      } catch (error) {
        failure ??= { error };
        drain();
        parser.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    });
  };
  parser.on('file', (name, stream, info) => handOn({ name, filename: info.filename ?? null }, stream, () => void stream.resume()));
  parser.on('field', (name, value: string, info) => {
    const pieces = info.valueTruncated
      ? tooLong(name)
      : (async function* () {
          if (value !== '') yield Buffer.from(value, 'utf8');
        })();
    handOn({ name, filename: null }, pieces, () => undefined);
  });
  try {
    await pipeline(source, parser);
  } catch (error) {
    await parts;
    if (failure) throw failure.error;
    throw new MultipartError((error as Error).message);
  }
  await parts;
  if (failure) throw failure.error;
}

/** A part's bytes as busboy gives them: its errors (a body cut short) are the body's, not the sink's. */
async function* asParsed(pieces: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* pieces;
  } catch (error) {
    throw error instanceof MultipartError ? error : new MultipartError((error as Error).message);
  }
}

async function* tooLong(name: string): AsyncGenerator<Buffer> {
  throw new MultipartError(`champ « ${name.slice(0, 40)} » trop long`);
}

/** A sink that keeps a short text field, refusing one longer than `maxBytes`. */
export function textSink(maxBytes: number, onText: (text: string) => void): PartSink {
  const pieces: Buffer[] = [];
  let size = 0;
  return {
    write(bytes) {
      size += bytes.length;
      if (size > maxBytes) throw new MultipartError(`champ de plus de ${maxBytes} octets`);
      pieces.push(Buffer.from(bytes));
    },
    end() {
      onText(Buffer.concat(pieces).toString('utf8'));
    },
  };
}
