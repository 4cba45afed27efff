import { getBook } from '@/lib/book-file/get-book';
import { releaseLine } from '@/lib/book-file/site-text';
import { SHARE_IMAGE_SIZE, renderBookShareImage } from '@/lib/og/share-image';

export const alt = 'La couverture du livre, son titre, son auteur et sa date de parution';
export const size = SHARE_IMAGE_SIZE;
export const contentType = 'image/png';

/** The share image of every page that has none of its own: the book. */
export default async function Image() {
  const book = await getBook();
  return renderBookShareImage(book, releaseLine(book));
}
