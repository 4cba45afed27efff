import type { Database } from '@/lib/db/client';
import type { OutboxStatus } from '@/lib/mail/outbox';
import { recordAction } from '@/lib/audit';

/** Messages per page of /admin/courriels. */
const OUTBOX_PAGE_SIZE = 50;

export type OutboxCounts = Record<OutboxStatus, number>;

/** How many messages wait, were sent, failed: one grouped count on the (status, nextAttemptAt) index. */
export async function countOutboxMessages(db: Database): Promise<OutboxCounts> {
  const groups = await db.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
  const counts: OutboxCounts = { waiting: 0, sent: 0, failed: 0 };
  for (const group of groups) if (group.status in counts) counts[group.status as OutboxStatus] = group._count._all;
  return counts;
}

/** Comments announced to subscribers and not yet gathered into their e-mails (lib/subscriptions/gather.ts). */
export function countWaitingNotices(db: Database): Promise<number> {
  return db.subscriptionNotice.count();
}

/** One page of the outbox, newest first, with what the list shows (never the text of a message). */
export async function listOutboxMessages(db: Database, page: number, pageSize = OUTBOX_PAGE_SIZE) {
  const [rows, total] = await Promise.all([
    db.outboxMessage.findMany({
      select: { id: true, kind: true, to: true, subject: true, status: true, attempts: true, nextAttemptAt: true, lastError: true, createdAt: true, sentAt: true },
      orderBy: { id: 'desc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.outboxMessage.count(),
  ]);
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}


/** What the author may do with a message in this state. */
export function allowedOutboxActions(status: string): 'retry'[] {
  return status === 'failed' ? ['retry'] : [];
}

export type RetryResult = { ok: true; message: string } | { ok: false; message: string };

/**
 * Puts a failed message back to waiting, with its attempts from zero and due at once; recorded in
 * the journal. A message in any other state is left alone.
 */
export async function retryOutboxMessage(db: Database, id: number, actor: string, now = new Date()): Promise<RetryResult> {
  if (!Number.isInteger(id) || id < 1) return { ok: false, message: 'Message inconnu.' };
  const retried = await db.$transaction(async (tx) => {
    const { count } = await tx.outboxMessage.updateMany({
      where: { id, status: 'failed' },
      data: { status: 'waiting', attempts: 0, nextAttemptAt: now, claimToken: null, claimedUntil: null },
    });
    if (count === 1) await recordAction(tx, actor, 'outbox.retry', `message:${id}`);
    return count === 1;
  });
  return retried ? { ok: true, message: `Message n° ${id} remis dans la file d’envoi.` } : { ok: false, message: `Le message n° ${id} n’est pas en échec.` };
}
