import { LOGIN_LIMIT } from '@/lib/auth/throttle';
import { targetOf, type Database } from '@/lib/db/client';
import { sqliteDate } from '@/lib/db/sqlite-connection';
import { readSettings, type SiteSettings } from '@/lib/settings';

/** What an erased IP hash becomes: no address hashes to it (a hash is 64 hex digits). */
export const ERASED_IP_HASH = '';

/** Rows erased per statement: short locks, whatever the backlog (a first run on an old database). */
const BATCH = 1000;
/** Statements per rule and run at most (a million rows): a run always ends; the rest waits a day. */
const MAX_BATCHES = 1000;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

type Dialect = 'sqlite' | 'postgresql';

/**
 * Data the site keeps for a time only. `sql` erases at most a batch of what is due: its first
 * parameter is the cutoff (rows at or before it are due), the second the batch size. Each
 * statement is idempotent and commits alone, so any number of processes and instances may run the
 * job at once: on PostgreSQL a batch skips the rows another is erasing (SKIP LOCKED), on SQLite
 * writers take turns. A new kind of data (a subscription's token, say) is one more entry here.
 */
export type RetentionRule = {
  key: string;
  /** The log's words for `count` rows erased, in French. */
  describe: (count: number, settings: SiteSettings) => string;
  cutoff: (now: Date, settings: SiteSettings) => Date;
  sql: Record<Dialect, string>;
};

const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

/** A subscription its reader never confirmed is forgotten after this (its link is valid 7 days). */
export const UNCONFIRMED_SUBSCRIPTION_DAYS = 7;
/** A sent e-mail stays this long in the outbox, for the author's page, then goes. */
export const SENT_EMAIL_DAYS = 30;
/** A subscriber's notice never gathered (no SMTP_URL, or SMTP down) is stale after this: it goes. */
export const UNSENT_NOTICE_DAYS = 7;

export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    key: 'commentIpHashes',
    describe: (count, settings) =>
      `${plural(count, 'empreinte d’adresse IP effacée', 'empreintes d’adresse IP effacées')} (commentaires de plus de ${plural(settings.ipHashRetentionDays, 'jour', 'jours')})`,
    cutoff: (now, settings) => new Date(now.getTime() - settings.ipHashRetentionDays * DAY_MS),
    // `> ''` rather than `<> ''`: the (ipHash, createdAt) index reads only the hashes still there.
    // Only real hashes: the author's replies ('auteur') and imports without an address ('import') keep their marks.
    sql: {
      sqlite: `UPDATE "Comment" SET "ipHash" = '${ERASED_IP_HASH}' WHERE "id" IN (
        SELECT "id" FROM "Comment" WHERE "ipHash" > '' AND length("ipHash") = 64 AND "createdAt" <= ? LIMIT ?)`,
      postgresql: `UPDATE "Comment" SET "ipHash" = '${ERASED_IP_HASH}' WHERE "id" IN (
        SELECT "id" FROM "Comment" WHERE "ipHash" > '' AND length("ipHash") = 64 AND "createdAt" <= $1::timestamp(3) LIMIT $2::int FOR UPDATE SKIP LOCKED)`,
    },
  },
  {
    key: 'subscriptionIpHashes',
    describe: (count, settings) =>
      `${plural(count, 'empreinte d’adresse IP effacée', 'empreintes d’adresse IP effacées')} (inscriptions aux listes de plus de ${plural(settings.ipHashRetentionDays, 'jour', 'jours')})`,
    cutoff: (now, settings) => new Date(now.getTime() - settings.ipHashRetentionDays * DAY_MS),
    // Kept for the rate limit only (lib/subscriptions/site-lists.ts), as long as the comments' hashes.
    sql: {
      sqlite: `UPDATE "Subscription" SET "ipHash" = NULL WHERE "id" IN (
        SELECT "id" FROM "Subscription" WHERE "ipHash" > '' AND "createdAt" <= ? LIMIT ?)`,
      postgresql: `UPDATE "Subscription" SET "ipHash" = NULL WHERE "id" IN (
        SELECT "id" FROM "Subscription" WHERE "ipHash" > '' AND "createdAt" <= $1::timestamp(3) LIMIT $2::int FOR UPDATE SKIP LOCKED)`,
    },
  },
  {
    key: 'commentEditSecrets',
    describe: (count) => `${plural(count, 'secret de modification expiré effacé', 'secrets de modification expirés effacés')}`,
    cutoff: (now, settings) => new Date(now.getTime() - settings.editWindowMinutes * MINUTE_MS),
    // Useless once the window is over (lib/comments/own/comment.ts): only its hash was ever stored.
    sql: {
      sqlite: `UPDATE "Comment" SET "editSecretHash" = NULL WHERE "id" IN (
        SELECT "id" FROM "Comment" WHERE "editSecretHash" IS NOT NULL AND "createdAt" <= ? LIMIT ?)`,
      postgresql: `UPDATE "Comment" SET "editSecretHash" = NULL WHERE "id" IN (
        SELECT "id" FROM "Comment" WHERE "editSecretHash" IS NOT NULL AND "createdAt" <= $1::timestamp(3) LIMIT $2::int FOR UPDATE SKIP LOCKED)`,
    },
  },
  {
    key: 'signInCounters',
    describe: (count) => `${plural(count, 'compteur d’échecs de connexion expiré supprimé', 'compteurs d’échecs de connexion expirés supprimés')} (plus de ${LOGIN_LIMIT.windowMinutes} minutes)`,
    cutoff: (now) => new Date(now.getTime() - LOGIN_LIMIT.windowMinutes * MINUTE_MS),
    sql: {
      sqlite: `DELETE FROM "LoginThrottle" WHERE "key" IN (SELECT "key" FROM "LoginThrottle" WHERE "windowStart" <= ? LIMIT ?)`,
      postgresql: `DELETE FROM "LoginThrottle" WHERE "key" IN (
        SELECT "key" FROM "LoginThrottle" WHERE "windowStart" <= $1::timestamp(3) LIMIT $2::int FOR UPDATE SKIP LOCKED)`,
    },
  },
  {
    key: 'knownSignInAddresses',
    describe: (count) => `${plural(count, 'adresse de connexion de l’auteur oubliée', 'adresses de connexion de l’auteur oubliées')} (plus de ${LOGIN_LIMIT.knownAddressDays} jours)`,
    cutoff: (now) => new Date(now.getTime() - LOGIN_LIMIT.knownAddressDays * DAY_MS),
    sql: {
      sqlite: `DELETE FROM "KnownSignInAddress" WHERE rowid IN (SELECT rowid FROM "KnownSignInAddress" WHERE "lastSignInAt" <= ? LIMIT ?)`,
      postgresql: `DELETE FROM "KnownSignInAddress" WHERE ("email", "ipHash") IN (
        SELECT "email", "ipHash" FROM "KnownSignInAddress" WHERE "lastSignInAt" <= $1::timestamp(3) LIMIT $2::int FOR UPDATE SKIP LOCKED)`,
    },
  },
  {
    key: 'unconfirmedSubscriptions',
    describe: (count) => `${plural(count, 'abonnement jamais confirmé supprimé', 'abonnements jamais confirmés supprimés')} (plus de ${UNCONFIRMED_SUBSCRIPTION_DAYS} jours)`,
    cutoff: (now) => new Date(now.getTime() - UNCONFIRMED_SUBSCRIPTION_DAYS * DAY_MS),
    sql: {
      sqlite: `DELETE FROM "Subscription" WHERE "id" IN (SELECT "id" FROM "Subscription" WHERE "status" = 'pending' AND "createdAt" <= ? LIMIT ?)`,
      postgresql: `DELETE FROM "Subscription" WHERE "id" IN (
        SELECT "id" FROM "Subscription" WHERE "status" = 'pending' AND "createdAt" <= $1::timestamp(3) LIMIT $2::int FOR UPDATE SKIP LOCKED)`,
    },
  },
  {
    key: 'staleNotices',
    describe: (count) => `${plural(count, 'avis à un abonné jamais envoyé oublié', 'avis à des abonnés jamais envoyés oubliés')} (plus de ${UNSENT_NOTICE_DAYS} jours)`,
    cutoff: (now) => new Date(now.getTime() - UNSENT_NOTICE_DAYS * DAY_MS),
    sql: {
      sqlite: `DELETE FROM "SubscriptionNotice" WHERE "id" IN (SELECT "id" FROM "SubscriptionNotice" WHERE "createdAt" <= ? LIMIT ?)`,
      postgresql: `DELETE FROM "SubscriptionNotice" WHERE "id" IN (
        SELECT "id" FROM "SubscriptionNotice" WHERE "createdAt" <= $1::timestamp(3) LIMIT $2::int FOR UPDATE SKIP LOCKED)`,
    },
  },
  {
    key: 'sentEmails',
    describe: (count) => `${plural(count, 'e-mail envoyé oublié', 'e-mails envoyés oubliés')} (plus de ${SENT_EMAIL_DAYS} jours)`,
    cutoff: (now) => new Date(now.getTime() - SENT_EMAIL_DAYS * DAY_MS),
    // Sent: their addresses and the comments they carried have no use left in the outbox.
    sql: {
      sqlite: `DELETE FROM "OutboxMessage" WHERE "id" IN (SELECT "id" FROM "OutboxMessage" WHERE "status" = 'sent' AND "sentAt" <= ? LIMIT ?)`,
      postgresql: `DELETE FROM "OutboxMessage" WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage" WHERE "status" = 'sent' AND "sentAt" <= $1::timestamp(3) LIMIT $2::int FOR UPDATE SKIP LOCKED)`,
    },
  },
];

/** Rows erased by one run, per rule, and the settings the run followed. */
export type RetentionReport = { at: Date; settings: SiteSettings; erased: Record<string, number> };

/**
 * Erases every kind of data whose time is over at `now` (the clock is a parameter: tests pass
 * theirs), batch by batch, and says how many rows of each it erased.
 */
export async function eraseExpiredData(db: Database, now: Date = new Date(), rules: readonly RetentionRule[] = RETENTION_RULES): Promise<RetentionReport> {
  const dialect = targetOf(db).provider;
  const settings = await readSettings(db);
  const erased: Record<string, number> = {};
  for (const rule of rules) {
    const cutoff = rule.cutoff(now, settings);
    const cutoffParam = dialect === 'sqlite' ? sqliteDate(cutoff) : cutoff;
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const count = await db.$executeRawUnsafe(rule.sql[dialect], cutoffParam, BATCH);
      total += count;
      if (count < BATCH) break;
    }
    erased[rule.key] = total;
  }
  return { at: now, settings, erased };
}

/** The log line of a run, in French. */
export function describeRetentionReport(report: RetentionReport, rules: readonly RetentionRule[] = RETENTION_RULES): string {
  const done = rules.filter((rule) => (report.erased[rule.key] ?? 0) > 0).map((rule) => rule.describe(report.erased[rule.key] ?? 0, report.settings));
  return `Conservation des données : ${done.length > 0 ? done.join(' ; ') : 'rien à effacer'}.`;
}
