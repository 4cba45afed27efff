import { formatParisDay } from '@/lib/format-date';
import type { Book } from './parse-book-file';

/** « En librairie le 15 mai 2008 »: true before the release and after it, for what is drawn once (the share images). */
export function releaseLine(book: Pick<Book, 'release'>): string {
  return `En librairie le ${formatParisDay(book.release)}`;
}

/** The site's description (metadata, feeds, exports), from the book's facts. */
export function siteDescription(book: Pick<Book, 'fullTitle' | 'author'>): string {
  return `Le site du livre « ${book.fullTitle} » de ${book.author} : articles et conversations avec les lecteurs.`;
}
