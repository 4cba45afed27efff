import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { getArticle } from '@/lib/content/articles';
import { getRepliesPage } from '@/lib/comments/queries';
import { parseCommentId, repliesPagePath } from '@/lib/comments/paging';
import { parsePageNumber } from '@/lib/http/search-params';
import { RepliesPageView } from '@/components/comments/replies-page-view';

type Props = { params: Promise<{ slug: string; commentId: string; page: string }> };

export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, commentId, page } = await params;
  const article = await getArticle(slug);
  const id = parseCommentId(commentId);
  const number = parsePageNumber(page);
  if (!article || !id || !number) return {};
  return { title: `Réponses, page ${number} — ${article.title}`, alternates: { canonical: repliesPagePath(slug, id, number) } };
}

/** Page n ≥ 2 of a comment's replies; page 1 has the shorter address. */
export default async function RepliesPageRoute({ params }: Props) {
  const { slug, commentId, page } = await params;
  const article = await getArticle(slug);
  const id = parseCommentId(commentId);
  const number = parsePageNumber(page);
  if (!article || !id || !number) notFound();
  if (number === 1) permanentRedirect(repliesPagePath(slug, id));
  const replies = await getRepliesPage(slug, id, number);
  if (!replies) notFound();
  return <RepliesPageView article={article} replies={replies} />;
}
