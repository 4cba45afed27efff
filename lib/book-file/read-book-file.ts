import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseBookFile, type Book } from './parse-book-file';

/** The book file, relative to the project's root: the name error messages give. */
export const BOOK_FILE = 'content/livre.md';

/**
 * Reads and checks the book file of a content folder (livre.md; the cover must exist in public/).
 * Throws BookFileError.
 */
export async function readBookFile(contentDir: string, projectDir: string = process.cwd()): Promise<Book> {
  const source = await readFile(/*turbopackIgnore: true*/ path.join(contentDir, 'livre.md'), 'utf8');
  return parseBookFile(source, BOOK_FILE, { publicDir: path.join(projectDir, 'public') });
}
