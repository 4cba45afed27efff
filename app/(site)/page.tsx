import type { Metadata } from 'next';
import { getConfig } from '@/lib/config';
import { getBook } from '@/lib/book-file/get-book';
import { isReleased } from '@/lib/book-file/release';
import { renderAgainAt } from '@/lib/cache/render-again-at';
import { listArticles } from '@/lib/content/articles';
import { getCommentCounts } from '@/lib/comments/queries';
import { feedAlternates } from '@/lib/feeds/links';
import { bookJsonLd } from '@/lib/structured-data/book';
import { BookPresentation } from '@/components/book/book-presentation';
import { ArticleList } from '@/components/articles/article-list';
import { SiteListForm } from '@/components/subscriptions/site-list-form';
import { JsonLd } from '@/components/seo/json-ld';

export async function generateMetadata(): Promise<Metadata> {
  return { alternates: { canonical: '/', types: feedAlternates(await getBook()) } };
}

export default async function HomePage() {
  const book = await getBook();
  const now = new Date();
  // The release turns the page by itself; a scheduled article does the same through listArticles.
  if (!isReleased(book, now)) await renderAgainAt(book.release, now);
  const articles = await listArticles(now);
  const counts = await getCommentCounts(articles);
  return (
    <div className="page">
      <JsonLd data={bookJsonLd(book, getConfig().SITE_URL, now)} />
      <BookPresentation book={book} now={now} />
      <ArticleList articles={articles} commentCounts={counts}>
        <aside aria-labelledby="nouveaux-articles" className="new-articles">
          <h3 id="nouveaux-articles">Nouveaux articles</h3>
          <SiteListForm list="new-articles" label="Prévenez-moi des nouveaux articles" explanation="Un e-mail à la parution de chaque article (titre, résumé, lien)." />
        </aside>
      </ArticleList>
    </div>
  );
}
