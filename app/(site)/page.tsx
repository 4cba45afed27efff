import type { Metadata } from 'next';
import { getConfig } from '@/lib/config';
import { listArticles } from '@/lib/content/articles';
import { getCommentCounts } from '@/lib/comments/queries';
import { feedAlternates } from '@/lib/feeds/links';
import { bookJsonLd } from '@/lib/structured-data/book';
import { BookPresentation } from '@/components/book/book-presentation';
import { ArticleList } from '@/components/articles/article-list';
import { JsonLd } from '@/components/seo/json-ld';

export const metadata: Metadata = {
  alternates: { canonical: '/', types: feedAlternates() },
};

export default async function HomePage() {
  const articles = await listArticles();
  const counts = await getCommentCounts(articles);
  return (
    <div className="page">
      <JsonLd data={bookJsonLd(getConfig().SITE_URL)} />
      <BookPresentation />
      <ArticleList articles={articles} commentCounts={counts} />
    </div>
  );
}
