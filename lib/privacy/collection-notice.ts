import { getLegalIdentity } from '@/lib/config';

/** What the comment form tells the reader at the point of collection (RGPD art. 13): who keeps the data. */
export type CollectionNotice = {
  /** The controller: the site's publisher, as the legal notice names it. */
  controller: string;
};

/** The notice's facts, from the configuration (read once, validated). */
export function getCollectionNotice(): CollectionNotice {
  return { controller: getLegalIdentity().publisher.name };
}
