import { describe, expect, it } from 'vitest';
import { MultipartError, multipartBoundary, readMultipart, textSink, type PartHeaders } from '@/lib/http/multipart';

/** A form as a browser sends it, encoded by the platform's own FormData. */
async function encoded(form: FormData) {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const boundary = multipartBoundary(request.headers.get('content-type'));
  if (!boundary) throw new Error('no boundary');
  return { boundary, bytes: new Uint8Array(await request.arrayBuffer()) };
}

/** The bytes in pieces of `size`, as a network would cut them. */
async function* inPieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

/** Reads a body and returns each part's headers and its whole bytes. */
async function partsOf(chunks: AsyncIterable<Uint8Array>, boundary: string) {
  const parts: { headers: PartHeaders; bytes: Buffer }[] = [];
  await readMultipart(chunks, boundary, (headers) => {
    const pieces: Buffer[] = [];
    return {
      write: (bytes) => void pieces.push(Buffer.from(bytes)),
      end: () => void parts.push({ headers, bytes: Buffer.concat(pieces) }),
    };
  });
  return parts;
}

// A file that looks like the delimiter without being it, with line ends everywhere.
const TRICKY = Buffer.from('début\r\n--presque\r\n-\r\n--\r\n\r\n\r\n« é » fin\r\n');

describe('reading a multipart/form-data body as it streams', () => {
  it('gives back every field and file byte for byte, however the body is cut', async () => {
    const form = new FormData();
    form.append('format', 'wxr');
    form.append('fichier', new Blob([TRICKY]), 'export « 1 ».xml');
    form.append('autre', '');
    const { boundary, bytes } = await encoded(form);
    for (const size of [1, 2, 3, 7, 16, 64, bytes.length]) {
      const parts = await partsOf(inPieces(bytes, size), boundary);
      expect(parts.map(({ headers }) => headers)).toEqual([
        { name: 'format', filename: null },
        { name: 'fichier', filename: 'export « 1 ».xml' },
        { name: 'autre', filename: null },
      ]);
      expect(parts[0]?.bytes.toString()).toBe('wxr');
      expect(parts[1]?.bytes.equals(TRICKY)).toBe(true);
      expect(parts[2]?.bytes.length).toBe(0);
    }
  });

  it('passes a large file on in pieces, holding no more than a piece at a time', async () => {
    const file = Buffer.alloc(5 * 1024 * 1024, 'a');
    const form = new FormData();
    form.append('fichier', new Blob([file]), 'grand.xml');
    const { boundary, bytes } = await encoded(form);
    let largest = 0;
    let total = 0;
    await readMultipart(inPieces(bytes, 64 * 1024), boundary, () => ({
      write: (piece) => {
        largest = Math.max(largest, piece.length);
        total += piece.length;
      },
      end: () => undefined,
    }));
    expect(total).toBe(file.length);
    expect(largest).toBeLessThanOrEqual(64 * 1024 + 200);
  });

  it('refuses a body cut short and endless part headers; skips a part that is not form-data', async () => {
    const form = new FormData();
    form.append('fichier', new Blob(['texte']), 'a.txt');
    const { boundary, bytes } = await encoded(form);
    await expect(partsOf(inPieces(bytes.subarray(0, bytes.length - 10), 8), boundary)).rejects.toBeInstanceOf(MultipartError);
    const endless = Buffer.from(`--${boundary}\r\nX-Long: ${'y'.repeat(40_000)}`);
    await expect(partsOf(inPieces(endless, 1024), boundary)).rejects.toBeInstanceOf(MultipartError);
    const noDisposition = Buffer.from(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--\r\n`);
    expect(await partsOf(inPieces(noDisposition, 8), boundary)).toEqual([]);
  });

  it('refuses a text field longer than it may be', async () => {
    const form = new FormData();
    form.append('format', 'x'.repeat(100));
    const { boundary, bytes } = await encoded(form);
    await expect(readMultipart(inPieces(bytes, 16), boundary, () => textSink(64, () => undefined))).rejects.toThrow(/champ de plus de 64 octets/);
  });

  it('reads the boundary of a multipart/form-data type only', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----WebKitFormBoundaryAbC')).toBe('----WebKitFormBoundaryAbC');
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('multipart/mixed; boundary=x')).toBeNull();
    expect(multipartBoundary('application/json')).toBeNull();
    expect(multipartBoundary('multipart/form-data')).toBeNull();
    expect(multipartBoundary(null)).toBeNull();
  });
});
