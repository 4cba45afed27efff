import type { ContentPage } from '@/lib/privacy/legal-pages';
import { formatDate, toIsoDate } from '@/lib/format-date';

type Props = { page: Pick<ContentPage, 'title' | 'updated' | 'html'> };

/** A page of content/pages/ (legal notice, privacy policy): set like an article, without comments. */
export function ContentPageView({ page }: Props) {
  return (
    <div className="page">
      <article className="article">
        <header className="article__header">
          <h1 className="article__title">{page.title}</h1>
          <p className="article__byline">
            Mise à jour le <time dateTime={toIsoDate(page.updated)}>{formatDate(page.updated)}</time>
          </p>
        </header>
        {/* Our own Markdown, its placeholders filled in as text, sanitised by rehype-sanitize. */}
        <div className="prose" dangerouslySetInnerHTML={{ __html: page.html }} />
      </article>
    </div>
  );
}
