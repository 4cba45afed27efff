import type { Database } from '@/lib/db/client';

/** The account's session version now, or null when there is no such account. Read at sign-in. */
export async function currentSessionVersion(db: Database, email: string): Promise<number | null> {
  const account = await db.adminUser.findUnique({ where: { email }, select: { sessionVersion: true } });
  return account?.sessionVersion ?? null;
}

/**
 * Whether a session signed in under `version` still stands: its account exists and its password has
 * not been set since. A session without a version predates the check and is refused.
 */
export async function isSessionCurrent(db: Database, email: string, version: number | undefined): Promise<boolean> {
  if (version === undefined || !Number.isInteger(version)) return false;
  return (await currentSessionVersion(db, email)) === version;
}
