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

/** A part's headers are a few lines; past this the body is not a browser's form. */
const MAX_HEADERS_BYTES = 16 * 1024;
const HEADERS_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** The boundary of a `multipart/form-data; boundary=…` Content-Type, or null. */
export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType.trim())) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

function headerParameter(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s;"]+))`, 'i').exec(header);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? null);
}

function parseHeaders(bytes: Buffer): PartHeaders {
  const lines = bytes.toString('utf8').split('\r\n');
  const disposition = lines.find((line) => /^content-disposition\s*:/i.test(line));
  if (!disposition || !/:\s*form-data\s*(;|$)/i.test(disposition)) throw new MultipartError('partie sans Content-Disposition: form-data');
  const name = headerParameter(disposition, 'name');
  if (name === null) throw new MultipartError('partie sans nom');
  return { name, filename: headerParameter(disposition, 'filename') };
}

/**
 * Reads a multipart/form-data body as it streams (RFC 7578): each part's headers go to `onPart`,
 * which says where its bytes go, and its bytes follow as they arrive. Only the end of the last
 * piece read (shorter than the boundary) and a part's headers are ever held: a file of any size
 * goes to its sink without being buffered whole. Throws MultipartError for a body that is not a
 * whole multipart document.
 */
export async function readMultipart(chunks: AsyncIterable<Uint8Array>, boundary: string, onPart: (part: PartHeaders) => PartSink | Promise<PartSink>): Promise<void> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The body opens with `--boundary`, with no line end before it: read as if it followed one.
  let pending: Buffer = Buffer.from(CRLF);
  // Changed by consume() only: declared wide so that the last check is not narrowed to the first value.
  let state = 'preamble' as 'preamble' | 'delimiter' | 'headers' | 'body' | 'end';
  let sink: PartSink | null = null;

  const consume = async () => {
    for (;;) {
      if (state === 'end') {
        pending = Buffer.alloc(0);
        return;
      }
      if (state === 'preamble' || state === 'body') {
        const at = pending.indexOf(delimiter);
        if (at === -1) {
          // What cannot be the start of a delimiter is the part's (or the preamble's, dropped).
          const safe = pending.length - (delimiter.length - 1);
          if (safe > 0) {
            if (sink) await sink.write(pending.subarray(0, safe));
            pending = pending.subarray(safe);
          }
          return;
        }
        if (sink) {
          if (at > 0) await sink.write(pending.subarray(0, at));
          await sink.end();
          sink = null;
        }
        pending = pending.subarray(at + delimiter.length);
        state = 'delimiter';
      }
      if (state === 'delimiter') {
        // `--` ends the document; otherwise a line end (after optional spaces) opens a part.
        if (pending.length < 2) return;
        if (pending[0] === 0x2d && pending[1] === 0x2d) {
          state = 'end';
          continue;
        }
        const lineEnd = pending.indexOf(CRLF);
        if (lineEnd === -1) {
          if (pending.length > 256) throw new MultipartError('délimiteur suivi d’autre chose qu’une fin de ligne');
          return;
        }
        if (!/^[ \t]*$/.test(pending.subarray(0, lineEnd).toString('latin1'))) throw new MultipartError('délimiteur suivi d’autre chose qu’une fin de ligne');
        pending = pending.subarray(lineEnd + CRLF.length);
        state = 'headers';
      }
      if (state === 'headers') {
        const end = pending.indexOf(HEADERS_END);
        if (end === -1) {
          if (pending.length > MAX_HEADERS_BYTES) throw new MultipartError('en-têtes de partie trop longs');
          return;
        }
        sink = await onPart(parseHeaders(pending.subarray(0, end)));
        pending = pending.subarray(end + HEADERS_END.length);
        state = 'body';
      }
    }
  };

  for await (const chunk of chunks) {
    const piece = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    pending = pending.length === 0 ? piece : Buffer.concat([pending, piece]);
    await consume();
  }
  if (state !== 'end') throw new MultipartError('le corps s’arrête avant la fin du formulaire');
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
