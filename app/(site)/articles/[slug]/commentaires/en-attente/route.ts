import { db } from '@/lib/db';
import { getArticle } from '@/lib/content/articles';
import { readOwnHeldComments } from '@/lib/comments/held/cookies';

type Context = { params: Promise<{ slug: string }> };

/** This browser's own: never kept by a cache, shared or not (nginx passes it through, deploy/nginx). */
const PRIVATE = { 'Cache-Control': 'private, no-store' };

/**
 * The comments this browser wrote that still wait for the author, for the article's script to show
 * them to their writer alone (lib/comments/held/marker.ts). It reads the signed cookie, so Next
 * answers each request itself; a forged or missing cookie gets an empty list.
 */
export async function GET(_request: Request, { params }: Context) {
  const { slug } = await params;
  if (!(await getArticle(slug))) return Response.json({ error: "Cet article n'existe pas." }, { status: 404, headers: PRIVATE });
  return Response.json({ comments: await readOwnHeldComments(db, slug) }, { headers: PRIVATE });
}
