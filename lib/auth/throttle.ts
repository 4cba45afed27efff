import type BetterSqlite3 from 'better-sqlite3';
import { getIpHashSalt } from '@/lib/config';
import { saltedHash } from '@/lib/fingerprint';
import { targetOf, type Database } from '@/lib/db/client';
import { sqliteConnection, sqliteDate } from '@/lib/db/sqlite-connection';

/**
 * WordPress plugins' usual rule, per address and per account. An address from which the account
 * signed in within `knownAddressDays` is spared the account's limit (OWASP: lock out untrusted
 * clients only), so whoever knows the author's e-mail cannot lock the author out.
 */
export const LOGIN_LIMIT = { maxFailures: 5, windowMinutes: 15, knownAddressDays: 90 } as const;

/** Expired rows deleted per attempt: the clean-up rides on sign-ins, bounded, with no cron. */
const PRUNE_BATCH = 100;

type Taken = { key: string; windowStart: Date };

/** The slots an attempt holds while its password is checked; they stay counted if it fails. */
export type LoginReservation = { email: string; ipHash: string; address: Taken; account: Taken | null };

export type LoginGate = { ok: true; reservation: LoginReservation } | { ok: false; waitMinutes: number };

/**
 * Each step is one SQL statement, atomic by itself on both databases: taking a slot is an upsert
 * on the key's counter row (a single write on SQLite, a row lock on PostgreSQL), so every process
 * and instance agrees without holding a transaction open across the password check.
 */
type ThrottleStore = {
  prune(windowCutoff: Date, knownCutoff: Date): Promise<void>;
  isKnownAddress(email: string, ipHash: string, knownCutoff: Date): Promise<boolean>;
  /** Counts one attempt on the key unless its window is full: the window's start, or null when refused. */
  take(key: string, now: Date, windowCutoff: Date): Promise<Date | null>;
  windowStartOf(key: string): Promise<Date | null>;
  release(taken: Taken): Promise<void>;
  forget(key: string): Promise<void>;
  rememberAddress(email: string, ipHash: string, now: Date): Promise<void>;
};

const addressKey = (ipHash: string) => `ip:${ipHash}`;
/**
 * The account's counter key. Hashed with the address salt: a password typed into the e-mail field
 * must not sit in the database, nor be found again by hashing guesses.
 */
export const accountKey = (email: string, salt = getIpHashSalt()) => `account:${saltedHash(email, salt)}`;

const minutesBefore = (date: Date, minutes: number) => new Date(date.getTime() - minutes * 60_000);

/**
 * Reserves a password check for this address and account, or says how many minutes to wait. The
 * reservation counts as a failure until `recordSuccessfulSignIn` gives it back, so a burst of
 * parallel attempts runs no more checks than the limit allows.
 */
export async function reserveLoginAttempt(db: Database, ipHash: string, email: string, now = new Date()): Promise<LoginGate> {
  const store = storeFor(db);
  const windowCutoff = minutesBefore(now, LOGIN_LIMIT.windowMinutes);
  const knownCutoff = minutesBefore(now, LOGIN_LIMIT.knownAddressDays * 24 * 60);
  await store.prune(windowCutoff, knownCutoff);

  const refused = async (key: string): Promise<LoginGate> => {
    const windowStart = await store.windowStartOf(key);
    const until = (windowStart ?? now).getTime() + LOGIN_LIMIT.windowMinutes * 60_000;
    return { ok: false, waitMinutes: Math.max(1, Math.ceil((until - now.getTime()) / 60_000)) };
  };

  // The address first: an address over its limit never holds one of the account's slots.
  const ipKey = addressKey(ipHash);
  const addressWindow = await store.take(ipKey, now, windowCutoff);
  if (!addressWindow) return refused(ipKey);
  const address = { key: ipKey, windowStart: addressWindow };
  if (await store.isKnownAddress(email, ipHash, knownCutoff)) return { ok: true, reservation: { email, ipHash, address, account: null } };

  const emailKey = accountKey(email);
  const accountWindow = await store.take(emailKey, now, windowCutoff);
  if (!accountWindow) {
    await store.release(address);
    return refused(emailKey);
  }
  return { ok: true, reservation: { email, ipHash, address, account: { key: emailKey, windowStart: accountWindow } } };
}

/** After the right password: the account's slot is given back, the address's failures forgotten, the address known. */
export async function recordSuccessfulSignIn(db: Database, reservation: LoginReservation, now = new Date()): Promise<void> {
  const store = storeFor(db);
  await store.forget(reservation.address.key);
  if (reservation.account) await store.release(reservation.account);
  await store.rememberAddress(reservation.email, reservation.ipHash, now);
}

function storeFor(db: Database): ThrottleStore {
  const target = targetOf(db);
  return target.provider === 'sqlite' ? sqliteStore(sqliteConnection(target.file)) : postgresqlStore(db);
}

const sqliteStores = new WeakMap<BetterSqlite3.Database, ThrottleStore>();

// The plain connection, like comment posting: synchronous statements never wait on Prisma's.
function sqliteStore(sqlite: BetterSqlite3.Database): ThrottleStore {
  const cached = sqliteStores.get(sqlite);
  if (cached) return cached;
  const statements = {
    pruneCounters: sqlite.prepare<{ cutoff: string }>(
      `DELETE FROM "LoginThrottle" WHERE "windowStart" <= @cutoff
         AND "key" IN (SELECT "key" FROM "LoginThrottle" WHERE "windowStart" <= @cutoff LIMIT ${PRUNE_BATCH})`,
    ),
    pruneAddresses: sqlite.prepare<{ cutoff: string }>(
      `DELETE FROM "KnownSignInAddress" WHERE rowid IN (SELECT rowid FROM "KnownSignInAddress" WHERE "lastSignInAt" <= @cutoff LIMIT ${PRUNE_BATCH})`,
    ),
    isKnown: sqlite.prepare<[string, string, string], { found: number }>(
      'SELECT 1 AS found FROM "KnownSignInAddress" WHERE "email" = ? AND "ipHash" = ? AND "lastSignInAt" > ?',
    ),
    take: sqlite.prepare<{ key: string; now: string; cutoff: string; max: number }, { windowStart: string }>(
      `INSERT INTO "LoginThrottle" ("key", "attempts", "windowStart") VALUES (@key, 1, @now)
       ON CONFLICT ("key") DO UPDATE SET
         "attempts" = CASE WHEN "LoginThrottle"."windowStart" <= @cutoff THEN 1 ELSE "LoginThrottle"."attempts" + 1 END,
         "windowStart" = CASE WHEN "LoginThrottle"."windowStart" <= @cutoff THEN @now ELSE "LoginThrottle"."windowStart" END
       WHERE "LoginThrottle"."attempts" < @max OR "LoginThrottle"."windowStart" <= @cutoff
       RETURNING "windowStart"`,
    ),
    windowStart: sqlite.prepare<[string], { windowStart: string }>('SELECT "windowStart" FROM "LoginThrottle" WHERE "key" = ?'),
    release: sqlite.prepare<[string, string]>(
      'UPDATE "LoginThrottle" SET "attempts" = "attempts" - 1 WHERE "key" = ? AND "windowStart" = ? AND "attempts" > 0',
    ),
    forget: sqlite.prepare<[string]>('DELETE FROM "LoginThrottle" WHERE "key" = ?'),
    remember: sqlite.prepare<[string, string, string]>(
      `INSERT INTO "KnownSignInAddress" ("email", "ipHash", "lastSignInAt") VALUES (?, ?, ?)
       ON CONFLICT ("email", "ipHash") DO UPDATE SET "lastSignInAt" = excluded."lastSignInAt"`,
    ),
  };
  const store: ThrottleStore = {
    prune: async (windowCutoff, knownCutoff) => {
      statements.pruneCounters.run({ cutoff: sqliteDate(windowCutoff) });
      statements.pruneAddresses.run({ cutoff: sqliteDate(knownCutoff) });
    },
    isKnownAddress: async (email, ipHash, knownCutoff) => statements.isKnown.get(email, ipHash, sqliteDate(knownCutoff)) !== undefined,
    take: async (key, now, windowCutoff) => {
      const row = statements.take.get({ key, now: sqliteDate(now), cutoff: sqliteDate(windowCutoff), max: LOGIN_LIMIT.maxFailures });
      return row ? new Date(row.windowStart) : null;
    },
    windowStartOf: async (key) => {
      const row = statements.windowStart.get(key);
      return row ? new Date(row.windowStart) : null;
    },
    release: async ({ key, windowStart }) => {
      statements.release.run(key, sqliteDate(windowStart));
    },
    forget: async (key) => {
      statements.forget.run(key);
    },
    rememberAddress: async (email, ipHash, now) => {
      statements.remember.run(email, ipHash, sqliteDate(now));
    },
  };
  sqliteStores.set(sqlite, store);
  return store;
}

// Prisma's raw queries; the prune skips rows another instance is deleting instead of waiting for them.
function postgresqlStore(db: Database): ThrottleStore {
  return {
    prune: async (windowCutoff, knownCutoff) => {
      await db.$executeRaw`
        WITH "counters" AS (
          DELETE FROM "LoginThrottle" WHERE "windowStart" <= ${windowCutoff}::timestamp(3) AND "key" IN (
            SELECT "key" FROM "LoginThrottle" WHERE "windowStart" <= ${windowCutoff}::timestamp(3) LIMIT ${PRUNE_BATCH}::int FOR UPDATE SKIP LOCKED)
        ), "addresses" AS (
          DELETE FROM "KnownSignInAddress" WHERE ("email", "ipHash") IN (
            SELECT "email", "ipHash" FROM "KnownSignInAddress" WHERE "lastSignInAt" <= ${knownCutoff}::timestamp(3) LIMIT ${PRUNE_BATCH}::int FOR UPDATE SKIP LOCKED)
        )
        SELECT 1`;
    },
    isKnownAddress: async (email, ipHash, knownCutoff) => {
      const rows = await db.$queryRaw<{ found: number }[]>`
        SELECT 1 AS found FROM "KnownSignInAddress" WHERE "email" = ${email} AND "ipHash" = ${ipHash} AND "lastSignInAt" > ${knownCutoff}::timestamp(3)`;
      return rows.length > 0;
    },
    take: async (key, now, windowCutoff) => {
      const [row] = await db.$queryRaw<{ windowStart: Date }[]>`
        INSERT INTO "LoginThrottle" ("key", "attempts", "windowStart") VALUES (${key}, 1, ${now}::timestamp(3))
        ON CONFLICT ("key") DO UPDATE SET
          "attempts" = CASE WHEN "LoginThrottle"."windowStart" <= ${windowCutoff}::timestamp(3) THEN 1 ELSE "LoginThrottle"."attempts" + 1 END,
          "windowStart" = CASE WHEN "LoginThrottle"."windowStart" <= ${windowCutoff}::timestamp(3) THEN ${now}::timestamp(3) ELSE "LoginThrottle"."windowStart" END
        WHERE "LoginThrottle"."attempts" < ${LOGIN_LIMIT.maxFailures}::int OR "LoginThrottle"."windowStart" <= ${windowCutoff}::timestamp(3)
        RETURNING "windowStart"`;
      return row?.windowStart ?? null;
    },
    windowStartOf: async (key) => {
      const [row] = await db.$queryRaw<{ windowStart: Date }[]>`SELECT "windowStart" FROM "LoginThrottle" WHERE "key" = ${key}`;
      return row?.windowStart ?? null;
    },
    release: async ({ key, windowStart }) => {
      await db.$executeRaw`
        UPDATE "LoginThrottle" SET "attempts" = "attempts" - 1 WHERE "key" = ${key} AND "windowStart" = ${windowStart}::timestamp(3) AND "attempts" > 0`;
    },
    forget: async (key) => {
      await db.$executeRaw`DELETE FROM "LoginThrottle" WHERE "key" = ${key}`;
    },
    rememberAddress: async (email, ipHash, now) => {
      await db.$executeRaw`
        INSERT INTO "KnownSignInAddress" ("email", "ipHash", "lastSignInAt") VALUES (${email}, ${ipHash}, ${now}::timestamp(3))
        ON CONFLICT ("email", "ipHash") DO UPDATE SET "lastSignInAt" = excluded."lastSignInAt"`;
    },
  };
}
