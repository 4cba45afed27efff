import { getBook } from '@/lib/book-file/get-book';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getArticle } from '@/lib/content/articles';
import { getThreadPage } from '@/lib/comments/queries';
import { threadPagePath } from '@/lib/comments/paging';
import { parsePageNumber } from '@/lib/http/search-params';
import { articlePageMetadata } from '@/lib/structured-data/article-metadata';
import { ArticlePage } from '@/components/articles/article-page';

type Props = { params: Promise<{ slug: string; page: string }> };

// Rendered at their first request and cached like the article (see ../../../page.tsx).
export async function generateStaticParams() {
  return [];
}

async function pageOf(params: Props['params']) {
  const { slug, page } = await params;
  const article = await getArticle(slug);
  const number = parsePageNumber(page);
  const thread = article && number ? await getThreadPage(article, number) : null;
  return article && thread ? { article, thread } : null;
}

/** The page the article shows has the article's address as canonical: no redirect from a cached page. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await pageOf(params);
  if (!found) return {};
  const { article, thread } = found;
  return articlePageMetadata(article, await getBook(), { page: thread.page, url: threadPagePath(article.slug, thread)(thread.page) });
}

/** Page n of an article's comments, under the article; the article's address shows the page new comments land on. */
export default async function CommentPageRoute({ params }: Props) {
  const found = await pageOf(params);
  if (!found) notFound();
  return <ArticlePage article={found.article} thread={found.thread} />;
}
