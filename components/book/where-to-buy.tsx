import type { Book } from '@/lib/book-file/parse-book-file';
import { isReleased } from '@/lib/book-file/release';
import { searchLinks } from '@/lib/book-file/where-to-buy';

/**
 * Where to get the book: the booksellers the file lists, or else searches of the title at a few
 * French booksellers (a search, not a claim that they hold it); the ISBN, written out for a
 * bookseller's counter. Plain links: no script, no tracking, nothing loaded from elsewhere.
 */
export function WhereToBuy({ book, now }: { book: Book; now: Date }) {
  const released = isReleased(book, now);
  const listed = book.buy.filter((shop) => released || shop.preorder);
  const searches = listed.length === 0 ? searchLinks(book) : [];
  return (
    <section aria-labelledby="ou-acheter" className="where-to-buy">
      <h2 id="ou-acheter">{released ? 'Où le trouver' : 'Le précommander'}</h2>
      {book.isbn ? (
        <p className="where-to-buy__isbn">
          Chez votre libraire, donnez l’ISBN : <strong>{book.isbn.isbn13}</strong>
        </p>
      ) : (
        <p>
          Chez votre libraire, demandez « {book.fullTitle} », de {book.author}.
        </p>
      )}
      {listed.length > 0 ? (
        <ul>
          {listed.map((shop) => (
            <li key={shop.url}>
              <a href={shop.url} rel="noopener">
                {shop.name}
              </a>
              {!released ? ' (précommande)' : null}
            </li>
          ))}
        </ul>
      ) : (
        <>
          <p>Ou cherchez-le chez ces libraires en ligne :</p>
          <ul>
            {searches.map((shop) => (
              <li key={shop.url}>
                <a href={shop.url} rel="noopener">
                  Chercher chez {shop.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
