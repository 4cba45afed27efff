import 'server-only';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { getAuthSecret } from '@/lib/config';
import { parseHeldEntries, serializeHeldEntries, type HeldEntry } from './marker';

// Signed rather than a random secret whose hash is stored: nothing to write, keep or erase in the
// database, and one cookie vouches for all of an article's held comments from this browser.

/** The HKDF label: this key signs held-comment lists and nothing else (AUTH_SECRET's own use is the sessions). */
const PURPOSE = 'marketing-2-0 held-comments cookie v1';

/** The key of the held-comment cookies, derived from AUTH_SECRET for this one purpose. */
export function heldProofKey(secret: string = getAuthSecret()): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, '', PURPOSE, 32));
}

/** The article is part of what is signed: a list signed for one article proves nothing on another. */
const signatureOf = (key: Buffer, slug: string, list: string) => createHmac('sha256', key).update(`${slug}\n${list}`).digest();

/** The proof cookie's value: the list, a dot, its HMAC-SHA256 (base64url). */
export function signHeldProof(entries: HeldEntry[], slug: string, key: Buffer): string {
  const list = serializeHeldEntries(entries);
  return `${list}.${signatureOf(key, slug, list).toString('base64url')}`;
}

/**
 * The entries of a proof this server signed for this article, still running at `now` (the latest
 * 20); none for a missing, altered or forged value. The signature is compared in constant time.
 */
export function readHeldProof(value: string | undefined, slug: string, key: Buffer, now: number): HeldEntry[] {
  if (!value) return [];
  const dot = value.lastIndexOf('.');
  if (dot < 0) return [];
  const list = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), 'base64url');
  const expected = signatureOf(key, slug, list);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return [];
  return parseHeldEntries(list, now);
}
