import type { Metadata } from 'next';
import { getConfig } from '@/lib/config';
import { getBook } from '@/lib/book-file/get-book';
import { isReleased } from '@/lib/book-file/release';
import { renderAgainAt } from '@/lib/cache/render-again-at';
import { bookJsonLd } from '@/lib/structured-data/book';
import { BookCover } from '@/components/book/book-cover';
import { BookDetails } from '@/components/book/book-details';
import { ReleaseStatus } from '@/components/book/release-status';
import { WhereToBuy } from '@/components/book/where-to-buy';
import { JsonLd } from '@/components/seo/json-ld';

export async function generateMetadata(): Promise<Metadata> {
  const book = await getBook();
  const description = book.summary?.text ?? `${book.fullTitle}, de ${book.author}${book.prefaceBy ? `, préface de ${book.prefaceBy}` : ''}.`;
  return { title: 'Le livre', description, alternates: { canonical: '/livre' }, openGraph: { title: book.fullTitle, description, url: '/livre' } };
}

/** The book's own page, from content/livre.md: cached like an article, until the release instant turns it. */
export default async function BookPage() {
  const book = await getBook();
  const now = new Date();
  if (!isReleased(book, now)) await renderAgainAt(book.release, now);
  return (
    <div className="page">
      <JsonLd data={bookJsonLd(book, getConfig().SITE_URL, now)} />
      <section className="book" aria-labelledby="livre">
        <BookCover book={book} />
        <div className="book__text">
          <h1 id="livre" className="book__title">
            {book.title}
            {book.subtitle ? <span className="book__subtitle">{book.subtitle}</span> : null}
          </h1>
          <p className="book__author">
            <a href="/auteur">{book.author}</a>
          </p>
          {book.prefaceBy ? <p>Préface de {book.prefaceBy}</p> : null}
          <ReleaseStatus book={book} now={now} />
        </div>
      </section>
      <div className="book-page">
        {book.summary || book.presentation ? (
          <section aria-labelledby="presentation" className="prose">
            <h2 id="presentation">Présentation</h2>
            {book.summary ? <div className="book__pitch" dangerouslySetInnerHTML={{ __html: book.summary.html }} /> : null}
            {book.presentation ? <div dangerouslySetInnerHTML={{ __html: book.presentation }} /> : null}
          </section>
        ) : null}
        <section aria-labelledby="details">
          <h2 id="details">Le livre en détail</h2>
          <BookDetails book={book} />
        </section>
        {book.contents ? (
          <section aria-labelledby="sommaire" className="prose">
            <h2 id="sommaire">Table des matières</h2>
            <div dangerouslySetInnerHTML={{ __html: book.contents }} />
          </section>
        ) : null}
        {book.excerpt ? (
          <p>
            <a href="/livre/extrait">Lire un extrait</a>
          </p>
        ) : null}
        <WhereToBuy book={book} now={now} />
        <p>
          <a href="/auteur">L’auteur, {book.author}</a>
        </p>
      </div>
    </div>
  );
}
