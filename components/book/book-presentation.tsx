import { BOOK } from '@/lib/book';
import { formatDate } from '@/lib/format-date';

export function BookPresentation() {
  const publishedOn = new Date(`${BOOK.publishedOn}T00:00:00Z`);
  return (
    <section className="book" aria-labelledby="livre">
      {/* eslint-disable-next-line @next/next/no-img-element -- an SVG, drawn at its size: nothing to optimise */}
      <img className="book__cover" src={BOOK.cover} width={240} height={360} alt={`Couverture du livre ${BOOK.fullTitle}`} />
      <div className="book__text">
        <h1 id="livre" className="book__title">
          {BOOK.title}
          <span className="book__subtitle">{BOOK.subtitle}</span>
        </h1>
        <p className="book__author">{BOOK.author}</p>
        <p className="book__date">
          En librairie le <time dateTime={BOOK.publishedOn}>{formatDate(publishedOn)}</time>
        </p>
        <p>Préface de {BOOK.prefaceBy}</p>
        <p className="book__pitch">
          Le marketing 2.0 n’est pas le marketing du Web 2.0 : c’est celui d’une civilisation où les conversations priment
          sur la communication verticale, où les consommateurs veulent être associés aux produits qu’ils utilisent.
        </p>
      </div>
    </section>
  );
}
