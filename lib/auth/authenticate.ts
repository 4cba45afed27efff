import type { Database } from '@/lib/db/client';
import { verifyPassword } from './password';
import { recordSuccessfulSignIn, reserveLoginAttempt } from './throttle';

export type SignInResult = { ok: true; email: string } | { ok: false; message: string };

export const WRONG_CREDENTIALS = 'E-mail ou mot de passe incorrect.';

/** The longest address SMTP carries (RFC 5321): a longer one is no account's, and is not stored. */
const MAX_EMAIL_LENGTH = 254;

/** Checks the author's e-mail and password, throttled per IP hash and per account (lib/auth/throttle.ts). */
export async function authenticateAuthor(db: Database, email: string, password: string, ipHash: string, now = new Date()): Promise<SignInResult> {
  const normalised = email.trim().toLowerCase();
  if (normalised.length > MAX_EMAIL_LENGTH) return { ok: false, message: WRONG_CREDENTIALS };
  // Reserved before the check, so parallel attempts cannot all pass the count; a failure leaves it counted.
  const gate = await reserveLoginAttempt(db, ipHash, normalised, now);
  if (!gate.ok) {
    const wait = gate.waitMinutes;
    return { ok: false, message: `Trop de tentatives de connexion. Réessayez dans ${wait} minute${wait > 1 ? 's' : ''}.` };
  }
  const user = await db.adminUser.findUnique({ where: { email: normalised }, select: { email: true, passwordHash: true } });
  // Verify against a dummy hash when the account doesn't exist, so timing doesn't tell which.
  const isValid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !isValid) return { ok: false, message: WRONG_CREDENTIALS };
  await recordSuccessfulSignIn(db, gate.reservation, now);
  return { ok: true, email: user.email };
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';
