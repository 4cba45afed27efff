import { db } from '@/lib/db';
import { getArticle } from '@/lib/content/articles';
import { authorizeAdminRequest } from '@/lib/admin/api-guard';
import { EXPORT_CONTENT_TYPES, streamCommentsExport } from '@/lib/admin/export';

/** `GET /api/admin/export?format=json|csv[&article=<slug>]`: a download of the comments, streamed. */
export async function GET(request: Request) {
  const author = await authorizeAdminRequest(request, { isWrite: false });
  if (author instanceof Response) return author;
  const url = new URL(request.url);
  const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'json';
  const slug = url.searchParams.get('article') ?? undefined;
  if (slug && !(await getArticle(slug))) return Response.json({ error: "Cet article n'existe pas." }, { status: 404 });

  const name = `commentaires-${slug ?? 'site'}-${new Date().toISOString().slice(0, 10)}.${format}`;
  return new Response(streamCommentsExport(db, format, slug), {
    headers: { 'Content-Type': EXPORT_CONTENT_TYPES[format], 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' },
  });
}
