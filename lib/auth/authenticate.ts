import type { Database } from '@/lib/db/client';
import { verifyPassword } from './password';
import { minutesUntilLoginAllowed, recordLoginFailure } from './throttle';

export type SignInResult = { ok: true; email: string } | { ok: false; message: string };

export const WRONG_CREDENTIALS = 'E-mail ou mot de passe incorrect.';

/** Checks the author's e-mail and password, throttled per IP hash and per account. */
export async function authenticateAuthor(db: Database, email: string, password: string, ipHash: string, now = new Date()): Promise<SignInResult> {
  const normalised = email.trim().toLowerCase();
  const wait = await minutesUntilLoginAllowed(db, ipHash, normalised, now);
  if (wait > 0) {
    return { ok: false, message: `Trop de tentatives de connexion. Réessayez dans ${wait} minute${wait > 1 ? 's' : ''}.` };
  }
  const user = await db.adminUser.findUnique({ where: { email: normalised }, select: { email: true, passwordHash: true } });
  // Verify against a dummy hash when the account doesn't exist, so timing doesn't tell which.
  const isValid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !isValid) {
    await recordLoginFailure(db, ipHash, normalised, now);
    return { ok: false, message: WRONG_CREDENTIALS };
  }
  return { ok: true, email: user.email };
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';
