import type { ArticleSummary } from '@/lib/content/articles';
import { formatCommentCount } from '@/lib/comments/format';
import { formatDate, toIsoDate } from '@/lib/format-date';

type Props = {
  articles: Pick<ArticleSummary, 'slug' | 'title' | 'date' | 'description'>[];
  commentCounts: Record<string, number>;
  heading?: string;
  /** Below the list (the home page's « Nouveaux articles » form). */
  children?: React.ReactNode;
};

export function ArticleList({ articles, commentCounts, heading = 'Articles', children }: Props) {
  return (
    <section className="articles" aria-labelledby="articles">
      <h2 id="articles">{heading}</h2>
      <ol className="article-list">
        {articles.map((article) => (
          <li key={article.slug} className="article-card">
            <h3 className="article-card__title">
              <a href={`/articles/${article.slug}`}>{article.title}</a>
            </h3>
            <p className="article-card__meta">
              <time dateTime={toIsoDate(article.date)}>{formatDate(article.date)}</time>
              <span aria-hidden="true"> · </span>
              <a href={`/articles/${article.slug}#commentaires`} className="article-card__comments">
                {formatCommentCount(commentCounts[article.slug] ?? 0)}
                <span className="visually-hidden"> sur « {article.title} »</span>
              </a>
            </p>
            <p className="article-card__description">{article.description}</p>
          </li>
        ))}
      </ol>
      {children}
    </section>
  );
}
