import type { Book as BookFile } from '@/lib/book-file/parse-book-file';
import { isReleased } from '@/lib/book-file/release';
import { siteDescription } from '@/lib/book-file/site-text';
import type { Book, Person } from './types';

/** schema.org's BookFormatType for what the file says of the format, when it says it plainly. */
function bookFormat(format: string | undefined): Book['bookFormat'] {
  if (!format) return undefined;
  if (/broch|poche/i.test(format)) return 'https://schema.org/Paperback';
  if (/reli/i.test(format)) return 'https://schema.org/Hardcover';
  if (/num[ée]rique|epub|e-?book|pdf/i.test(format)) return 'https://schema.org/EBook';
  return undefined;
}

/** The author as `Person`, with the page that presents them. */
export function personJsonLd(book: Pick<BookFile, 'author'>, siteUrl: string): Person & { '@context': 'https://schema.org' } {
  return { '@context': 'https://schema.org', '@type': 'Person', name: book.author, url: `${siteUrl}/auteur` };
}

/**
 * The book's `Book` (home, /livre): what content/livre.md holds, and nothing it does not; an
 * `Offer` only where a price is set, in stock from the release instant, pre-order before.
 */
export function bookJsonLd(book: BookFile, siteUrl: string, now: Date): Book {
  return {
    '@context': 'https://schema.org',
    '@type': 'Book',
    name: book.fullTitle,
    alternativeName: book.title,
    author: { '@type': 'Person', name: book.author, url: `${siteUrl}/auteur` },
    ...(book.prefaceBy ? { contributor: { '@type': 'Person' as const, name: book.prefaceBy } } : {}),
    datePublished: book.releaseDay,
    inLanguage: 'fr',
    ...(book.cover ? { image: `${siteUrl}${book.cover}` } : {}),
    url: `${siteUrl}/livre`,
    description: book.summary?.text ?? siteDescription(book),
    ...(book.isbn ? { isbn: book.isbn.isbn13 } : {}),
    ...(book.pages ? { numberOfPages: book.pages } : {}),
    ...(bookFormat(book.format) ? { bookFormat: bookFormat(book.format) } : {}),
    ...(book.publisher ? { publisher: { '@type': 'Organization' as const, name: book.publisher } } : {}),
    ...(book.price
      ? {
          offers: {
            '@type': 'Offer' as const,
            price: (book.price.cents / 100).toFixed(2),
            priceCurrency: 'EUR' as const,
            availability: isReleased(book, now) ? ('https://schema.org/InStock' as const) : ('https://schema.org/PreOrder' as const),
            url: `${siteUrl}/livre`,
          },
        }
      : {}),
  };
}
