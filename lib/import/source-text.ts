import { createReadStream } from 'node:fs';
import { ImportError } from './import-error';

/** A piece of the file's text and the line it starts on. */
export type TextChunk = { text: string; line: number };

/** The longest line an import reads: past it, the file is refused rather than held in memory. */
export const MAX_LINE_LENGTH = 4 * 1024 * 1024;

/** The most text one field (a comment, a title) may hold: a bigger one means a broken or hostile file. */
export const MAX_FIELD_LENGTH = 1024 * 1024;

const READ_SIZE = 64 * 1024;

/** The file's bytes, a piece at a time. */
export function readFileBytes(file: string): AsyncIterable<Uint8Array> {
  return createReadStream(file, { highWaterMark: READ_SIZE });
}

/**
 * Which line of `bytes` holds the first byte that is not UTF-8. A line feed byte is never part of
 * a longer character, so each line can be checked on its own.
 */
function lineOfInvalidByte(bytes: Uint8Array): number {
  let start = 0;
  for (let line = 0; start <= bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const isLast = end === -1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, isLast ? bytes.length : end), { stream: isLast });
    } catch {
      return line;
    }
    if (isLast) break;
    start = end + 1;
  }
  return 0;
}

const INVALID_UTF8 = 'le fichier n’est pas du texte UTF-8 valide (enregistrez-le en UTF-8 et recommencez)';

/**
 * The file's text, decoded as UTF-8 (a leading BOM dropped), with the line each piece starts on.
 * Refuses, naming the line, bytes that are not UTF-8 and a line longer than `maxLineLength`: a
 * hostile file cannot make the import hold a huge line in memory.
 */
export async function* decodeUtf8(bytes: AsyncIterable<Uint8Array>, maxLineLength = MAX_LINE_LENGTH): AsyncGenerator<TextChunk> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let lineLength = 0;
  let isFirst = true;
  for await (const chunk of bytes) {
    if (isFirst && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
      throw new ImportError(1, 'le fichier est en UTF-16 : enregistrez-le en UTF-8 et recommencez');
    }
    isFirst = false;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new ImportError(line + lineOfInvalidByte(chunk), INVALID_UTF8);
    }
    const startLine = line;
    let lineStart = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', lineStart)) {
      if (lineLength + newline - lineStart > maxLineLength) break;
      line++;
      lineLength = 0;
      lineStart = newline + 1;
    }
    lineLength += text.length - lineStart;
    if (lineLength > maxLineLength) {
      throw new ImportError(line, `ligne trop longue (plus de ${maxLineLength.toLocaleString('fr-FR')} caractères) : le fichier n’est pas un export valide`);
    }
    if (text) yield { text, line: startLine };
  }
  try {
    const rest = decoder.decode();
    if (rest) yield { text: rest, line };
  } catch {
    throw new ImportError(line, `${INVALID_UTF8} : le fichier se termine au milieu d’un caractère`);
  }
}

/** One line of the file's text, without its line end, and its number. */
export type TextLine = { text: string; line: number };

/** The lines of decoded text (each already bounded by decodeUtf8). */
export async function* splitLines(chunks: AsyncIterable<TextChunk>): AsyncGenerator<TextLine> {
  let pending = '';
  let line = 1;
  for await (const { text } of chunks) {
    const parts = (pending + text).split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) yield { text: part.endsWith('\r') ? part.slice(0, -1) : part, line: line++ };
  }
  if (pending) yield { text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, line };
}
