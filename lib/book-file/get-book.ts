import 'server-only';
import { getContentDir } from '@/lib/config';
import { readBookFile } from './read-book-file';


let loaded: ReturnType<typeof readBookFile> | undefined;

/** The book, from livre.md of the content folder (CONTENT_DIR), read and rendered once per process. */
export function getBook(): ReturnType<typeof readBookFile> {
  loaded ??= readBookFile(getContentDir());
  return loaded;
}
