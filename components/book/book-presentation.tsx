import type { Book } from '@/lib/book-file/parse-book-file';
import { ReleaseStatus } from './release-status';
import { BookCover } from './book-cover';

/** The home page's book: cover, title, author, preface, the release, the short presentation, and the way to the book's page. */
export function BookPresentation({ book, now }: { book: Book; now: Date }) {
  return (
    <section className="book" aria-labelledby="livre">
      <BookCover book={book} />
      <div className="book__text">
        <h1 id="livre" className="book__title">
          {book.title}
          {book.subtitle ? <span className="book__subtitle">{book.subtitle}</span> : null}
        </h1>
        <p className="book__author">{book.author}</p>
        {book.prefaceBy ? <p>Préface de {book.prefaceBy}</p> : null}
        <ReleaseStatus book={book} now={now} />
        {book.summary ? <div className="book__pitch prose" dangerouslySetInnerHTML={{ __html: book.summary.html }} /> : null}
        <p>
          <a href="/livre" className="book__more">
            Découvrir le livre<span className="visually-hidden"> « {book.fullTitle} »</span> : présentation, où le trouver
          </a>
        </p>
      </div>
    </section>
  );
}
