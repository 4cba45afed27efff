import { getBook } from '@/lib/book-file/get-book';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getContentPage } from '@/lib/privacy/legal-pages';
import { contentPageMetadata } from '@/lib/structured-data/article-metadata';
import { ContentPageView } from '@/components/pages/content-page-view';

const SLUG = 'confidentialite';

export async function generateMetadata(): Promise<Metadata> {
  const page = await getContentPage(SLUG);
  return page ? contentPageMetadata(page, await getBook()) : {};
}

/** La politique de confidentialité (content/pages/confidentialite.md), filled in from the configuration. */
export default async function PrivacyPolicyRoute() {
  const page = await getContentPage(SLUG);
  if (!page) notFound();
  return <ContentPageView page={page} />;
}
