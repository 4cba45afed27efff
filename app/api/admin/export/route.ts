import { db } from '@/lib/db';
import { getArticle } from '@/lib/content/articles';
import { authorizeAdminRequest } from '@/lib/admin/api-guard';
import { readCommentsForExport, toCsv } from '@/lib/admin/export';

/** `GET /api/admin/export?format=json|csv[&article=<slug>]`: a download of the comments. */
export async function GET(request: Request) {
  const author = await authorizeAdminRequest(request, { isWrite: false });
  if (author instanceof Response) return author;
  const url = new URL(request.url);
  const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'json';
  const slug = url.searchParams.get('article') ?? undefined;
  if (slug && !(await getArticle(slug))) return Response.json({ error: "Cet article n'existe pas." }, { status: 404 });

  const rows = await readCommentsForExport(db, slug);
  const name = `commentaires-${slug ?? 'site'}-${new Date().toISOString().slice(0, 10)}.${format}`;
  const headers = { 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' };
  if (format === 'csv') return new Response(toCsv(rows), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
  return Response.json(rows, { headers });
}
