import { commentPermalinkPath } from '@/lib/paths';

/**
 * The cookies of a comment's edit window (set by lib/comments/own/cookies.ts):
 * - `m20-modif-<id>`: the comment's edit secret, HttpOnly, sent only to that comment's own
 *   addresses (Path=/articles/<slug>/commentaires/<id>), for the window's length;
 * - `m20-modifiables`: no secret, readable by the page's script, sent with the article's pages
 *   (Path=/articles/<slug>): which comments this browser may still edit, and until when. The
 *   cached pages are the same for everyone; this marker is how their script shows « Modifier »
 *   and « Supprimer » to the writer alone. Forging it shows links that the server then refuses.
 */
export const EDIT_MARKER_COOKIE = 'm20-modifiables';
export const editSecretCookie = (commentId: number) => `m20-modif-${commentId}`;

/** The marker's entries at most: a reader who posts a lot keeps the latest. */
export const MAX_MARKER_ENTRIES = 20;

/** A comment this browser may edit, until `until` (milliseconds since the epoch). */
export type EditMarkerEntry = { id: number; until: number };

/** `12-1764590400_13-1764590460`: characters that cookies and URL encoding leave alone. */
export function serializeEditMarker(entries: EditMarkerEntry[]): string {
  return entries.map((entry) => `${entry.id}-${Math.floor(entry.until / 1000)}`).join('_');
}

/** The entries still running at `now`, the latest kept when there are too many; junk is ignored. */
export function parseEditMarker(value: string | undefined, now: number): EditMarkerEntry[] {
  if (!value) return [];
  const entries: EditMarkerEntry[] = [];
  for (const part of value.split('_')) {
    const match = /^([1-9][0-9]{0,9})-([0-9]{1,12})$/.exec(part);
    if (!match) continue;
    const entry = { id: Number(match[1]), until: Number(match[2]) * 1000 };
    if (entry.until > now) entries.push(entry);
  }
  return entries.slice(-MAX_MARKER_ENTRIES);
}

/** Where the writer edits a comment, and where they delete it (uncached pages, under the secret's path). */
export const ownCommentEditPath = (slug: string, commentId: number) => `${commentPermalinkPath(slug, commentId)}/modifier`;
export const ownCommentDeletePath = (slug: string, commentId: number) => `${commentPermalinkPath(slug, commentId)}/supprimer`;
