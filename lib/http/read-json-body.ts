/** Largest JSON body accepted: a comment at its limit (65 525 characters, up to 4 bytes each) and its fields. */
export const MAX_JSON_BYTES = 300 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; message: string };

/** What reading a body needs to know of a request, whatever the server: Next's `Request` or Node's `IncomingMessage`. */
export type JsonRequest = {
  contentType: string | null | undefined;
  contentLength: string | null | undefined;
  /** The body's bytes as they arrive; null when the request has none. Its `return()` stops reading a body found too large. */
  chunks: AsyncIterator<Uint8Array> | null;
};

/**
 * Reads a JSON request body with the checks a public endpoint needs: the content type, a size
 * limit enforced while reading (a huge body is never buffered whole), valid UTF-8 and valid JSON.
 */
export async function readJson(request: JsonRequest, maxBytes = MAX_JSON_BYTES): Promise<JsonBody> {
  const type = request.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return { ok: false, status: 415, message: 'Envoyez le commentaire en JSON (Content-Type: application/json).' };
  }
  const declared = Number(request.contentLength);
  const tooLarge = { ok: false, status: 413, message: `Requête trop volumineuse (${Math.round(maxBytes / 1024)} Ko au plus).` } as const;
  if (request.contentLength && Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  if (!request.chunks) return { ok: false, status: 400, message: 'Le corps de la requête est vide.' };

  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await request.chunks.next();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await request.chunks.return?.();
      return tooLarge;
    }
    chunks.push(value);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return { ok: false, status: 400, message: 'Le corps de la requête n’est pas de l’UTF-8 valide.' };
  }
  if (text.trim() === '') return { ok: false, status: 400, message: 'Le corps de la requête est vide.' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, message: 'Le corps de la requête n’est pas du JSON valide.' };
  }
}

/** readJson for a web `Request` (route handlers). */
export function readJsonBody(request: Request, maxBytes = MAX_JSON_BYTES): Promise<JsonBody> {
  // Node's web streams are async iterable (the DOM typings do not say so); return() cancels the stream.
  const body = request.body as unknown as AsyncIterable<Uint8Array> | null;
  return readJson(
    {
      contentType: request.headers.get('content-type'),
      contentLength: request.headers.get('content-length'),
      chunks: body ? body[Symbol.asyncIterator]() : null,
    },
    maxBytes,
  );
}
