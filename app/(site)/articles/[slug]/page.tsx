import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getArticle } from '@/lib/content/articles';
import { getBook } from '@/lib/book-file/get-book';
import { getThreadPage } from '@/lib/comments/queries';
import { articlePageMetadata } from '@/lib/structured-data/article-metadata';
import { ArticlePage } from '@/components/articles/article-page';

type Props = { params: Promise<{ slug: string }> };

// No page is rendered by the build (which has no database): each renders at its first request,
// then is served from the cache until a write to its comments (lib/cache/cache-handler.cjs).
export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getArticle((await params).slug);
  return article ? articlePageMetadata(article, await getBook()) : {};
}

/** The article and the page of its comments that new ones land on (see homePageOf). */
export default async function ArticleRoute({ params }: Props) {
  const article = await getArticle((await params).slug);
  if (!article) notFound();
  const thread = await getThreadPage(article, 'home');
  if (!thread) notFound();
  return <ArticlePage article={article} thread={thread} />;
}
