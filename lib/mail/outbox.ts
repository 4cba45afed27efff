import diagnostics_channel from 'node:diagnostics_channel';
import type Database from 'better-sqlite3';
import { sqliteDate } from '@/lib/db/sqlite-connection';

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

const COLUMNS = '"kind", "to", "subject", "text", "html", "headers", "status", "attempts", "nextAttemptAt", "createdAt"';

const headersJson = (message: OutboxMessageInput) => (message.headers && Object.keys(message.headers).length > 0 ? JSON.stringify(message.headers) : null);

/**
 * Queues messages on SQLite's plain connection, inside the caller's transaction (posting's
 * synchronous one): a prepared statement per connection, one row per message.
 */
export function queueOnSqlite(sqlite: Database.Database, messages: OutboxMessageInput[], now: Date): void {
  let insert = sqliteInserts.get(sqlite);
  if (!insert) {
    insert = sqlite.prepare(`INSERT INTO "OutboxMessage" (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 'waiting', 0, ?, ?)`);
    sqliteInserts.set(sqlite, insert);
  }
  const at = sqliteDate(now);
  for (const message of messages) insert.run(message.kind, message.to, message.subject, message.text, message.html ?? null, headersJson(message), at, at);
}

const sqliteInserts = new WeakMap<Database.Database, Database.Statement>();

type RawExecutor = { $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> };

/** Queues messages on PostgreSQL inside the caller's Prisma transaction: one INSERT for all of them. */
export async function queueOnPostgresql(tx: RawExecutor, messages: OutboxMessageInput[], now: Date): Promise<void> {
  if (messages.length === 0) return;
  const values: unknown[] = [];
  const rows = messages.map((message) => {
    const first = values.length;
    values.push(message.kind, message.to, message.subject, message.text, message.html ?? null, headersJson(message), now);
    const p = (offset: number) => `$${first + offset}`;
    return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}::text, ${p(6)}::text, 'waiting', 0, ${p(7)}::timestamp(3), ${p(7)}::timestamp(3))`;
  });
  await tx.$executeRawUnsafe(`INSERT INTO "OutboxMessage" (${COLUMNS}) VALUES ${rows.join(', ')}`, ...values);
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
