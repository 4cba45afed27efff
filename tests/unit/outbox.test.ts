import { createServer, type Server, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { postComment, type PostContext } from '@/lib/comments/service';
import { createPrismaClient, type Database } from '@/lib/db/client';
import { drainOutbox, smtpTransport, type SenderPolicy } from '@/lib/mail/outbox-sender';
import { seed } from '@/prisma/seed';
import { freePort } from './helpers/free-port';
import { startSmtpReceiver, type SmtpReceiver } from './helpers/smtp-receiver';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

const OPEN = 'le-marketing-2-0-c-est-quoi';
const CLOSED = 'en-librairie-le-15-mai';
const FROM = 'Marketing 2.0 <site@exemple.fr>';
const AUTHOR = 'auteur@exemple.fr';
const comment = { name: 'Lectrice', email: 'lectrice@exemple.fr', body: 'Un vrai commentaire.' };
const POLICY: SenderPolicy = { batchSize: 3, leaseMs: 60_000, maxAttempts: 3, firstRetryMs: 10_000, maxRetryMs: 60_000 };
// Relative to the real clock: messages are stored with these dates, and a sender that reads the clock must agree.
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (ms: number) => () => new Date(T0.getTime() + ms);

let temp: TempDatabase;
let articles: Article[];
let context: PostContext;
const cleanups: (() => Promise<unknown> | void)[] = [];

beforeEach(async () => {
  temp = await createTempDatabase();
  articles = await readArticles();
  await seed(temp.db, articles);
  context = { db: temp.db, ip: '203.0.113.7', articles: async () => articles, rateLimit: null, notifyAuthorTo: AUTHOR };
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await temp.cleanup();
});

async function receiver(port?: number): Promise<SmtpReceiver> {
  const started = await startSmtpReceiver(port);
  cleanups.push(started.close);
  return started;
}

async function queue(count: number) {
  await temp.db.outboxMessage.createMany({
    data: Array.from({ length: count }, (_, index) => ({ kind: 'author-notification', to: AUTHOR, subject: `Message ${index}`, text: `Texte ${index}`, nextAttemptAt: T0, createdAt: T0 })),
  });
}

describe('the author’s notification in the outbox', () => {
  it('commits with the comment that causes it, with the comment’s author to reply to', async () => {
    const result = await postComment(OPEN, comment, context);
    if (!result.ok) throw new Error(result.message);
    const messages = await temp.db.outboxMessage.findMany();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ kind: 'author-notification', to: AUTHOR, status: 'waiting', attempts: 0, subject: expect.stringMatching(/^Nouveau commentaire sur/) });
    expect(messages[0]?.text).toContain(`/articles/${OPEN}/commentaires/${result.comment.id}`);
    expect(JSON.parse(messages[0]?.headers ?? '{}')).toEqual({ 'Reply-To': 'lectrice@exemple.fr' });
  });

  it('is not queued when the comment’s transaction rolls back after it, nor for a refused comment', async () => {
    // A failure after the message's insert, in the same transaction: the database refuses to keep it.
    if (temp.provider === 'sqlite') {
      await temp.db.$executeRawUnsafe(`CREATE TRIGGER "panne" AFTER INSERT ON "OutboxMessage" BEGIN SELECT RAISE(ABORT, 'panne simulée'); END`);
    } else {
      await temp.db.$executeRawUnsafe(`CREATE FUNCTION panne() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'panne simulée'; END $$`);
      await temp.db.$executeRawUnsafe(`CREATE TRIGGER "panne" AFTER INSERT ON "OutboxMessage" FOR EACH ROW EXECUTE FUNCTION panne()`);
    }
    const before = await temp.db.comment.count();
    expect(await postComment(OPEN, comment, context)).toMatchObject({ ok: false, reason: 'failed' });
    expect(await temp.db.comment.count()).toBe(before);
    expect(await temp.db.outboxMessage.count()).toBe(0);

    await temp.db.$executeRawUnsafe('DROP TRIGGER "panne"' + (temp.provider === 'sqlite' ? '' : ' ON "OutboxMessage"'));
    expect(await postComment(CLOSED, comment, context)).toMatchObject({ ok: false, reason: 'closed' });
    expect(await temp.db.outboxMessage.count()).toBe(0);
  });

  it('is not queued when no one is to be notified', async () => {
    expect((await postComment(OPEN, comment, { ...context, notifyAuthorTo: null })).ok).toBe(true);
    expect(await temp.db.outboxMessage.count()).toBe(0);
  });

  it('reaches the author through the sender, with its Reply-To', async () => {
    const smtp = await receiver();
    expect((await postComment(OPEN, comment, context)).ok).toBe(true);
    expect(await drainOutbox(temp.db, { transport: smtpTransport(smtp.url), from: FROM, policy: POLICY })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({ to: AUTHOR, from: '"Marketing 2.0" <site@exemple.fr>', replyTo: 'lectrice@exemple.fr', subject: expect.stringMatching(/^Nouveau commentaire sur/) });
    expect(await temp.db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'sent', attempts: 1, claimToken: null, lastError: null, sentAt: expect.any(Date) });
  });
});

describe('the outbox sender', () => {
  it('sends each message once when two senders drain at the same time', async () => {
    const smtp = await receiver();
    await queue(30);
    const second: Database = createPrismaClient(temp.url);
    cleanups.push(() => second.$disconnect());
    const reports = await Promise.all(
      [temp.db, second].map((db) => drainOutbox(db, { transport: smtpTransport(smtp.url), from: FROM, policy: POLICY, now: at(0) })),
    );
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(30);
    expect(reports.every((report) => report.sent > 0), 'both senders took part').toBe(true);
    expect(smtp.mails.map((mail) => mail.subject).sort()).toEqual(Array.from({ length: 30 }, (_, index) => `Message ${index}`).sort());
    expect(await temp.db.outboxMessage.count({ where: { status: 'sent' } })).toBe(30);
  });

  it('retries with a growing back-off while SMTP is down, sends once when it is back, and gives up after the last attempt', async () => {
    const port = await freePort();
    await queue(1);
    const drain = (ms: number) => drainOutbox(temp.db, { transport: smtpTransport(`smtp://127.0.0.1:${port}`), from: FROM, policy: POLICY, now: at(ms) });

    expect(await drain(0)).toEqual({ sent: 0, retried: 1, failed: 0 });
    let row = await temp.db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'waiting', attempts: 1, claimToken: null, nextAttemptAt: at(10_000)() });
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    // Not due before its back-off has passed.
    expect(await drain(9_000)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await drain(10_000)).toEqual({ sent: 0, retried: 1, failed: 0 });
    row = await temp.db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ attempts: 2, nextAttemptAt: at(30_000)() });

    const smtp = await receiver(port);
    expect(await drain(30_000)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await drain(60_000)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.mails.map((mail) => mail.subject)).toEqual(['Message 0']);
    expect(await temp.db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    await smtp.close();

    await queue(1);
    for (const ms of [100_000, 110_000]) expect((await drain(ms)).retried).toBe(1);
    expect(await drain(130_000)).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await temp.db.outboxMessage.findFirstOrThrow({ where: { status: { not: 'sent' } } })).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringMatching(/ECONNREFUSED/) });
    expect(await drain(1_000_000)).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('takes over the claim of a sender that stopped answering once its lease is over, and sends once', async () => {
    // An SMTP server that accepts connections and never says a word: its sender hangs holding its claim.
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as { port: number }).port;
    cleanups.push(() => new Promise((resolve) => silent.close(resolve)));
    const smtp = await receiver();
    await queue(1);

    const stuck = drainOutbox(temp.db, {
      transport: nodemailer.createTransport({ url: `smtp://127.0.0.1:${silentPort}`, greetingTimeout: 120_000 }),
      from: FROM,
      policy: POLICY,
      now: at(0),
    });
    await expect.poll(async () => (await temp.db.outboxMessage.findFirstOrThrow()).claimToken).not.toBeNull();

    const other = (ms: number) => drainOutbox(temp.db, { transport: smtpTransport(smtp.url), from: FROM, policy: POLICY, now: at(ms) });
    expect(await other(59_000)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await other(60_000)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);

    // The stuck sender's attempt ends in failure: its claim is gone, so it changes nothing.
    for (const socket of sockets) socket.destroy();
    await stuck;
    expect(await temp.db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'sent', attempts: 2, lastError: null, claimToken: null });
    expect(smtp.mails).toHaveLength(1);
  });
});
