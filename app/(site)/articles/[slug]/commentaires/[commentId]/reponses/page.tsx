import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getArticle } from '@/lib/content/articles';
import { getRepliesPage } from '@/lib/comments/queries';
import { parseCommentId, repliesPagePath } from '@/lib/comments/paging';
import { RepliesPageView } from '@/components/comments/replies-page-view';

type Props = { params: Promise<{ slug: string; commentId: string }> };

export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, commentId } = await params;
  const article = await getArticle(slug);
  const id = parseCommentId(commentId);
  if (!article || !id) return {};
  return { title: `Réponses — ${article.title}`, alternates: { canonical: repliesPagePath(slug, id) } };
}

/** Page 1 of a comment's replies. */
export default async function RepliesRoute({ params }: Props) {
  const { slug, commentId } = await params;
  const article = await getArticle(slug);
  const id = parseCommentId(commentId);
  if (!article || !id) notFound();
  const replies = await getRepliesPage(slug, id, 1);
  if (!replies) notFound();
  return <RepliesPageView article={article} replies={replies} />;
}
