import { notFound } from 'next/navigation';
import { listArticleSlugs } from '@/lib/content/articles';
import { renderArticleImage } from '@/lib/og/article-image';
import { SHARE_IMAGE_SIZE } from '@/lib/og/share-image';

export const alt = 'Le titre de l’article, son auteur et sa date, à côté de la couverture du livre';
export const size = SHARE_IMAGE_SIZE;
export const contentType = 'image/png';

export async function generateStaticParams() {
  return (await listArticleSlugs()).map((slug) => ({ slug }));
}

/** An article's share image, drawn at build time. */
export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  return (await renderArticleImage((await params).slug)) ?? notFound();
}
