import { formatParisDay } from '@/lib/format-date';
import type { Book } from './parse-book-file';

/** « À paraître le 15 mai 2008 » before the release instant, « En librairie depuis le 15 mai 2008 » from it. */
export function releaseLine(book: Pick<Book, 'release'>, now: Date): string {
  const day = formatParisDay(book.release);
  return book.release <= now ? `En librairie depuis le ${day}` : `À paraître le ${day}`;
}

/** The site's description (metadata, feeds, exports), from the book's facts. */
export function siteDescription(book: Pick<Book, 'fullTitle' | 'author'>): string {
  return `Le site du livre « ${book.fullTitle} » de ${book.author} : articles et conversations avec les lecteurs.`;
}
