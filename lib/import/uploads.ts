import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmodSync, createWriteStream, lstatSync, mkdirSync, type WriteStream } from 'node:fs';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { MultipartError, multipartBoundary, readMultipart, textSink, type PartSink } from '@/lib/http/multipart';
import { IMPORT_FORMATS } from './detect-format';

/** How long an uploaded file waits for its import; then it is removed. */
export const UPLOAD_LIFETIME_MS = 60 * 60_000;

/** The upload form's fields. */
export const UPLOAD_FIELDS = { file: 'fichier', format: 'format' } as const;

/** Why an upload was refused: a word for the page's address, which says it in French (see uploadErrorMessage). */
export type UploadError = 'trop-volumineux' | 'fichier-manquant' | 'envoi-illisible' | 'enregistrement-impossible';

type UploadMeta = z.infer<typeof uploadMeta>;
export type StoredUpload = { file: string; meta: UploadMeta };

const uploadMeta = z.object({
  name: z.string().max(1_000),
  format: z.enum(IMPORT_FORMATS).nullable(),
  size: z.number().int().nonnegative(),
  uploadedAt: z.iso.datetime(),
});

/** 32 random bytes: the upload's only name, known to the author's page and nobody else. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const STORED_NAME = /^[A-Za-z0-9_-]{43}\.(upload|json|claimed)$/;

class UploadTooLarge extends Error {}

/**
 * The folder of uploads: IMPORT_DIR, or this user's own in the system's temporary folder. Created
 * for this user alone (0700, brought back to it if it was wider); refused if it is a link or
 * belongs to someone else, who could then read the readers' e-mails in it or swap its files.
 */
export function uploadsDir(configured = getConfig().IMPORT_DIR): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const dir = path.resolve(configured ?? path.join(os.tmpdir(), `marketing-2-0-imports${uid === null ? '' : `-${uid}`}`));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const info = lstatSync(dir);
  if (!info.isDirectory() || (uid !== null && info.uid !== uid)) {
    throw new Error(`Dossier des imports ${dir} : ce doit être un dossier (pas un lien) de l’utilisateur du serveur (IMPORT_DIR).`);
  }
  if ((info.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return dir;
}

const filesOf = (dir: string, token: string) => ({
  data: path.join(dir, `${token}.upload`),
  meta: path.join(dir, `${token}.json`),
  claimed: path.join(dir, `${token}.claimed`),
});

/** Removes the uploads (and the imports left half-way by a stopped server) older than their lifetime. */
export async function removeExpiredUploads(dir: string, now = Date.now()): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!STORED_NAME.test(name)) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > UPLOAD_LIFETIME_MS) await rm(file, { force: true });
  }
}

/** The bytes of a request body, refusing past `maxBytes` as they come (never after holding them). */
async function* bounded(body: ReadableStream<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > maxBytes) throw new UploadTooLarge();
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function fileSink(stream: WriteStream, counted: { size: number }): PartSink {
  return {
    async write(bytes) {
      counted.size += bytes.length;
      if (!stream.write(bytes)) await once(stream, 'drain');
    },
    end: () => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve()))),
  };
}

const ignored: PartSink = { write() {}, end() {} };

/**
 * Receives the import form (multipart/form-data: the file, and the format if the author chose
 * one) as it streams: the file goes straight to a new file of the uploads folder (0600), never
 * whole in memory, and the request is refused past `maxBytes` (IMPORT_MAX_BYTES). Returns the
 * upload's token, which the preview and the import name it by.
 */
export async function receiveUpload(request: Request, maxBytes = getConfig().IMPORT_MAX_BYTES): Promise<{ ok: true; token: string } | { ok: false; error: UploadError }> {
  const boundary = multipartBoundary(request.headers.get('content-type'));
  if (!boundary || !request.body) return { ok: false, error: 'envoi-illisible' };
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, error: 'trop-volumineux' };

  let files: ReturnType<typeof filesOf> | null = null;
  let stream: WriteStream | null = null;
  try {
    const dir = uploadsDir();
    await removeExpiredUploads(dir);
    const token = randomBytes(32).toString('base64url');
    const current = (files = filesOf(dir, token));
    const received = { name: '', size: 0, hasFile: false };
    let format = '';
    await readMultipart(bounded(request.body, maxBytes), boundary, (part) => {
      if (part.name === UPLOAD_FIELDS.file && part.filename !== null && !received.hasFile) {
        received.hasFile = true;
        received.name = part.filename;
        stream = createWriteStream(current.data, { flags: 'wx', mode: 0o600 });
        return fileSink(stream, received);
      }
      if (part.name === UPLOAD_FIELDS.format) return textSink(64, (text) => (format = text));
      return ignored;
    });
    const chosen = format === '' ? null : IMPORT_FORMATS.find((known) => known === format);
    if (chosen === undefined) throw new MultipartError(`format inconnu « ${format.slice(0, 20)} »`);
    if (received.size === 0) {
      await rm(current.data, { force: true });
      return { ok: false, error: 'fichier-manquant' };
    }
    const meta: UploadMeta = { name: received.name.slice(0, 1_000), format: chosen, size: received.size, uploadedAt: new Date().toISOString() };
    await writeFile(current.meta, JSON.stringify(meta), { flag: 'wx', mode: 0o600 });
    return { ok: true, token };
  } catch (error) {
    (stream as WriteStream | null)?.destroy();
    if (files) await Promise.all([rm(files.data, { force: true }), rm(files.meta, { force: true })]);
    if (error instanceof UploadTooLarge) return { ok: false, error: 'trop-volumineux' };
    if (error instanceof MultipartError) return { ok: false, error: 'envoi-illisible' };
    console.error('receiveUpload failed', error);
    return { ok: false, error: 'enregistrement-impossible' };
  }
}

/** A JSON text's value; undefined for a text that is not JSON (a damaged file, refused by the schema). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The upload named by `token`, if it is still there and within its lifetime; null otherwise. */
export async function findUpload(token: string, now = Date.now()): Promise<StoredUpload | null> {
  if (!TOKEN.test(token)) return null;
  const files = filesOf(uploadsDir(), token);
  const text = await readFile(files.meta, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return null;
  const meta = uploadMeta.safeParse(parseJson(text));
  if (!meta.success || now - Date.parse(meta.data.uploadedAt) > UPLOAD_LIFETIME_MS) {
    await removeUpload(token);
    return null;
  }
  return { file: files.data, meta: meta.data };
}

/**
 * Takes the upload for its import: a second confirmation of the same upload (two clicks, two
 * tabs) finds it gone. The caller removes the file it gets once the import is over (finishUpload).
 */
export async function claimUpload(token: string): Promise<StoredUpload | null> {
  const upload = await findUpload(token);
  if (!upload) return null;
  const files = filesOf(path.dirname(upload.file), token);
  try {
    await rename(files.data, files.claimed);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  await rm(files.meta, { force: true });
  return { file: files.claimed, meta: upload.meta };
}

/** Removes an upload's files, claimed or not. */
export async function removeUpload(token: string): Promise<void> {
  if (!TOKEN.test(token)) return;
  const files = filesOf(uploadsDir(), token);
  await Promise.all(Object.values(files).map((file) => rm(file, { force: true })));
}
