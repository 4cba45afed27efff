import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { getArticle } from '@/lib/content/articles';
import { getThreadPage } from '@/lib/comments/queries';
import { commentPagePath, parsePageNumber } from '@/lib/comments/paging';
import { articlePageMetadata } from '@/lib/structured-data/article-metadata';
import { ArticlePage } from '@/components/articles/article-page';

type Props = { params: Promise<{ slug: string; page: string }> };

// Rendered at their first request and cached like the article (see ../../../page.tsx).
export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, page } = await params;
  const article = await getArticle(slug);
  const number = parsePageNumber(page);
  return article && number ? articlePageMetadata(article, number) : {};
}

/** Page n ≥ 2 of an article's comments, under the article. Page 1 is the article's own address. */
export default async function CommentPageRoute({ params }: Props) {
  const { slug, page } = await params;
  const article = await getArticle(slug);
  const number = parsePageNumber(page);
  if (!article || !number) notFound();
  if (number === 1) permanentRedirect(commentPagePath(slug, 1)); // next.config.ts answers it first
  const thread = await getThreadPage(article, number);
  if (!thread) notFound();
  return <ArticlePage article={article} thread={thread} />;
}
