import { parseEditMarker, serializeEditMarker, type EditMarkerEntry } from '../own/marker';

/**
 * The cookies of the comments a browser wrote that still wait for the author (set by
 * lib/comments/held/cookies.ts), both sent with the article's addresses only (Path=/articles/<slug>):
 * - `m20-en-attente-preuve`: the list signed by the server (lib/comments/held/proof.ts), HttpOnly:
 *   the only thing the held-comments endpoint believes;
 * - `m20-en-attente`: the same list without signature, readable by the page's script, so that
 *   only a browser with held comments asks the endpoint. Forging it shows nothing.
 * The cached pages stay the same for everyone: the writer's held comments come after hydration.
 */
export const HELD_PROOF_COOKIE = 'm20-en-attente-preuve';
export const HELD_MARKER_COOKIE = 'm20-en-attente';

/**
 * How long a held comment is looked for: the author reviews within days, two weeks covers an
 * absence; a comment still held after that is as good as refused, and the cookie should not
 * outlive its use.
 */
export const HELD_COOKIE_DAYS = 14;

/** A held comment this browser wrote, looked for until `until` (milliseconds since the epoch). */
export type HeldEntry = EditMarkerEntry;

/** The edit marker's format (`12-1764590400_13-1764590460`), and its bound: the latest 20 entries. */
export const serializeHeldEntries = serializeEditMarker;
export const parseHeldEntries = parseEditMarker;

/** The uncached endpoint that answers a browser's held comments on an article (never stored by nginx). */
export const heldCommentsPath = (slug: string) => `/articles/${slug}/commentaires/en-attente`;

/** Sent on `window` by the comment form when a comment it posted is held: the thread asks for it. */
export const HELD_COMMENT_POSTED_EVENT = 'm20:commentaire-en-attente';
