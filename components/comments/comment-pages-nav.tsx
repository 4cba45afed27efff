import { pageNeighbours, pageNumbersAround } from '@/lib/comments/paging';
import type { CommentOrder } from '@/lib/settings';

type Props = { page: number; pageCount: number; order: CommentOrder; pathOf: (page: number) => string; label?: string };

/** Links between pages of comments: plain links, so that it works without JavaScript. */
export function CommentPagesNav({ page, pageCount, order, pathOf, label = 'Pages des commentaires' }: Props) {
  if (pageCount <= 1) return null;
  const { previous, next, olderPage, newerPage } = pageNeighbours(page, pageCount, order);
  const relOf = (target: number) => (target === previous ? 'prev' : target === next ? 'next' : undefined);
  return (
    <nav aria-label={label} className="pagination comment-pages">
      {olderPage ? (
        <a href={pathOf(olderPage)} rel={relOf(olderPage)}>
          ← Commentaires plus anciens
        </a>
      ) : null}
      <ol className="comment-pages__numbers">
        {pageNumbersAround(page, pageCount).map((number, index) =>
          number === null ? (
            <li key={`gap-${index}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={number}>
              {number === page ? (
                <span aria-current="page">{number}</span>
              ) : (
                <a href={pathOf(number)}>
                  <span className="visually-hidden">Page </span>
                  {number}
                </a>
              )}
            </li>
          ),
        )}
      </ol>
      {newerPage ? (
        <a href={pathOf(newerPage)} rel={relOf(newerPage)}>
          Commentaires plus récents →
        </a>
      ) : null}
    </nav>
  );
}

/** `<link rel="prev|next">` of a page of comments (React places them in the head). */
export function CommentPagesLinks({ page, pageCount, pathOf }: Pick<Props, 'page' | 'pageCount' | 'pathOf'>) {
  return (
    <>
      {page > 1 ? <link rel="prev" href={pathOf(page - 1)} /> : null}
      {page < pageCount ? <link rel="next" href={pathOf(page + 1)} /> : null}
    </>
  );
}
