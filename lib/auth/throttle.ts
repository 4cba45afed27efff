import { getIpHashSalt } from '@/lib/config';
import { saltedHash } from '@/lib/fingerprint';
import { targetOf, type Database } from '@/lib/db/client';
import { execute, executeOnSqlite, queryRows, queryRowsOnSqlite, type Statement } from '@/lib/db/kysely';
import { sqliteConnection } from '@/lib/db/sqlite-connection';

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

/** Expired counters, at most `batch`, skipping those another instance is deleting (lib/db/skip-locked.ts). */
export const pruneSignInCounters = (cutoff: Date, batch: number): Statement => (k) =>
  k.deleteFrom('LoginThrottle').where('windowStart', '<=', cutoff).where('key', 'in',
    k.selectFrom('LoginThrottle').select('key').where('windowStart', '<=', cutoff).limit(batch).forUpdate().skipLocked());

/** Addresses the account has not signed in from since `cutoff`, at most `batch`. */
export const forgetSignInAddresses = (cutoff: Date, batch: number): Statement => (k) =>
  k.deleteFrom('KnownSignInAddress').where((eb) => eb(eb.refTuple('email', 'ipHash'), 'in',
    k.selectFrom('KnownSignInAddress').select(['email', 'ipHash']).where('lastSignInAt', '<=', cutoff).limit(batch).forUpdate().skipLocked().$asTuple('email', 'ipHash')));

const SIGN_IN = {
  isKnown: (email: string, ipHash: string, knownCutoff: Date): Statement<{ found: number }> => (k) =>
    k.selectFrom('KnownSignInAddress').select((eb) => eb.lit(1).as('found')).where('email', '=', email).where('ipHash', '=', ipHash).where('lastSignInAt', '>', knownCutoff),
  take: (key: string, now: Date, windowCutoff: Date): Statement<{ windowStart: Date | string }> => (k) =>
    k.insertInto('LoginThrottle').values({ key, attempts: 1, windowStart: now })
      .onConflict((conflict) => conflict.column('key').doUpdateSet((eb) => {
        const isOver = eb('LoginThrottle.windowStart', '<=', windowCutoff);
        return {
          attempts: eb.case().when(isOver).then(1).else(eb('LoginThrottle.attempts', '+', 1)).end(),
          windowStart: eb.case().when(isOver).then(now).else(eb.ref('LoginThrottle.windowStart')).end(),
        };
      }).where((eb) => eb.or([eb('LoginThrottle.attempts', '<', LOGIN_LIMIT.maxFailures), eb('LoginThrottle.windowStart', '<=', windowCutoff)])))
      .returning('windowStart'),
  windowStart: (key: string): Statement<{ windowStart: Date | string }> => (k) => k.selectFrom('LoginThrottle').select('windowStart').where('key', '=', key),
  release: ({ key, windowStart }: Taken): Statement => (k) =>
    k.updateTable('LoginThrottle').set((eb) => ({ attempts: eb('attempts', '-', 1) })).where('key', '=', key).where('windowStart', '=', windowStart).where('attempts', '>', 0),
  forget: (key: string): Statement => (k) => k.deleteFrom('LoginThrottle').where('key', '=', key),
  remember: (email: string, ipHash: string, now: Date): Statement => (k) =>
    k.insertInto('KnownSignInAddress').values({ email, ipHash, lastSignInAt: now })
      .onConflict((conflict) => conflict.columns(['email', 'ipHash']).doUpdateSet((eb) => ({ lastSignInAt: eb.ref('excluded.lastSignInAt') }))),
};

/** How the store runs a statement: rows it returns, or none. */
type Runner = { rows<Row>(statement: Statement<Row>): Promise<Row[]>; run(statement: Statement): Promise<void> };

// On SQLite the plain connection, like comment posting: synchronous statements never wait on Prisma's.
function runnerFor(db: Database): Runner {
  const target = targetOf(db);
  if (target.provider === 'sqlite') {
    const sqlite = sqliteConnection(target.file);
    return { rows: async (statement) => queryRowsOnSqlite(sqlite, statement), run: async (statement) => void executeOnSqlite(sqlite, statement) };
  }
  return { rows: (statement) => queryRows(db, 'postgresql', statement), run: async (statement) => void (await execute(db, 'postgresql', statement)) };
}

function storeFor(db: Database): ThrottleStore {
  const { rows, run } = runnerFor(db);
  return {
    prune: async (windowCutoff, knownCutoff) => {
      await run(pruneSignInCounters(windowCutoff, PRUNE_BATCH));
      await run(forgetSignInAddresses(knownCutoff, PRUNE_BATCH));
    },
    isKnownAddress: async (email, ipHash, knownCutoff) => (await rows(SIGN_IN.isKnown(email, ipHash, knownCutoff))).length > 0,
    take: async (key, now, windowCutoff) => {
      const [row] = await rows(SIGN_IN.take(key, now, windowCutoff));
      return row ? new Date(row.windowStart) : null;
    },
    windowStartOf: async (key) => {
      const [row] = await rows(SIGN_IN.windowStart(key));
      return row ? new Date(row.windowStart) : null;
    },
    release: (taken) => run(SIGN_IN.release(taken)),
    forget: (key) => run(SIGN_IN.forget(key)),
    rememberAddress: (email, ipHash, now) => run(SIGN_IN.remember(email, ipHash, now)),
  };
}
