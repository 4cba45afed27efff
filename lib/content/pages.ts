import 'server-only';
import { getConfig, getLegalIdentity } from '@/lib/config';
import { legalPlaceholders, readContentPages, type ContentPage } from './load-pages';

export type { ContentPage } from './load-pages';

let loaded: Promise<ContentPage[]> | undefined;

/** The pages of content/pages/, filled in from the configuration: read and rendered once per process. */
export function listContentPages(): Promise<ContentPage[]> {
  loaded ??= readContentPages(legalPlaceholders(getLegalIdentity(), getConfig().SITE_URL));
  return loaded;
}

export async function getContentPage(slug: string): Promise<ContentPage | undefined> {
  return (await listContentPages()).find((page) => page.slug === slug);
}
