import type { Book } from '@/lib/book-file/parse-book-file';

/** The cover, when the file names one (an image of public/, drawn at its size): the largest paint of the pages that show it, asked for first. */
export function BookCover({ book }: { book: Book }) {
  if (!book.cover) return null;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- a file of public/, at its size: nothing to optimise
    <img className="book__cover" src={book.cover} width={240} height={360} fetchPriority="high" alt={book.coverAlt ?? `Couverture du livre ${book.fullTitle}`} />
  );
}
