import 'server-only';
import { readBookFile } from './read-book-file';

export { BOOK_FILE } from './read-book-file';
export type { Book } from './parse-book-file';

let loaded: ReturnType<typeof readBookFile> | undefined;

/** The book, from content/livre.md, read and rendered once per process. */
export function getBook(): ReturnType<typeof readBookFile> {
  loaded ??= readBookFile();
  return loaded;
}
