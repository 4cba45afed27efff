import 'server-only';
import { getConfig, getLegalIdentity } from '@/lib/config';
import { getPrivacyTerms } from '@/lib/privacy/terms';
import { legalPlaceholders, readPageSources, renderContentPages, type ContentPage, type PageSource } from './load-legal-pages';

export type { ContentPage } from './load-legal-pages';

let sources: Promise<PageSource[]> | undefined;
let rendered: { key: string; pages: Promise<ContentPage[]> } | undefined;

/**
 * The pages of content/pages/, filled in from the configuration and the author's settings. The
 * files are read once per process; they are rendered again only when a value they show changed.
 */
export async function listContentPages(): Promise<ContentPage[]> {
  sources ??= readPageSources();
  const config = getConfig();
  const terms = { ...(await getPrivacyTerms()), subscriberMailIntervalMinutes: config.SUBSCRIBER_MAIL_INTERVAL_MINUTES };
  const placeholders = legalPlaceholders(getLegalIdentity(), config.SITE_URL, terms);
  const key = JSON.stringify(placeholders);
  if (rendered?.key !== key) rendered = { key, pages: renderContentPages(await sources, placeholders) };
  return rendered.pages;
}

export async function getContentPage(slug: string): Promise<ContentPage | undefined> {
  return (await listContentPages()).find((page) => page.slug === slug);
}
