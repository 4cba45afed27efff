import 'server-only';
import { getArticle } from '@/lib/content/articles';
import { getBook } from '@/lib/book-file/get-book';
import { formatDate } from '@/lib/format-date';
import { renderArticleShareImage } from './share-image';

/** An article's share image, or `undefined` for an unknown slug. */
export async function renderArticleImage(slug: string) {
  const article = await getArticle(slug);
  if (!article) return undefined;
  return renderArticleShareImage({
    title: article.title,
    kicker: article.kicker,
    byline: `Par ${article.author}, le ${formatDate(article.date)}`,
    book: await getBook(),
  });
}
