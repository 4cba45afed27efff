import type { SelectQueryBuilder } from 'kysely';
import { LOGIN_LIMIT, forgetSignInAddresses, pruneSignInCounters } from '@/lib/auth/throttle';
import { targetOf, type Database } from '@/lib/db/client';
import { execute, type Statement } from '@/lib/db/kysely';
import { readSettings, type SiteSettings } from '@/lib/settings';

/** What an erased IP hash becomes: no address hashes to it (a hash is 64 hex digits). */
export const ERASED_IP_HASH = '';

/** Rows erased per statement: short locks, whatever the backlog (a first run on an old database). */
const BATCH = 1000;
/** Statements per rule and run at most (a million rows): a run always ends; the rest waits a day. */
const MAX_BATCHES = 1000;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Data the site keeps for a time only. `statement` erases at most a batch of what is due. Each
 * statement is idempotent and commits alone, so any number of processes and instances may run the
 * job at once: on PostgreSQL a batch skips the rows another is erasing (SKIP LOCKED), on SQLite
 * writers take turns. A new kind of data (a subscription's token, say) is one more entry here.
 */
export type RetentionRule = {
  key: string;
  /** The log's words for `count` rows erased, in French. */
  describe: (count: number, settings: SiteSettings) => string;
  cutoff: (now: Date, settings: SiteSettings) => Date;
  /** Erases at most `batch` rows due at `cutoff` (at or before it). */
  statement: (cutoff: Date, batch: number) => Statement;
};

/** At most `batch` due rows, skipping those another run is erasing (lib/db/skip-locked.ts). */
const dueBatch = <DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, batch: number) => query.limit(batch).forUpdate().skipLocked();

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
    statement: (cutoff, batch) => (k) =>
      k.updateTable('Comment').set({ ipHash: ERASED_IP_HASH }).where('id', 'in', dueBatch(
        k.selectFrom('Comment').select('id').where('ipHash', '>', '').where((eb) => eb(eb.fn('length', ['ipHash']), '=', 64)).where('createdAt', '<=', cutoff), batch)),
  },
  {
    key: 'subscriptionIpHashes',
    describe: (count, settings) =>
      `${plural(count, 'empreinte d’adresse IP effacée', 'empreintes d’adresse IP effacées')} (inscriptions aux listes de plus de ${plural(settings.ipHashRetentionDays, 'jour', 'jours')})`,
    cutoff: (now, settings) => new Date(now.getTime() - settings.ipHashRetentionDays * DAY_MS),
    // Kept for the rate limit only (lib/subscriptions/site-lists.ts), as long as the comments' hashes.
    statement: (cutoff, batch) => (k) =>
      k.updateTable('Subscription').set({ ipHash: null }).where('id', 'in', dueBatch(
        k.selectFrom('Subscription').select('id').where('ipHash', '>', '').where('createdAt', '<=', cutoff), batch)),
  },
  {
    key: 'commentEditSecrets',
    describe: (count) => `${plural(count, 'secret de modification expiré effacé', 'secrets de modification expirés effacés')}`,
    cutoff: (now, settings) => new Date(now.getTime() - settings.editWindowMinutes * MINUTE_MS),
    // Useless once the window is over (lib/comments/own/comment.ts): only its hash was ever stored.
    statement: (cutoff, batch) => (k) =>
      k.updateTable('Comment').set({ editSecretHash: null }).where('id', 'in', dueBatch(
        k.selectFrom('Comment').select('id').where('editSecretHash', 'is not', null).where('createdAt', '<=', cutoff), batch)),
  },
  {
    key: 'signInCounters',
    describe: (count) => `${plural(count, 'compteur d’échecs de connexion expiré supprimé', 'compteurs d’échecs de connexion expirés supprimés')} (plus de ${LOGIN_LIMIT.windowMinutes} minutes)`,
    cutoff: (now) => new Date(now.getTime() - LOGIN_LIMIT.windowMinutes * MINUTE_MS),
    statement: (cutoff, batch) => pruneSignInCounters(cutoff, batch),
  },
  {
    key: 'knownSignInAddresses',
    describe: (count) => `${plural(count, 'adresse de connexion de l’auteur oubliée', 'adresses de connexion de l’auteur oubliées')} (plus de ${LOGIN_LIMIT.knownAddressDays} jours)`,
    cutoff: (now) => new Date(now.getTime() - LOGIN_LIMIT.knownAddressDays * DAY_MS),
    statement: (cutoff, batch) => forgetSignInAddresses(cutoff, batch),
  },
  {
    key: 'unconfirmedSubscriptions',
    describe: (count) => `${plural(count, 'abonnement jamais confirmé supprimé', 'abonnements jamais confirmés supprimés')} (plus de ${UNCONFIRMED_SUBSCRIPTION_DAYS} jours)`,
    cutoff: (now) => new Date(now.getTime() - UNCONFIRMED_SUBSCRIPTION_DAYS * DAY_MS),
    statement: (cutoff, batch) => (k) =>
      k.deleteFrom('Subscription').where('id', 'in', dueBatch(k.selectFrom('Subscription').select('id').where('status', '=', 'pending').where('createdAt', '<=', cutoff), batch)),
  },
  {
    key: 'staleNotices',
    describe: (count) => `${plural(count, 'avis à un abonné jamais envoyé oublié', 'avis à des abonnés jamais envoyés oubliés')} (plus de ${UNSENT_NOTICE_DAYS} jours)`,
    cutoff: (now) => new Date(now.getTime() - UNSENT_NOTICE_DAYS * DAY_MS),
    statement: (cutoff, batch) => (k) =>
      k.deleteFrom('SubscriptionNotice').where('id', 'in', dueBatch(k.selectFrom('SubscriptionNotice').select('id').where('createdAt', '<=', cutoff), batch)),
  },
  {
    key: 'sentEmails',
    describe: (count) => `${plural(count, 'e-mail envoyé oublié', 'e-mails envoyés oubliés')} (plus de ${SENT_EMAIL_DAYS} jours)`,
    cutoff: (now) => new Date(now.getTime() - SENT_EMAIL_DAYS * DAY_MS),
    // Sent: their addresses and the comments they carried have no use left in the outbox.
    statement: (cutoff, batch) => (k) =>
      k.deleteFrom('OutboxMessage').where('id', 'in', dueBatch(k.selectFrom('OutboxMessage').select('id').where('status', '=', 'sent').where('sentAt', '<=', cutoff), batch)),
  },
];

/** Rows erased by one run, per rule, and the settings the run followed. */
export type RetentionReport = { at: Date; settings: SiteSettings; erased: Record<string, number> };

/**
 * Erases every kind of data whose time is over at `now` (the clock is a parameter: tests pass
 * theirs), batch by batch, and says how many rows of each it erased.
 */
export async function eraseExpiredData(db: Database, now: Date = new Date(), rules: readonly RetentionRule[] = RETENTION_RULES): Promise<RetentionReport> {
  const { provider } = targetOf(db);
  const settings = await readSettings(db);
  const erased: Record<string, number> = {};
  for (const rule of rules) {
    const cutoff = rule.cutoff(now, settings);
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const count = await execute(db, provider, rule.statement(cutoff, BATCH));
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
