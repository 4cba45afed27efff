import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countOutboxMessages, listOutboxMessages, retryOutboxMessage } from '@/lib/admin/outbox';
import { drainOutbox, smtpTransport } from '@/lib/mail/outbox-sender';
import { startSmtpReceiver } from './helpers/smtp-receiver';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

const AUTHOR = 'auteur@exemple.fr';

let temp: TempDatabase;
beforeEach(async () => {
  temp = await createTempDatabase();
});
afterEach(async () => temp.cleanup());

const message = (index: number, status: string) => ({
  kind: 'author-notification',
  to: AUTHOR,
  subject: `Message ${index}`,
  text: `Texte ${index}`,
  status,
  attempts: status === 'waiting' ? 0 : 8,
  lastError: status === 'failed' ? 'connect ECONNREFUSED 127.0.0.1:25' : null,
  sentAt: status === 'sent' ? new Date() : null,
});

describe('the outbox in the author’s pages', () => {
  it('counts the messages by state and lists them newest first, a bounded page at a time', async () => {
    const statuses = ['sent', 'sent', 'failed', 'waiting', 'sent'];
    await temp.db.outboxMessage.createMany({ data: Array.from({ length: 125 }, (_, index) => message(index, statuses[index % statuses.length] ?? 'sent')) });
    expect(await countOutboxMessages(temp.db)).toEqual({ waiting: 25, sent: 75, failed: 25 });
    const first = await listOutboxMessages(temp.db, 1);
    expect(first.rows).toHaveLength(50);
    expect(first.pageCount).toBe(3);
    expect(first.rows[0]?.subject).toBe('Message 124');
    const last = await listOutboxMessages(temp.db, 3);
    expect(last.rows.map((row) => row.subject)).toEqual(Array.from({ length: 25 }, (_, index) => `Message ${24 - index}`));
    expect(last.rows.find((row) => row.status === 'failed')?.lastError).toMatch(/ECONNREFUSED/);
    expect(Object.keys(first.rows[0] ?? {})).not.toContain('text');
  });

  it('puts a failed message back to waiting, journalled, and the sender sends it', async () => {
    await temp.db.outboxMessage.createMany({ data: [message(0, 'failed'), message(1, 'sent')] });
    const [failed, sent] = await temp.db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    if (!failed || !sent) throw new Error('messages missing');

    expect(await retryOutboxMessage(temp.db, sent.id, AUTHOR)).toMatchObject({ ok: false });
    expect(await retryOutboxMessage(temp.db, 0, AUTHOR)).toMatchObject({ ok: false, message: 'Message inconnu.' });
    expect(await retryOutboxMessage(temp.db, failed.id, AUTHOR)).toEqual({ ok: true, message: `Message n° ${failed.id} remis dans la file d’envoi.` });
    expect(await temp.db.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: 'waiting', attempts: 0 });
    expect(await temp.db.auditLog.findMany()).toEqual([expect.objectContaining({ actor: AUTHOR, action: 'outbox.retry', target: `message:${failed.id}` })]);
    // Twice is once: the second finds it waiting.
    expect(await retryOutboxMessage(temp.db, failed.id, AUTHOR)).toMatchObject({ ok: false });

    const smtp = await startSmtpReceiver();
    try {
      expect(await drainOutbox(temp.db, { transport: smtpTransport(smtp.url), from: 'site@exemple.fr' })).toEqual({ sent: 1, retried: 0, failed: 0 });
      expect(smtp.mails.map((mail) => mail.subject)).toEqual(['Message 0']);
      expect(await countOutboxMessages(temp.db)).toEqual({ waiting: 0, sent: 2, failed: 0 });
    } finally {
      await smtp.close();
    }
  });
});
