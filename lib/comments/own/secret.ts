import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/**
 * A new comment's edit secret: 32 random bytes for the posting browser, and the SHA-256 the
 * database keeps. The secret is too long to guess, so its hash needs no salt; only the browser
 * that posted ever holds it.
 */
export function newEditSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: sha256(secret).toString('hex') };
}

/** Whether `secret` is the one whose hash was stored, compared in constant time. */
export function matchesEditSecret(secret: string | undefined, storedHash: string | null): boolean {
  if (!secret || !storedHash || !/^[0-9a-f]{64}$/.test(storedHash)) return false;
  return timingSafeEqual(sha256(secret), Buffer.from(storedHash, 'hex'));
}

/** Until when a comment posted at `createdAt` may be edited by its writer; null when the author allows no editing. */
export function editableUntil(createdAt: Date, windowMinutes: number): Date | null {
  return windowMinutes > 0 ? new Date(createdAt.getTime() + windowMinutes * 60_000) : null;
}
