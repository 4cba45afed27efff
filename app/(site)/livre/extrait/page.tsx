import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getBook } from '@/lib/book-file/get-book';

export async function generateMetadata(): Promise<Metadata> {
  const book = await getBook();
  return book.excerpt ? { title: 'Extrait', description: `Un extrait de « ${book.fullTitle} », de ${book.author}.`, alternates: { canonical: '/livre/extrait' } } : {};
}

/** The excerpt, only once the file holds one: otherwise this address does not exist (and nothing links to it). */
export default async function ExcerptPage() {
  const book = await getBook();
  if (!book.excerpt) notFound();
  return (
    <article className="page article">
      <header className="article__header">
        <p className="article__kicker">Extrait</p>
        <h1 className="article__title">{book.fullTitle}</h1>
        <p className="article__byline">{book.author}</p>
      </header>
      <div className="prose" dangerouslySetInnerHTML={{ __html: book.excerpt }} />
      <p>
        <a href="/livre">Le livre : présentation, où le trouver</a>
      </p>
    </article>
  );
}
