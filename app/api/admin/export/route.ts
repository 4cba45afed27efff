import { db } from '@/lib/db';
import { getConfig } from '@/lib/config';
import { getAnyArticle, listAllArticles } from '@/lib/content/articles';
import { getBook } from '@/lib/book-file/get-book';
import { siteDescription } from '@/lib/book-file/site-text';
import { authorizeAdminRequest } from '@/lib/admin/api-guard';
import { EXPORT_CONTENT_TYPES, streamCommentsExport } from '@/lib/admin/export/csv-json';
import { streamFullExport } from '@/lib/admin/export/full';
import { streamWxrExport } from '@/lib/admin/export/wxr';

function download(body: ReadableStream<Uint8Array>, type: string, name: string) {
  return new Response(body, { headers: { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' } });
}

/**
 * `GET /api/admin/export?format=json|csv[&article=<slug>]`: a download of the comments, streamed.
 * `format=complet` (the whole site, read back by the import) and `format=wxr` (for WordPress).
 */
export async function GET(request: Request) {
  const author = await authorizeAdminRequest(request, { isWrite: false });
  if (author instanceof Response) return author;
  const url = new URL(request.url);
  const requested = url.searchParams.get('format');
  const today = new Date().toISOString().slice(0, 10);
  const { SITE_URL } = getConfig();
  if (requested === 'complet') return download(streamFullExport(db, SITE_URL), EXPORT_CONTENT_TYPES.json, `commentaires-complet-${today}.json`);
  if (requested === 'wxr') {
    const book = await getBook();
    const site = { title: book.fullTitle, url: SITE_URL, description: siteDescription(book) };
    return download(streamWxrExport(db, await listAllArticles(), site), 'application/rss+xml; charset=utf-8', `commentaires-wordpress-${today}.xml`);
  }
  const format = requested === 'csv' ? 'csv' : 'json';
  const slug = url.searchParams.get('article') ?? undefined;
  if (slug && !(await getAnyArticle(slug))) return Response.json({ error: "Cet article n'existe pas." }, { status: 404 });

  return download(streamCommentsExport(db, format, slug), EXPORT_CONTENT_TYPES[format], `commentaires-${slug ?? 'site'}-${today}.${format}`);
}
