import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireAuthor } from '@/lib/auth';
import { getAnyArticle } from '@/lib/content/articles';
import { publicationState } from '@/lib/content/load-articles';
import { formatDateTime } from '@/lib/format-date';
import { ArticleView } from '@/components/articles/article-view';

type Props = { params: Promise<{ slug: string }> };

// Signed-in only, under /admin: never stored by Next's cache nor by nginx, and never indexed.
export const metadata: Metadata = { title: 'Aperçu', robots: { index: false, follow: false } };

export default async function ArticlePreview({ params }: Props) {
  await requireAuthor();
  const article = await getAnyArticle((await params).slug);
  if (!article) notFound();
  const state = publicationState(article, new Date());
  return (
    <>
      <p className="preview-band" role="status">
        Aperçu —{' '}
        {state === 'draft'
          ? 'brouillon : les lecteurs ne voient pas cet article.'
          : state === 'scheduled'
            ? `programmé : les lecteurs le verront le ${formatDateTime(article.publishAt)}.`
            : 'cet article est publié.'}
      </p>
      <ArticleView article={article} />
    </>
  );
}
