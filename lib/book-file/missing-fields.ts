import type { Book } from './parse-book-file';

export type MissingField = { field: keyof Book; label: string };

const LABELS: [keyof Book, string][] = [
  ['subtitle', 'Sous-titre'],
  ['prefaceBy', 'Préface de'],
  ['publisher', 'Éditeur'],
  ['collection', 'Collection'],
  ['isbn', 'ISBN'],
  ['pages', 'Nombre de pages'],
  ['format', 'Format'],
  ['price', 'Prix'],
  ['cover', 'Couverture'],
  ['coverAlt', 'Description de la couverture'],
  ['buy', 'Où acheter'],
  ['summary', 'Présentation courte'],
  ['presentation', 'Présentation'],
  ['contents', 'Table des matières'],
  ['excerpt', 'Extrait'],
  ['authorBio', 'L’auteur'],
];

/** The facts content/livre.md does not give yet, in the file's order, for the author's dashboard. */
export function missingFields(book: Book): MissingField[] {
  return LABELS.filter(([field]) => {
    if (field === 'buy') return book.buy.length === 0;
    // A description of the cover matters only once there is a cover.
    if (field === 'coverAlt') return book.cover !== undefined && book.coverAlt === undefined;
    return book[field] === undefined;
  }).map(([field, label]) => ({ field, label }));
}
