import { randomUUID } from 'node:crypto';
import diagnostics_channel from 'node:diagnostics_channel';
import nodemailer, { type Transporter } from 'nodemailer';
import { targetOf, type Database } from '@/lib/db/client';
import { execute, queryRows, type Statement } from '@/lib/db/kysely';
import { OUTBOX_WAKE_CHANNEL } from './outbox';

/** How the senders claim, retry and give up. */
export type SenderPolicy = {
  /** Messages claimed by one statement. */
  batchSize: number;
  /** How long a claim holds: a sender that died holding one lets the others take it after this. */
  leaseMs: number;
  /** Attempts before a message is marked failed (the author can put it back from /admin/courriels). */
  maxAttempts: number;
  /** The wait after the first failed attempt, doubled after each of the next ones, up to maxRetryMs. */
  firstRetryMs: number;
  maxRetryMs: number;
};

// Eight attempts over about two hours: an SMTP server down for a restart or an afternoon's outage
// loses nothing. The lease is well above what a batch's sends may take under the time-outs below.
const SENDER_POLICY: SenderPolicy = { batchSize: 10, leaseMs: 10 * 60_000, maxAttempts: 8, firstRetryMs: 60_000, maxRetryMs: 60 * 60_000 };

/** SMTP time-outs of each sending: a stuck server must not hold a claim up to its lease. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

type ClaimedMessage = { id: number; to: string; subject: string; text: string; html: string | null; headers: string | null; attempts: number };

/** The outbox's steps: each is one statement, atomic by itself, the same on both databases. */
type OutboxStore = {
  claim(token: string, now: Date, until: Date, limit: number): Promise<ClaimedMessage[]>;
  markSent(id: number, token: string, now: Date): Promise<void>;
  markAttemptFailed(id: number, token: string, outcome: { status: 'waiting' | 'failed'; nextAttemptAt: Date; error: string }): Promise<void>;
};

const OUTBOX = {
  claim: (token: string, now: Date, until: Date, limit: number): Statement<ClaimedMessage> => (k) =>
    k.updateTable('OutboxMessage')
      .set((eb) => ({ claimToken: token, claimedUntil: until, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in',
        k.selectFrom('OutboxMessage').select('id')
          .where('status', '=', 'waiting').where('nextAttemptAt', '<=', now)
          .where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<=', now)]))
          .orderBy('nextAttemptAt').orderBy('id').limit(limit).forUpdate().skipLocked())
      .returning(['id', 'to', 'subject', 'text', 'html', 'headers', 'attempts']),
  markSent: (id: number, token: string, now: Date): Statement => (k) =>
    k.updateTable('OutboxMessage').set({ status: 'sent', sentAt: now, claimToken: null, claimedUntil: null, lastError: null }).where('id', '=', id).where('claimToken', '=', token),
  markAttemptFailed: (id: number, token: string, outcome: { status: 'waiting' | 'failed'; nextAttemptAt: Date; error: string }): Statement => (k) =>
    k.updateTable('OutboxMessage')
      .set({ status: outcome.status, nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error, claimToken: null, claimedUntil: null })
      .where('id', '=', id).where('claimToken', '=', token),
};

/**
 * A claim is one UPDATE … RETURNING of due, unclaimed (or lease-expired) messages. On SQLite the
 * statement holds the write lock from its read to its write; on PostgreSQL the rows are locked
 * FOR UPDATE SKIP LOCKED, and a row another sender claimed meanwhile is read again and left out.
 */
function storeFor(db: Database): OutboxStore {
  const { provider } = targetOf(db);
  return {
    async claim(token, now, until, limit) {
      const rows = await queryRows(db, provider, OUTBOX.claim(token, now, until, limit));
      return rows.map((row) => ({ ...row, id: Number(row.id), attempts: Number(row.attempts) })).sort((a, b) => a.id - b.id);
    },
    async markSent(id, token, now) {
      await execute(db, provider, OUTBOX.markSent(id, token, now));
    },
    async markAttemptFailed(id, token, outcome) {
      await execute(db, provider, OUTBOX.markAttemptFailed(id, token, outcome));
    },
  };
}

/** The wait before the next attempt of a message that failed `attempts` times. */
function retryDelayMs(attempts: number, policy: SenderPolicy = SENDER_POLICY): number {
  return Math.min(policy.firstRetryMs * 2 ** Math.max(0, attempts - 1), policy.maxRetryMs);
}

export type DrainReport = { sent: number; retried: number; failed: number };

export type DrainOptions = {
  transport: Transporter;
  from: string;
  policy?: SenderPolicy;
  now?: () => Date;
};

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

/**
 * Sends the due messages of the outbox, batch by batch, until none is left. Each batch is claimed
 * atomically for this call, so senders in other processes or instances never send the same one.
 * A failed sending is tried again later (exponential back-off), then marked failed; the round
 * stops after a batch with a failure, so a server that is down is not hammered.
 */
export async function drainOutbox(db: Database, options: DrainOptions): Promise<DrainReport> {
  const store = storeFor(db);
  const policy = options.policy ?? SENDER_POLICY;
  const now = options.now ?? (() => new Date());
  const report: DrainReport = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const token = randomUUID();
    const claimedAt = now();
    const batch = await store.claim(token, claimedAt, new Date(claimedAt.getTime() + policy.leaseMs), policy.batchSize);
    if (batch.length === 0) return report;
    let hasFailure = false;
    for (const message of batch) {
      try {
        await options.transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          headers: message.headers ? (JSON.parse(message.headers) as Record<string, string>) : undefined,
        });
      } catch (error) {
        hasFailure = true;
        const isLast = message.attempts >= policy.maxAttempts;
        const failedAt = now();
        await store.markAttemptFailed(message.id, token, {
          status: isLast ? 'failed' : 'waiting',
          nextAttemptAt: new Date(failedAt.getTime() + (isLast ? 0 : retryDelayMs(message.attempts, policy))),
          error: errorText(error),
        });
        report[isLast ? 'failed' : 'retried'] += 1;
        continue;
      }
      await store.markSent(message.id, token, now());
      report.sent += 1;
    }
    if (hasFailure) return report;
  }
}

/** A transport to SMTP_URL with time-outs, so that a stuck server cannot hold a claim. */
export function smtpTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
}

export type RunningSender = { stop(): void; drained(): Promise<void> };

/** Work a round does before sending: the subscribers' notices gathered into e-mails (lib/subscriptions/gather.ts). */
export type GatherStep = { run(now: Date): Promise<unknown>; delayMs: number };

/**
 * Runs a sender in this process: drains the outbox every `intervalMs` (messages waiting for a
 * retry, or queued by another process), and at once when a commit of this process queued some
 * (wakeOutboxSenders). Rounds never overlap within a process; a wake during one runs one more.
 * With `gather`, each round first gathers the due notices, and a wake also runs a round when the
 * notices it announced become due. While SMTP refuses messages nothing new is gathered: a comment
 * removed meanwhile is then never sent.
 */
export function startOutboxSender(db: Database, options: DrainOptions & { intervalMs: number; gather?: GatherStep }): RunningSender {
  const now = options.now ?? (() => new Date());
  let current: Promise<void> | null = null;
  let again = false;
  let isSmtpFailing = false;
  const round = async () => {
    if (options.gather && !isSmtpFailing) await options.gather.run(now());
    const report = await drainOutbox(db, options);
    isSmtpFailing = report.retried + report.failed > 0;
  };
  const run = () => {
    if (current) {
      again = true;
      return;
    }
    current = round()
      .catch((error: unknown) => console.error('drainOutbox failed', error))
      .finally(() => {
        current = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, options.intervalMs);
  // The timer never keeps a server process alive on its own.
  timer.unref();
  // Rounds for notices coming due fall on whole seconds: one timer per second at most, however
  // many comments a second brings, and none before the notices of its wakes are due.
  let lastDueRound = 0;
  const wake = () => {
    run();
    if (!options.gather) return;
    const dueAt = Math.ceil((Date.now() + options.gather.delayMs + 50) / 1000) * 1000;
    if (dueAt === lastDueRound) return;
    lastDueRound = dueAt;
    setTimeout(run, dueAt - Date.now()).unref();
  };
  const channel = diagnostics_channel.channel(OUTBOX_WAKE_CHANNEL);
  channel.subscribe(wake);
  run();
  return {
    stop() {
      clearInterval(timer);
      channel.unsubscribe(wake);
    },
    async drained() {
      while (current) await current;
    },
  };
}
