/** Largest JSON body accepted: a comment at its limit (65 525 characters, up to 4 bytes each) and its fields. */
export const MAX_JSON_BYTES = 300 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; message: string };

/**
 * Reads a JSON request body with the checks a public endpoint needs: the content type, a size
 * limit enforced while reading (a huge body is never buffered whole), valid UTF-8 and valid JSON.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BYTES): Promise<JsonBody> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return { ok: false, status: 415, message: 'Envoyez le commentaire en JSON (Content-Type: application/json).' };
  }
  const declared = Number(request.headers.get('content-length'));
  const tooLarge = { ok: false, status: 413, message: `Requête trop volumineuse (${Math.round(maxBytes / 1024)} Ko au plus).` } as const;
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  if (!request.body) return { ok: false, status: 400, message: 'Le corps de la requête est vide.' };

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
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
