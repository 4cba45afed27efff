import 'server-only';
import { unstable_cache } from 'next/cache';
import { PHASE_PRODUCTION_BUILD } from 'next/constants';
import { db } from '@/lib/db';
import { getLegalIdentity } from '@/lib/config';
import { ALL_COMMENTS_TAG } from '@/lib/comments/cache-tags';
import { DEFAULT_SETTINGS, readSettings, type SiteSettings } from '@/lib/settings';
import { collectionNoticeOf, type CollectionNotice } from './collection-notice';

/** The author's settings that the privacy texts state: how long things are kept. */
export type PrivacyTerms = Pick<SiteSettings, 'ipHashRetentionDays' | 'editWindowMinutes'>;

const termsOf = (settings: SiteSettings): PrivacyTerms => ({ ipHashRetentionDays: settings.ipHashRetentionDays, editWindowMinutes: settings.editWindowMinutes });

const readTerms = async (): Promise<PrivacyTerms> => termsOf(await readSettings(db));

/**
 * The durations the comment form's notice and the privacy policy state. Cached with the pages that
 * show them, until the author saves the settings (which moves ALL_COMMENTS_TAG); the build, which
 * has no database, renders with the defaults and keeps nothing.
 */
export async function getPrivacyTerms(): Promise<PrivacyTerms> {
  if (process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return termsOf(DEFAULT_SETTINGS);
  return unstable_cache(readTerms, ['privacy-terms'], { tags: [ALL_COMMENTS_TAG], revalidate: false })();
}

/** The notice under the comment form: the controller (configuration) and the durations (settings). */
export async function getCollectionNotice(): Promise<CollectionNotice> {
  return collectionNoticeOf(getLegalIdentity(), await getPrivacyTerms());
}
