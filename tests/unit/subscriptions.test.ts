import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { postComment, type PostContext } from '@/lib/comments/service';
import { getSubscriptionSecret } from '@/lib/config';
import { drainOutbox, smtpTransport } from '@/lib/mail/outbox-sender';
import { moderateComments, replyAsAuthor } from '@/lib/admin/moderation';
import { signConfirmation, verifyConfirmation } from '@/lib/subscriptions/links';
import { gatherNotices } from '@/lib/subscriptions/gather';
import { confirmSubscriptions, findSubscriptionsOfToken, requestSubscriptions, unsubscribe, unsubscribeAll } from '@/lib/subscriptions/service';
import { seed } from '@/prisma/seed';
import { after, before, days } from './helpers/clock';
import { startSmtpReceiver } from './helpers/smtp-receiver';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

const OPEN = 'le-marketing-2-0-c-est-quoi';
const SECRET = getSubscriptionSecret();

let temp: TempDatabase;
let articles: Article[];
let context: PostContext;
let ip = 0;

beforeEach(async () => {
  temp = await createTempDatabase();
  articles = await readArticles();
  await seed(temp.db, articles);
  context = { db: temp.db, ip: '203.0.113.7', articles: async () => articles, rateLimit: null, notifyAuthorTo: null };
});
afterEach(async () => temp.cleanup());

const titleOfOpen = () => articles.find((article) => article.slug === OPEN)?.title ?? '';

async function post(name: string, input: Record<string, unknown>) {
  ip += 1;
  const result = await postComment(OPEN, { name, email: `${name.toLowerCase()}@exemple.fr`, body: `Le commentaire de ${name}, n° ${ip}.`, ...input }, { ...context, ip: `203.0.113.${ip}` });
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** The confirmation link's query, read from the e-mail queued for this address. */
async function confirmationOf(email: string) {
  const message = await temp.db.outboxMessage.findFirstOrThrow({ where: { kind: 'subscription-confirmation', to: email }, orderBy: { id: 'desc' } });
  const link = /https?:\/\/\S+\/abonnements\/confirmer\?\S+/.exec(message.text)?.[0];
  if (!link) throw new Error('no confirmation link');
  return Object.fromEntries(new URL(link).searchParams);
}

async function subscribedAndConfirmed(name: string, input: Record<string, unknown>) {
  const result = await post(name, input);
  expect(await confirmSubscriptions(temp.db, await confirmationOf(`${name.toLowerCase()}@exemple.fr`), SECRET)).toMatchObject({ ok: true });
  return result;
}

/** Gathers every notice at once (no delay, no interval): one e-mail per subscription that has news. */
const gatherAll = () => gatherNotices(temp.db, { now: new Date(), policy: { delayMs: 0, intervalMs: 0 } });

const notificationsTo = async (email: string) => {
  await gatherAll();
  return temp.db.outboxMessage.findMany({ where: { kind: 'subscriber-notification', to: email }, orderBy: { id: 'asc' } });
};

describe('subscribing with double opt-in', () => {
  it('queues one confirmation e-mail for the ticked boxes and subscribes no one until its signed link is followed', async () => {
    const result = await post('Alice', { notifyReplies: 'on', notifyArticle: true });
    expect(result.message).toContain('Un e-mail vous a été envoyé pour confirmer votre abonnement.');
    expect(await temp.db.subscription.findMany({ orderBy: { id: 'asc' } })).toMatchObject([
      { email: 'alice@exemple.fr', scope: 'replies', commentId: result.comment.id, status: 'pending' },
      { email: 'alice@exemple.fr', scope: 'article', commentId: null, status: 'pending' },
    ]);
    const [confirmation] = await temp.db.outboxMessage.findMany();
    expect(confirmation).toMatchObject({ kind: 'subscription-confirmation', to: 'alice@exemple.fr', status: 'waiting' });
    expect(confirmation?.text).toContain('des réponses à votre commentaire et de tous les nouveaux commentaires de cet article');

    expect(await confirmSubscriptions(temp.db, await confirmationOf('alice@exemple.fr'), SECRET)).toMatchObject({ ok: true });
    expect(await temp.db.subscription.count({ where: { status: 'confirmed' } })).toBe(2);
  });

  it('subscribes no one and sends nothing when no box is ticked', async () => {
    const result = await post('Bruno', {});
    expect(result.message).not.toContain('abonnement');
    expect(await temp.db.subscription.count()).toBe(0);
    expect(await temp.db.outboxMessage.count()).toBe(0);
  });

  it('refuses a forged, altered or expired confirmation link', async () => {
    await post('Chloe', { notifyArticle: 'on' });
    const params = await confirmationOf('chloe@exemple.fr');
    const now = new Date();
    expect(await confirmSubscriptions(temp.db, { ...params, ids: `${params.ids},999` }, SECRET)).toEqual({ ok: false, message: 'Ce lien de confirmation n’est pas valide.' });
    expect(await confirmSubscriptions(temp.db, params, 'une autre clé, assez longue pour en être une')).toMatchObject({ ok: false });
    expect(await confirmSubscriptions(temp.db, { ...params, signature: undefined }, SECRET)).toMatchObject({ ok: false });
    expect(await confirmSubscriptions(temp.db, params, SECRET, new Date(now.getTime() + 8 * 86_400_000))).toMatchObject({ ok: false, message: expect.stringMatching(/expiré/) });
    expect(await temp.db.subscription.count({ where: { status: 'confirmed' } })).toBe(0);

    const expired = signConfirmation([1], new Date(now.getTime() - 1000), SECRET);
    expect(verifyConfirmation(expired, SECRET, now)).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('notifying subscribers', () => {
  it('tells confirmed subscribers of a new published comment, never its own author nor an unconfirmed address, with one-click unsubscribe', async () => {
    const alice = await subscribedAndConfirmed('Alice', { notifyArticle: 'on' });
    const bruno = await subscribedAndConfirmed('Bruno', { notifyReplies: 'on' });
    await post('Chloe', { notifyArticle: 'on' });
    expect(alice.comment.id).toBeGreaterThan(0);

    // Bruno's and Chloé's comments, posted after Alice confirmed, were announced to her in one e-mail.
    const count = async (email: string) => (await notificationsTo(email)).length;
    expect(await count('alice@exemple.fr')).toBe(1);
    expect((await notificationsTo('alice@exemple.fr'))[0]?.subject).toBe(`2 nouveaux commentaires sur « ${titleOfOpen()} »`);
    await post('Alice', {});
    expect(await count('alice@exemple.fr')).toBe(1);
    // A top-level comment: Alice follows the article; Bruno only the replies to his comment; Chloé never confirmed.
    const denis = await post('Denis', {});
    expect(await count('alice@exemple.fr')).toBe(2);
    expect(await count('bruno@exemple.fr')).toBe(0);
    expect(await count('chloe@exemple.fr')).toBe(0);
    // A reply to Bruno's comment: Bruno and Alice, once each.
    await post('Denise', { parentId: String(bruno.comment.id) });
    expect(await count('alice@exemple.fr')).toBe(3);
    expect(await count('bruno@exemple.fr')).toBe(1);
    expect((await notificationsTo('bruno@exemple.fr'))[0]?.subject).toBe(`Nouvelle réponse à votre commentaire sur « ${titleOfOpen()} »`);

    const first = (await notificationsTo('alice@exemple.fr')).find((message) => message.text.includes(`/commentaires/${denis.comment.id}`));
    const token = (await temp.db.subscription.findFirstOrThrow({ where: { email: 'alice@exemple.fr', scope: 'article' } })).unsubscribeToken;
    expect(first?.text).toContain(`/articles/${OPEN}/commentaires/${denis.comment.id}`);
    expect(first?.text).toContain(`/abonnements/desabonner?jeton=${token}`);
    expect(JSON.parse(first?.headers ?? '{}')).toEqual({
      'List-Unsubscribe': `<http://localhost:3000/api/abonnements/desabonner?jeton=${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });

    const smtp = await startSmtpReceiver();
    try {
      await drainOutbox(temp.db, { transport: smtpTransport(smtp.url), from: 'site@exemple.fr' });
      const received = smtp.mails.find((mail) => mail.to === 'alice@exemple.fr' && mail.subject?.startsWith('Nouveau commentaire'));
      expect(received?.headerLines['list-unsubscribe-post']).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(received?.headerLines['list-unsubscribe']).toMatch(/^List-Unsubscribe: <http:\/\/localhost:3000\/api\/abonnements\/desabonner\?jeton=[\w-]+>$/);
    } finally {
      await smtp.close();
    }
  });

  it('tells no subscriber of a held comment, and no one who unsubscribed', async () => {
    const alice = await subscribedAndConfirmed('Alice', { notifyArticle: 'on' });
    expect(alice.comment.status).toBe('published');
    const held = await post('Bruno', { body: 'Deux liens https://a.example https://b.example' });
    expect(held.comment.status).toBe('pending');
    expect(await notificationsTo('alice@exemple.fr')).toHaveLength(0);

    const token = (await temp.db.subscription.findFirstOrThrow({ where: { email: 'alice@exemple.fr' } })).unsubscribeToken;
    expect(await unsubscribe(temp.db, 'inconnu-inconnu-inconnu')).toBe(false);
    expect(await unsubscribe(temp.db, token)).toBe(true);
    await post('Chloe', {});
    expect(await notificationsTo('alice@exemple.fr')).toHaveLength(0);
  });

  it('announces a held comment when the author approves it, once, and the author’s reply to a followed thread', async () => {
    const alice = await subscribedAndConfirmed('Alice', { notifyReplies: 'on' });
    await subscribedAndConfirmed('Bruno', { notifyArticle: 'on' });
    const held = await post('Chloe', { body: 'Deux liens https://a.example https://b.example', parentId: String(alice.comment.id) });
    expect(held.comment.status).toBe('pending');
    expect(await notificationsTo('alice@exemple.fr')).toHaveLength(0);

    await moderateComments(temp.db, 'approve', [held.comment.id], 'auteur@exemple.fr');
    expect((await notificationsTo('alice@exemple.fr')).map((message) => message.text.includes(`/commentaires/${held.comment.id}`))).toEqual([true]);
    expect(await notificationsTo('bruno@exemple.fr')).toHaveLength(1);
    // Deleted then restored: it was announced already.
    await moderateComments(temp.db, 'delete', [held.comment.id], 'auteur@exemple.fr');
    await moderateComments(temp.db, 'restore', [held.comment.id], 'auteur@exemple.fr');
    expect(await notificationsTo('alice@exemple.fr')).toHaveLength(1);

    const reply = await replyAsAuthor(temp.db, alice.comment.id, 'Merci pour ce commentaire.', { email: 'auteur@exemple.fr' });
    expect(reply.ok).toBe(true);
    expect(await notificationsTo('alice@exemple.fr')).toHaveLength(2);
    expect(await notificationsTo('bruno@exemple.fr')).toHaveLength(2);
    expect(await notificationsTo('auteur@exemple.fr')).toHaveLength(0);
  });
});

describe('an address its owner confirmed', () => {
  const article = () => {
    const found = articles.find((candidate) => candidate.slug === OPEN);
    if (!found) throw new Error('no article');
    return found;
  };
  const ask = (email: string, scope: 'article' | 'replies', now: Date, threadId = 1) =>
    requestSubscriptions(temp.db, { email, article: article(), threadId, scopes: [scope] }, { siteUrl: 'http://localhost:3000', secret: SECRET, now });
  const confirmations = (email: string) => temp.db.outboxMessage.count({ where: { kind: 'subscription-confirmation', to: email } });

  it('is not asked again for 12 months, is asked after them, and is asked again after it unsubscribed', async () => {
    // Thirteen months ago, to the day: the last request is made now.
    const confirmedAt = before(days(396));
    const later = (count: number) => after(days(count), confirmedAt);
    expect(await ask('alice@exemple.fr', 'article', confirmedAt)).toBe('asked');
    expect(await confirmSubscriptions(temp.db, await confirmationOf('alice@exemple.fr'), SECRET, confirmedAt)).toMatchObject({ ok: true });

    // Eleven months later, the replies to another comment: subscribed at once, no e-mail.
    expect(await ask('alice@exemple.fr', 'replies', later(334), 7)).toBe('subscribed');
    expect(await confirmations('alice@exemple.fr')).toBe(1);
    expect(await temp.db.subscription.findFirst({ where: { email: 'alice@exemple.fr', scope: 'replies' } })).toMatchObject({ status: 'confirmed', confirmedAt });
    // Thirteen months after the click: asked again.
    expect(await ask('alice@exemple.fr', 'replies', later(396), 8)).toBe('asked');
    expect(await confirmations('alice@exemple.fr')).toBe(2);

    // An address that said stop is asked before anything restarts.
    expect(await ask('bruno@exemple.fr', 'article', confirmedAt)).toBe('asked');
    await confirmSubscriptions(temp.db, await confirmationOf('bruno@exemple.fr'), SECRET, confirmedAt);
    const token = (await temp.db.subscription.findFirstOrThrow({ where: { email: 'bruno@exemple.fr' } })).unsubscribeToken;
    expect(await unsubscribe(temp.db, token, later(22))).toBe(true);
    expect(await ask('bruno@exemple.fr', 'replies', later(50), 9)).toBe('asked');
  });

  it('is told by the form’s message that it is subscribed without a new e-mail', async () => {
    await subscribedAndConfirmed('Alice', { notifyArticle: 'on' });
    const again = await post('Alice', { notifyReplies: 'on' });
    expect(again.message).toContain('Votre adresse est déjà confirmée : vous serez prévenu(e) par e-mail.');
    expect(await confirmations('alice@exemple.fr')).toBe(1);
  });
});

describe('the page reached from every e-mail', () => {
  it('lists the address’s subscriptions, ends one by its own token, and all of them by one', async () => {
    await subscribedAndConfirmed('Alice', { notifyArticle: 'on', notifyReplies: 'on' });
    await subscribedAndConfirmed('Bruno', { notifyArticle: 'on' });
    const [replies, whole] = await temp.db.subscription.findMany({ where: { email: 'alice@exemple.fr' }, orderBy: { scope: 'desc' } });
    if (!replies || !whole) throw new Error('two subscriptions expected');

    const listed = await findSubscriptionsOfToken(temp.db, whole.unsubscribeToken);
    expect(listed?.email).toBe('alice@exemple.fr');
    expect(listed?.running.map((subscription) => subscription.scope).sort()).toEqual(['article', 'replies']);
    expect(await findSubscriptionsOfToken(temp.db, 'inconnu-inconnu-inconnu')).toBeNull();

    // One by one: the notices it had not sent go with it.
    await post('Chloe', { parentId: String(replies.commentId) });
    expect(await unsubscribe(temp.db, whole.unsubscribeToken)).toBe(true);
    expect(await temp.db.subscriptionNotice.count({ where: { subscriptionId: whole.id } })).toBe(0);
    expect((await findSubscriptionsOfToken(temp.db, whole.unsubscribeToken))?.running.map((subscription) => subscription.scope)).toEqual(['replies']);

    // All at once, from any of its tokens; another address keeps its own.
    expect(await unsubscribeAll(temp.db, whole.unsubscribeToken)).toBe(1);
    expect(await temp.db.subscription.count({ where: { email: 'alice@exemple.fr', status: { not: 'unsubscribed' } } })).toBe(0);
    expect(await temp.db.subscription.count({ where: { email: 'bruno@exemple.fr', status: 'confirmed' } })).toBe(1);
    expect(await unsubscribeAll(temp.db, 'inconnu-inconnu-inconnu')).toBeNull();
    expect(await notificationsTo('alice@exemple.fr')).toEqual([]);
  });
});

describe('the writer of a held comment', () => {
  it('gets one e-mail when the author approves it, if they asked for follow-ups and confirmed their address', async () => {
    // Alice's address is confirmed already: the box she ticks with the held comment subscribes her at once.
    const alice = await subscribedAndConfirmed('Alice', { notifyReplies: 'on' });
    const twoLinks = 'Deux liens https://a.example https://b.example';
    const held = await post('Alice', { body: `${twoLinks} — Alice`, notifyReplies: 'on' });
    const unconfirmed = await post('Bruno', { body: `${twoLinks} — Bruno`, notifyReplies: 'on' });
    const silent = await post('Chloe', { body: `${twoLinks} — Chloé` });
    expect([held, unconfirmed, silent].map((result) => result.comment.status)).toEqual(['pending', 'pending', 'pending']);
    expect(alice.comment.status).toBe('published');

    await moderateComments(temp.db, 'approve', [held.comment.id, unconfirmed.comment.id, silent.comment.id], 'auteur@exemple.fr');
    const notices = await temp.db.outboxMessage.findMany({ where: { kind: 'approval-notice' } });
    expect(notices.map((message) => message.to)).toEqual(['alice@exemple.fr']);
    expect(notices[0]?.subject).toBe(`Votre commentaire sur « ${titleOfOpen()} » est publié`);
    expect(notices[0]?.text).toContain(`/articles/${OPEN}/commentaires/${held.comment.id}`);
    expect(notices[0]?.html).toContain('Deux liens https://a.example https://b.example — Alice');
    expect(JSON.parse(notices[0]?.headers ?? '{}')['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    // Approved again after being hidden: no second notice.
    await moderateComments(temp.db, 'delete', [held.comment.id], 'auteur@exemple.fr');
    await moderateComments(temp.db, 'restore', [held.comment.id], 'auteur@exemple.fr');
    expect(await temp.db.outboxMessage.count({ where: { kind: 'approval-notice' } })).toBe(1);

    const smtp = await startSmtpReceiver();
    try {
      await drainOutbox(temp.db, { transport: smtpTransport(smtp.url), from: 'site@exemple.fr' });
      expect(smtp.mails.filter((mail) => mail.subject?.startsWith('Votre commentaire')).map((mail) => mail.to)).toEqual(['alice@exemple.fr']);
      expect(smtp.mails.filter((mail) => mail.to === 'bruno@exemple.fr').map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Confirmez/)]);
    } finally {
      await smtp.close();
    }
  });
});
