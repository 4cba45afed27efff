import { BOOK } from '@/lib/book';
import { formatDate } from '@/lib/format-date';
import { SHARE_IMAGE_SIZE, renderBookShareImage } from '@/lib/og/share-image';

export const alt = `Couverture du livre ${BOOK.fullTitle}, de ${BOOK.author}`;
export const size = SHARE_IMAGE_SIZE;
export const contentType = 'image/png';

/** The share image of every page that has none of its own: the book. */
export default function Image() {
  return renderBookShareImage(formatDate(new Date(`${BOOK.publishedOn}T00:00:00Z`)));
}
