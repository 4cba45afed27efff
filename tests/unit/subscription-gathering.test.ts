import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { postComment, type PostContext } from '@/lib/comments/service';
import { moderateComments } from '@/lib/admin/moderation';
import { drainOutbox, smtpTransport, startOutboxSender } from '@/lib/mail/outbox-sender';
import { gatherNotices, type GatherPolicy } from '@/lib/subscriptions/gather';
import { MAX_COMMENTS_PER_MAIL } from '@/lib/subscriptions/mail';
import { requestSubscriptions } from '@/lib/subscriptions/service';
import { seed } from '@/prisma/seed';
import { startSmtpReceiver } from './helpers/smtp-receiver';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

const OPEN = 'le-marketing-2-0-c-est-quoi';
const POLICY: GatherPolicy = { delayMs: 120_000, intervalMs: 15 * 60_000 };
// Relative to the real clock: the sender below reads it, and sends what the test dates made due.
const START = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (ms: number) => new Date(START.getTime() + ms);

let temp: TempDatabase;
let articles: Article[];
let context: PostContext;
let posted = 0;

beforeEach(async () => {
  temp = await createTempDatabase();
  articles = await readArticles();
  await seed(temp.db, articles);
  context = { db: temp.db, ip: '203.0.113.7', articles: async () => articles, rateLimit: null, notifyAuthorTo: null };
});
afterEach(async () => temp.cleanup());

async function post(name: string, now: Date, input: Record<string, unknown> = {}) {
  posted += 1;
  const result = await postComment(OPEN, { name, email: `${name.toLowerCase()}@exemple.fr`, body: `Le commentaire n° ${posted} de ${name}.`, ...input }, { ...context, now, ip: `198.51.100.${posted % 250}` });
  if (!result.ok) throw new Error(result.message);
  return result.comment;
}

/** A confirmed subscription, as if its owner had followed the link (the link itself is tested in subscriptions.test.ts). */
async function subscribe(email: string, scope: 'article' | 'replies', threadId = 0) {
  const article = articles.find((candidate) => candidate.slug === OPEN);
  if (!article) throw new Error('no article');
  await requestSubscriptions(temp.db, { email, article, threadId, scopes: [scope] }, { siteUrl: 'https://site.exemple', secret: 'une clé de test assez longue pour HMAC', now: at(-3_600_000) });
  await temp.db.subscription.updateMany({ where: { email }, data: { status: 'confirmed', confirmedAt: at(-3_600_000) } });
}

const digests = (to?: string) => temp.db.outboxMessage.findMany({ where: { kind: 'subscriber-notification', ...(to ? { to } : {}) }, orderBy: { id: 'asc' } });

describe('gathering the notices of a busy thread', () => {
  it('turns a flood of 100 comments in one minute into one e-mail per subscriber, delivered once by a real SMTP server', async () => {
    const thread = await post('Chloe', at(-60_000));
    await subscribe('chloe@exemple.fr', 'replies', thread.id);
    await subscribe('alice@exemple.fr', 'article');
    await subscribe('bruno@exemple.fr', 'article');

    for (let index = 0; index < 100; index += 1) {
      await post(`Lecteur${index}`, at(index * 600), index % 10 === 0 ? { parentId: String(thread.id) } : {});
    }
    expect(await temp.db.subscriptionNotice.count()).toBe(100 + 100 + 10);

    // Within the delay after the first notice, nothing is gathered yet.
    expect(await gatherNotices(temp.db, { now: at(60_000), policy: POLICY })).toBe(0);
    expect(await gatherNotices(temp.db, { now: at(POLICY.delayMs + 1000), policy: POLICY })).toBe(3);
    expect(await temp.db.subscriptionNotice.count()).toBe(0);

    const [alice] = await digests('alice@exemple.fr');
    expect(alice?.subject).toMatch(/^100 nouveaux commentaires sur « /);
    expect(alice?.text.match(/Lire sur le site : /g)).toHaveLength(MAX_COMMENTS_PER_MAIL);
    expect(alice?.text).toContain('Le commentaire n° 2 de Lecteur0.');
    expect(alice?.text).toContain(`Et ${100 - MAX_COMMENTS_PER_MAIL} autres commentaires : `);
    const [chloe] = await digests('chloe@exemple.fr');
    expect(chloe?.subject).toMatch(/^10 nouvelles réponses à votre commentaire sur « /);
    expect(chloe?.text.match(/Lire sur le site : /g)).toHaveLength(10);

    const smtp = await startSmtpReceiver();
    try {
      await drainOutbox(temp.db, { transport: smtpTransport(smtp.url), from: 'site@exemple.fr', now: () => at(POLICY.delayMs + 2000) });
      const received = smtp.mails.filter((mail) => mail.subject && /nouve/.test(mail.subject));
      expect(received.map((mail) => mail.to).sort()).toEqual(['alice@exemple.fr', 'bruno@exemple.fr', 'chloe@exemple.fr']);
      expect(received.every((mail) => mail.html?.includes('<blockquote') && mail.headerLines['list-unsubscribe-post'])).toBe(true);
    } finally {
      await smtp.close();
    }
  });

  it('sends at most one e-mail per subscriber and thread in the interval, and gathers what came in between', async () => {
    await subscribe('alice@exemple.fr', 'article');
    await post('Bruno', at(0));
    expect(await gatherNotices(temp.db, { now: at(POLICY.delayMs), policy: POLICY })).toBe(1);

    // Two more, three and six minutes later: not before fifteen minutes after the first e-mail.
    await post('Chloe', at(3 * 60_000));
    await post('Denis', at(6 * 60_000));
    expect(await gatherNotices(temp.db, { now: at(10 * 60_000), policy: POLICY })).toBe(0);
    expect(await gatherNotices(temp.db, { now: at(POLICY.delayMs + POLICY.intervalMs - 1000), policy: POLICY })).toBe(0);
    expect(await gatherNotices(temp.db, { now: at(POLICY.delayMs + POLICY.intervalMs), policy: POLICY })).toBe(1);
    expect((await digests()).map((message) => message.subject.split(' sur ')[0])).toEqual(['Nouveau commentaire', '2 nouveaux commentaires']);
  });

  it('leaves out a comment deleted or taken for spam before sending, and sends nothing when none is left', async () => {
    await subscribe('alice@exemple.fr', 'article');
    const kept = await post('Bruno', at(0));
    const deleted = await post('Chloe', at(1000));
    const spam = await post('Denis', at(2000));
    await moderateComments(temp.db, 'delete', [deleted.id], 'auteur@exemple.fr');
    await moderateComments(temp.db, 'spam', [spam.id], 'auteur@exemple.fr');
    expect(await gatherNotices(temp.db, { now: at(POLICY.delayMs + 2000), policy: POLICY })).toBe(1);
    const [message] = await digests();
    expect(message?.subject).toMatch(/^Nouveau commentaire sur/);
    expect(message?.text).toContain(`/commentaires/${kept.id}`);
    expect(message?.text).not.toContain(`/commentaires/${deleted.id}`);
    expect(message?.text).not.toContain(`/commentaires/${spam.id}`);

    // Everything removed: no e-mail, and the interval is not spent on it.
    const later = await post('Emma', at(20 * 60_000));
    await moderateComments(temp.db, 'spam', [later.id], 'auteur@exemple.fr');
    expect(await gatherNotices(temp.db, { now: at(40 * 60_000), policy: POLICY })).toBe(0);
    expect(await temp.db.subscriptionNotice.count()).toBe(0);
    const subscription = await temp.db.subscription.findFirstOrThrow({ where: { email: 'alice@exemple.fr' } });
    expect(subscription.lastNotifiedAt?.getTime()).toBe(at(POLICY.delayMs + 2000).getTime());
  });

  it('escapes the readers’ text in the HTML part', async () => {
    await subscribe('alice@exemple.fr', 'article');
    await post('Bruno', at(0), { name: '<b>Bruno</b>', body: 'Un <script>alert("x")</script> & <img src=x onerror=alert(1)> ici.' });
    await gatherNotices(temp.db, { now: at(POLICY.delayMs), policy: POLICY });
    const [message] = await digests();
    expect(message?.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
    expect(message?.html).toContain('&lt;b&gt;Bruno&lt;/b&gt;');
    expect(message?.html).not.toMatch(/<script|<img|<b>/);
    expect(message?.text).toContain('Un <script>alert("x")</script>');
  });

  it('gathers a subscription once when two senders gather at the same time', async () => {
    for (const name of ['alice', 'bruno', 'chloe', 'denis', 'emma']) await subscribe(`${name}@exemple.fr`, 'article');
    for (let index = 0; index < 5; index += 1) await post(`Lecteur${index}`, at(index * 1000));
    const now = at(POLICY.delayMs + 5000);
    const counts = await Promise.all([gatherNotices(temp.db, { now, policy: POLICY }), gatherNotices(temp.db, { now, policy: POLICY })]);
    expect(counts[0] + counts[1]).toBe(5);
    expect((await digests()).map((message) => message.to).sort()).toEqual(['alice@exemple.fr', 'bruno@exemple.fr', 'chloe@exemple.fr', 'denis@exemple.fr', 'emma@exemple.fr']);
  });

  it('drops the notices of a subscription ended before they were gathered', async () => {
    await subscribe('alice@exemple.fr', 'article');
    await post('Bruno', at(0));
    await temp.db.subscription.updateMany({ where: { email: 'alice@exemple.fr' }, data: { status: 'unsubscribed', unsubscribedAt: at(1000) } });
    expect(await gatherNotices(temp.db, { now: at(POLICY.delayMs), policy: POLICY })).toBe(0);
    expect(await temp.db.subscriptionNotice.count()).toBe(0);
    expect(await digests()).toEqual([]);
  });

  it('is run by the sender when the notices of each wake come due, even when wakes follow each other within a second', async () => {
    const article = articles.find((candidate) => candidate.slug === OPEN);
    if (!article) throw new Error('no article');
    const first = await post('Alice', new Date());
    const second = await post('Bruno', new Date());
    await subscribe('chloe@exemple.fr', 'replies', first.id);
    await subscribe('denis@exemple.fr', 'replies', second.id);
    const smtp = await startSmtpReceiver();
    const policy = { delayMs: 300, intervalMs: 0 };
    // Polling once a minute: only the wakes' own timers can deliver within the test.
    const sender = startOutboxSender(temp.db, {
      transport: smtpTransport(smtp.url),
      from: 'site@exemple.fr',
      intervalMs: 60_000,
      gather: { run: (now) => gatherNotices(temp.db, { now, policy }), delayMs: policy.delayMs },
    });
    try {
      await post('Emma', new Date(), { parentId: String(first.id) });
      await new Promise((resolve) => setTimeout(resolve, 700));
      await post('Emma', new Date(), { parentId: String(second.id) });
      // The subscriptions' confirmation e-mails go too (requested an hour ago): only the notifications count here.
      const notifications = () => smtp.mails.filter((mail) => mail.subject?.includes('réponse')).map((mail) => mail.to).sort();
      await expect.poll(notifications, { timeout: 3000 }).toEqual(['chloe@exemple.fr', 'denis@exemple.fr']);
    } finally {
      sender.stop();
      await sender.drained();
      await smtp.close();
    }
  });
});
