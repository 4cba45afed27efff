import type { Article } from '@/lib/content/articles';
import { formatDate, toIsoDate } from '@/lib/format-date';

type Props = { article: Pick<Article, 'title' | 'kicker' | 'author' | 'date' | 'html'> };

export function ArticleView({ article }: Props) {
  return (
    <article className="article">
      <header className="article__header">
        {article.kicker ? <p className="article__kicker">{article.kicker}</p> : null}
        <h1 className="article__title">{article.title}</h1>
        <p className="article__byline">
          Par {article.author}, le <time dateTime={toIsoDate(article.date)}>{formatDate(article.date)}</time>
        </p>
      </header>
      {/* Rendered at build time from our own Markdown, sanitised by rehype-sanitize. */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: article.html }} />
    </article>
  );
}
