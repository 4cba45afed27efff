import type { LegalIdentity } from '@/lib/config';
import type { SiteSettings } from '@/lib/settings';

/** The privacy policy's address (content/pages/confidentialite.md). */
export const PRIVACY_POLICY_PATH = '/confidentialite';

/** What the comment form tells the reader at the point of collection (RGPD art. 13). */
export type CollectionNotice = {
  /** The controller: the site's publisher, as the legal notice names it. */
  controller: string;
  /** Days a comment keeps the hash of its sender's address (the author's setting). */
  ipHashRetentionDays: number;
  /** Minutes its writer may edit or delete it from the posting browser (0: never). */
  editWindowMinutes: number;
};

/** The notice's facts: who, from the configuration; how long, from the author's settings. */
export function collectionNoticeOf(identity: Pick<LegalIdentity, 'publisher'>, settings: Pick<SiteSettings, 'ipHashRetentionDays' | 'editWindowMinutes'>): CollectionNotice {
  return { controller: identity.publisher.name, ipHashRetentionDays: settings.ipHashRetentionDays, editWindowMinutes: settings.editWindowMinutes };
}

/** « 30 jours », « 1 jour ». */
export const formatDays = (days: number) => `${days} jour${days > 1 ? 's' : ''}`;

/** « 15 minutes », « 1 minute ». */
export const formatMinutes = (minutes: number) => `${minutes} minute${minutes > 1 ? 's' : ''}`;
