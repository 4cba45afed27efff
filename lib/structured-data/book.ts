import { BOOK, SITE_DESCRIPTION } from '@/lib/book';
import type { Book } from './types';

/** The home page's `Book`: the facts of lib/book.ts, with absolute URLs. */
export function bookJsonLd(siteUrl: string): Book {
  return {
    '@context': 'https://schema.org',
    '@type': 'Book',
    name: BOOK.fullTitle,
    alternativeName: BOOK.title,
    author: { '@type': 'Person', name: BOOK.author },
    datePublished: BOOK.publishedOn,
    inLanguage: 'fr',
    image: `${siteUrl}${BOOK.cover}`,
    url: `${siteUrl}/`,
    description: SITE_DESCRIPTION,
  };
}
