import type { Metadata } from 'next';
import { getConfig } from '@/lib/config';
import { getBook } from '@/lib/book-file/get-book';
import { listArticles } from '@/lib/content/articles';
import { getCommentCounts } from '@/lib/comments/queries';
import { personJsonLd } from '@/lib/structured-data/book';
import { ArticleList } from '@/components/articles/article-list';
import { JsonLd } from '@/components/seo/json-ld';

export async function generateMetadata(): Promise<Metadata> {
  const book = await getBook();
  return { title: book.author, description: `${book.author}, auteur de « ${book.fullTitle} » : sa présentation et ses articles.`, alternates: { canonical: '/auteur' } };
}

/** What the book's file says of its author, and the author's articles on the site. */
export default async function AuthorPage() {
  const book = await getBook();
  const articles = (await listArticles()).filter((article) => article.author === book.author);
  const counts = await getCommentCounts(articles);
  return (
    <div className="page">
      <JsonLd data={personJsonLd(book, getConfig().SITE_URL)} />
      <h1>{book.author}</h1>
      <p>
        Auteur de <a href="/livre">« {book.fullTitle} »</a>
        {book.prefaceBy ? `, préfacé par ${book.prefaceBy}` : ''}.
      </p>
      {book.authorBio ? <div className="prose" dangerouslySetInnerHTML={{ __html: book.authorBio }} /> : null}
      {articles.length > 0 ? <ArticleList articles={articles} commentCounts={counts} heading="Ses articles" /> : null}
    </div>
  );
}
