import type { Book } from '@/lib/book-file/parse-book-file';
import { isReleased } from '@/lib/book-file/release';
import { formatParisDay } from '@/lib/format-date';
import { SiteListForm } from '@/components/subscriptions/site-list-form';

type Props = { book: Book; now: Date; withForm?: boolean };

/**
 * « À paraître le … » with the form to be told, or « En librairie depuis le … »: the page that
 * shows it renders again at the release instant (renderAgainAt), so it turns by itself.
 */
export function ReleaseStatus({ book, now, withForm = true }: Props) {
  const day = <time dateTime={book.releaseDay}>{formatParisDay(book.release)}</time>;
  if (isReleased(book, now)) {
    return <p className="book__date">En librairie depuis le {day}</p>;
  }
  const preorders = book.buy.filter((shop) => shop.preorder);
  return (
    <div className="release">
      <p className="book__date">À paraître le {day}</p>
      {preorders.length > 0 ? (
        <p>
          Précommander :{' '}
          {preorders.map((shop, index) => (
            <span key={shop.url}>
              {index > 0 ? ' · ' : null}
              <a href={shop.url} rel="noopener">
                {shop.name}
              </a>
            </span>
          ))}
        </p>
      ) : null}
      {withForm ? <SiteListForm list="release" label="Prévenez-moi de la parution" explanation="Un seul e-mail, le jour de la parution." /> : null}
    </div>
  );
}
