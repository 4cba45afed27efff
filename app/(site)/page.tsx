import { listArticles } from '@/lib/content/articles';
import { getCommentCounts } from '@/lib/comments/queries';
import { BookPresentation } from '@/components/book/book-presentation';
import { ArticleList } from '@/components/articles/article-list';

export default async function HomePage() {
  const articles = await listArticles();
  const counts = await getCommentCounts(articles);
  return (
    <div className="page">
      <BookPresentation />
      <ArticleList articles={articles} commentCounts={counts} />
    </div>
  );
}
