import type { Database } from '@/lib/db/client';

/** WordPress plugins' usual rule: 5 wrong passwords per 15 minutes, per address and per account. */
export const LOGIN_LIMIT = { maxFailures: 5, windowMinutes: 15 } as const;

const keysOf = (ipHash: string, email: string) => [`ip:${ipHash}`, `account:${email.trim().toLowerCase()}`];

/** Minutes to wait before the next try, or 0 when a try is allowed. Counted in the database. */
export async function minutesUntilLoginAllowed(db: Database, ipHash: string, email: string, now = new Date()): Promise<number> {
  const windowStart = new Date(now.getTime() - LOGIN_LIMIT.windowMinutes * 60_000);
  let wait = 0;
  for (const key of keysOf(ipHash, email)) {
    const failures = await db.loginFailure.findMany({
      where: { key, createdAt: { gt: windowStart } },
      orderBy: { createdAt: 'desc' },
      take: LOGIN_LIMIT.maxFailures,
      select: { createdAt: true },
    });
    const oldest = failures.at(-1);
    if (failures.length >= LOGIN_LIMIT.maxFailures && oldest) {
      const until = oldest.createdAt.getTime() + LOGIN_LIMIT.windowMinutes * 60_000;
      wait = Math.max(wait, Math.ceil((until - now.getTime()) / 60_000));
    }
  }
  return wait;
}

export async function recordLoginFailure(db: Database, ipHash: string, email: string, now = new Date()): Promise<void> {
  await db.loginFailure.createMany({ data: keysOf(ipHash, email).map((key) => ({ key, createdAt: now })) });
}
