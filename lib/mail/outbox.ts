import diagnostics_channel from 'node:diagnostics_channel';
import type Database from 'better-sqlite3';
import { execute, executeOnSqlite, type RawRunner, type Statement } from '@/lib/db/kysely';

/** What a message is for (the admin view shows it; nothing else depends on it). */
type OutboxKind = 'author-notification' | 'subscription-confirmation' | 'subscriber-notification' | 'approval-notice';

/** An e-mail to send, as a write queues it. The sender adds From at sending time. */
export type OutboxMessageInput = {
  kind: OutboxKind;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Extra header fields (e.g. Reply-To), stored as a JSON object. */
  headers?: Record<string, string>;
};

export type OutboxStatus = 'waiting' | 'sent' | 'failed';

const headersJson = (message: OutboxMessageInput) => (message.headers && Object.keys(message.headers).length > 0 ? JSON.stringify(message.headers) : null);

/** One INSERT for all the messages, due at once. */
const queued = (messages: OutboxMessageInput[], now: Date): Statement => (k) =>
  k.insertInto('OutboxMessage').values(
    messages.map((message) => ({
      kind: message.kind,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html ?? null,
      headers: headersJson(message),
      status: 'waiting',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    })),
  );

/** Queues messages on SQLite's plain connection, inside the caller's transaction (posting's synchronous one). */
export function queueOnSqlite(sqlite: Database.Database, messages: OutboxMessageInput[], now: Date): void {
  if (messages.length > 0) executeOnSqlite(sqlite, queued(messages, now));
}

/** Queues messages on PostgreSQL inside the caller's transaction (Prisma's or the pool's). */
export async function queueOnPostgresql(tx: RawRunner, messages: OutboxMessageInput[], now: Date): Promise<void> {
  if (messages.length > 0) await execute(tx, 'postgresql', queued(messages, now));
}

/**
 * Wakes the senders of this process right after a commit that queued messages. A named channel of
 * Node's diagnostics_channel rather than a module variable: the sender started by instrumentation
 * and the route that posts may be bundled apart, and a channel is found by its name. Without a
 * subscriber (no sender running: SMTP_URL unset), publishing does nothing.
 */
export const OUTBOX_WAKE_CHANNEL = 'marketing-2-0:outbox-wake';

export function wakeOutboxSenders(): void {
  const channel = diagnostics_channel.channel(OUTBOX_WAKE_CHANNEL);
  if (channel.hasSubscribers) channel.publish(null);
}
