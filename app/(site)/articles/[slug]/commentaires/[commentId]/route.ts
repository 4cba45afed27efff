import { db } from '@/lib/db';
import { getArticle } from '@/lib/content/articles';
import { commentPlacePath, parseCommentId } from '@/lib/comments/paging';
import { locateComment } from '@/lib/comments/thread-page';

type Context = { params: Promise<{ slug: string; commentId: string }> };

/**
 * A comment's permanent address: a temporary redirect to the page that shows it now (the page
 * changes as the thread grows or the author's settings change), anchored on it.
 */
export async function GET(_request: Request, { params }: Context) {
  const { slug, commentId } = await params;
  const id = parseCommentId(commentId);
  const article = await getArticle(slug);
  const place = article && id ? await locateComment(db, slug, id) : null;
  if (!place || !id) return new Response('Ce commentaire n’existe pas ou n’est pas publié.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(null, { status: 307, headers: { Location: commentPlacePath(slug, id, place), 'Cache-Control': 'no-store' } });
}
