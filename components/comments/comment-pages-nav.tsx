import { pageNeighbours, pageNumbersAround } from '@/lib/comments/paging';

type Props = { page: number; pageCount: number; pathOf: (page: number) => string; label?: string; latestLabel?: string };

/** Links between pages of comments, oldest on the left: plain links, so that it works without JavaScript. */
export function CommentPagesNav({ page, pageCount, pathOf, label = 'Pages des commentaires', latestLabel = 'Derniers commentaires' }: Props) {
  if (pageCount <= 1) return null;
  const { previous, next } = pageNeighbours(page, pageCount);
  return (
    <nav aria-label={label} className="pagination comment-pages">
      {previous ? (
        <a href={pathOf(previous)} rel="prev">
          ← Commentaires plus anciens
        </a>
      ) : null}
      <ol className="comment-pages__numbers">
        {pageNumbersAround(page, pageCount).map((item, index) =>
          item === null ? (
            <li key={`gap-${index}`} aria-hidden="true">
              …
            </li>
          ) : item === 'latest' ? (
            <li key="latest" className="comment-pages__latest">
              <a href={pathOf(pageCount)}>{latestLabel}</a>
            </li>
          ) : (
            <li key={item}>
              {item === page ? (
                <span aria-current="page">{item}</span>
              ) : (
                <a href={pathOf(item)}>
                  <span className="visually-hidden">Page </span>
                  {item}
                </a>
              )}
            </li>
          ),
        )}
      </ol>
      {next ? (
        <a href={pathOf(next)} rel="next">
          Commentaires plus récents →
        </a>
      ) : null}
    </nav>
  );
}

/** `<link rel="prev|next">` of a page of comments (React places them in the head). */
export function CommentPagesLinks({ page, pageCount, pathOf }: Pick<Props, 'page' | 'pageCount' | 'pathOf'>) {
  const { previous, next } = pageNeighbours(page, pageCount);
  return (
    <>
      {previous ? <link rel="prev" href={pathOf(previous)} /> : null}
      {next ? <link rel="next" href={pathOf(next)} /> : null}
    </>
  );
}
