import { listArticleSlugs } from '@/lib/content/articles';
import { renderArticleImage } from '@/lib/og/article-image';

// The same picture as opengraph-image, at an address without a build hash, for the JSON-LD.
export const dynamic = 'force-static';
export const dynamicParams = false;

export async function generateStaticParams() {
  return (await listArticleSlugs()).map((slug) => ({ slug }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return (await renderArticleImage((await params).slug)) ?? new Response('Image introuvable.', { status: 404 });
}
