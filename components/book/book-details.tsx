import type { Book } from '@/lib/book-file/parse-book-file';
import { formatParisDay } from '@/lib/format-date';

/** The facts the file holds, in a table; an empty one is left out. */
export function BookDetails({ book }: { book: Book }) {
  const rows: [string, React.ReactNode][] = [
    ['Titre', book.fullTitle],
    ['Auteur', book.author],
    ...(book.prefaceBy ? [['Préface', book.prefaceBy] as [string, string]] : []),
    ['Parution', <time key="release" dateTime={book.releaseDay}>{formatParisDay(book.release)}</time>],
    ...(book.publisher ? [['Éditeur', book.publisher] as [string, string]] : []),
    ...(book.collection ? [['Collection', book.collection] as [string, string]] : []),
    ...(book.format ? [['Format', book.format] as [string, string]] : []),
    ...(book.pages ? [['Pages', String(book.pages)] as [string, string]] : []),
    ...(book.isbn ? [['ISBN-13', book.isbn.isbn13] as [string, string]] : []),
    ...(book.isbn?.isbn10 ? [['ISBN-10', book.isbn.isbn10] as [string, string]] : []),
    ...(book.price ? [['Prix', book.price.display] as [string, string]] : []),
  ];
  return (
    <table className="book-details">
      <caption className="visually-hidden">Le livre en détail</caption>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
