import 'server-only';
import { cookies } from 'next/headers';
import { usesSecureCookies } from '@/lib/config';
import type { Database } from '@/lib/db/client';
import { listHeldComments, type HeldComment } from './comments';
import { HELD_COOKIE_DAYS, HELD_MARKER_COOKIE, HELD_PROOF_COOKIE, parseHeldEntries, serializeHeldEntries, type HeldEntry } from './marker';
import { heldProofKey, readHeldProof, signHeldProof } from './proof';

const DAY_MS = 24 * 60 * 60 * 1000;
const articlePath = (slug: string) => `/articles/${slug}`;

type Jar = Awaited<ReturnType<typeof cookies>>;

/**
 * Adds a held comment to the posting browser's cookies (a server action's answer, never a cached
 * page): the signed list and its marker, the latest 20 entries, each looked for HELD_COOKIE_DAYS.
 */
export async function giveHeldProof(slug: string, commentId: number, now = new Date()): Promise<void> {
  const jar = await cookies();
  const key = heldProofKey();
  const earlier = readHeldProof(jar.get(HELD_PROOF_COOKIE)?.value, slug, key, now.getTime()).filter((entry) => entry.id !== commentId);
  const entries = [...earlier, { id: commentId, until: now.getTime() + HELD_COOKIE_DAYS * DAY_MS }];
  setHeldCookies(jar, slug, parseHeldEntries(serializeHeldEntries(entries), now.getTime()), now, key);
}

/** The held comments this browser proves it wrote on this article: none for a forged or expired cookie. */
async function readHeldProofEntries(slug: string, now = new Date()): Promise<HeldEntry[]> {
  return readHeldProof((await cookies()).get(HELD_PROOF_COOKIE)?.value, slug, heldProofKey(), now.getTime());
}

/**
 * Keeps only these entries (the comments still held): the cookies are written again only when the
 * browser's differ, and go when nothing is left, so that the page stops asking.
 */
async function keepHeldEntries(slug: string, entries: HeldEntry[], now = new Date()): Promise<void> {
  const jar = await cookies();
  const key = heldProofKey();
  const proof = entries.length > 0 ? signHeldProof(entries, slug, key) : '';
  const marker = serializeHeldEntries(entries);
  if ((jar.get(HELD_PROOF_COOKIE)?.value ?? '') === proof && (jar.get(HELD_MARKER_COOKIE)?.value ?? '') === marker) return;
  setHeldCookies(jar, slug, entries, now, key);
}

/**
 * This browser's comments still held on this article, by its signed cookie (the endpoint's answer);
 * comments approved, refused or deleted since leave the cookies in the same answer.
 */
export async function readOwnHeldComments(db: Pick<Database, 'comment'>, slug: string, now = new Date()): Promise<HeldComment[]> {
  const entries = await readHeldProofEntries(slug, now);
  const comments = await listHeldComments(db, slug, entries.map((entry) => entry.id));
  const stillHeld = new Set(comments.map((comment) => comment.id));
  await keepHeldEntries(slug, entries.filter((entry) => stillHeld.has(entry.id)), now);
  return comments;
}

function setHeldCookies(jar: Jar, slug: string, entries: HeldEntry[], now: Date, key: Buffer) {
  const secure = usesSecureCookies();
  const lastUntil = Math.max(0, ...entries.map((entry) => entry.until));
  const maxAge = entries.length > 0 ? Math.max(1, Math.floor((lastUntil - now.getTime()) / 1000)) : 0;
  const path = articlePath(slug);
  jar.set(HELD_PROOF_COOKIE, entries.length > 0 ? signHeldProof(entries, slug, key) : '', { httpOnly: true, secure, sameSite: 'strict', path, maxAge });
  jar.set(HELD_MARKER_COOKIE, serializeHeldEntries(entries), { httpOnly: false, secure, sameSite: 'lax', path, maxAge });
}
