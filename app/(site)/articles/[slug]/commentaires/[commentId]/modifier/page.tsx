import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { db } from '@/lib/db';
import { getArticle } from '@/lib/content/articles';
import { readEditSecret } from '@/lib/comments/own/cookies';
import { getOwnComment } from '@/lib/comments/own/comment';
import { parseCommentId } from '@/lib/comments/paging';
import { OwnCommentPage } from '@/components/comments/own/comment-page';

type Props = { params: Promise<{ slug: string; commentId: string }> };

export const metadata: Metadata = { title: 'Modifier votre commentaire', robots: { index: false } };

/**
 * The writer's page for their comment, within its window. It reads the comment's secret cookie, so
 * Next renders it for each request and nothing caches it (nginx keeps only Next's cache hits).
 */
export default async function EditOwnCommentRoute({ params }: Props) {
  const { slug, commentId } = await params;
  const article = await getArticle(slug);
  const id = parseCommentId(commentId);
  if (!article || !id) notFound();
  const found = await getOwnComment(db, slug, id, await readEditSecret(id));
  return <OwnCommentPage article={article} commentId={id} mode="edit" found={found} />;
}
