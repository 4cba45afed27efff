import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drainOutbox, smtpTransport } from '@/lib/mail/outbox-sender';
import { announceLaunch, type LaunchState } from '@/lib/subscriptions/launch-announcements';
import { requestSiteList, type SiteList } from '@/lib/subscriptions/site-lists';
import { confirmSubscriptions, unsubscribe } from '@/lib/subscriptions/service';
import { eraseExpiredData } from '@/lib/privacy/retention';
import { readSettings } from '@/lib/settings';
import { startSmtpReceiver } from './helpers/smtp-receiver';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

// Dates relative to the real clock: the rows are written with them, and the sender reads it.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (ms: number) => new Date(NOW.getTime() + ms);
const MINUTE = 60_000;
const SECRET = 'une clé de test assez longue pour HMAC, vraiment';
const SITE = 'https://site.exemple';
const RELEASE = at(60 * MINUTE);
const BOOK = { fullTitle: 'Marketing 2.0 – L’intelligence collective', author: 'François Laurent', release: RELEASE };

let temp: TempDatabase;
let ip = 0;
beforeEach(async () => {
  temp = await createTempDatabase();
});
afterEach(async () => temp.cleanup());

function ask(email: string, list: SiteList, now: Date, rateLimit: { max: number; windowSeconds: number } | null = null, ipHash = `adresse-${(ip += 1)}`) {
  return requestSiteList(temp.db, { email, list, ipHash }, { siteUrl: SITE, secret: SECRET, now, rateLimit, book: BOOK });
}

async function confirm(email: string, now: Date) {
  const message = await temp.db.outboxMessage.findFirstOrThrow({ where: { kind: 'subscription-confirmation', to: email }, orderBy: { id: 'desc' } });
  const link = /https?:\/\/\S+\/abonnements\/confirmer\?\S+/.exec(message.text)?.[0];
  if (!link) throw new Error('no confirmation link');
  return confirmSubscriptions(temp.db, Object.fromEntries(new URL(link).searchParams), SECRET, now, BOOK);
}

const state = (now: Date, articles: LaunchState['articles'] = []): LaunchState => ({ now, siteUrl: SITE, book: BOOK, articles });
const announcements = (kind: string) => temp.db.outboxMessage.findMany({ where: { kind }, orderBy: { to: 'asc' } });

describe('« Prévenez-moi de la parution »', () => {
  it('asks for confirmation by a signed link, then sends one e-mail at the release to each address confirmed before it, through a real SMTP server', async () => {
    for (const name of ['alice', 'bruno', 'chloe']) {
      expect(await ask(`${name}@exemple.fr`, 'release', at(-10 * MINUTE))).toMatchObject({ ok: true, status: 'asked' });
      expect(await confirm(`${name}@exemple.fr`, at(-9 * MINUTE))).toMatchObject({ ok: true, message: expect.stringContaining('Vous recevrez un seul e-mail') });
    }
    // Asked, never confirmed; confirmed then unsubscribed: nothing for them.
    await ask('denis@exemple.fr', 'release', at(-8 * MINUTE));
    await ask('emma@exemple.fr', 'release', at(-8 * MINUTE));
    await confirm('emma@exemple.fr', at(-7 * MINUTE));
    const emma = await temp.db.subscription.findFirstOrThrow({ where: { email: 'emma@exemple.fr' } });
    await unsubscribe(temp.db, emma.unsubscribeToken, at(-6 * MINUTE));

    expect(await announceLaunch(temp.db, state(at(59 * MINUTE)))).toBe(0);
    // Two processes at the release instant, and a third round later: still one each.
    const counts = await Promise.all([announceLaunch(temp.db, state(RELEASE)), announceLaunch(temp.db, state(RELEASE))]);
    expect(counts[0] + counts[1]).toBe(3);
    expect(await announceLaunch(temp.db, state(at(120 * MINUTE)))).toBe(0);

    const smtp = await startSmtpReceiver();
    try {
      await drainOutbox(temp.db, { transport: smtpTransport(smtp.url), from: 'site@exemple.fr', now: () => RELEASE });
      const released = smtp.mails.filter((mail) => mail.subject?.includes('est en librairie'));
      expect(released.map((mail) => mail.to).sort()).toEqual(['alice@exemple.fr', 'bruno@exemple.fr', 'chloe@exemple.fr']);
      for (const mail of released) {
        const own = await temp.db.subscription.findFirstOrThrow({ where: { email: mail.to, scope: 'release' } });
        expect(mail.headerLines['list-unsubscribe']).toContain(`/api/abonnements/desabonner?jeton=${own.unsubscribeToken}`);
        expect(mail.headerLines['list-unsubscribe-post']).toContain('List-Unsubscribe=One-Click');
        expect(mail.text).toContain(`/abonnements/desabonner?jeton=${own.unsubscribeToken}`);
        expect(mail.text).not.toContain('{{jeton}}');
      }
    } finally {
      await smtp.close();
    }
  });

  it('tells an address confirmed after the release that the book is out, and sends it nothing more', async () => {
    await ask('alice@exemple.fr', 'release', at(-10 * MINUTE));
    expect(await announceLaunch(temp.db, state(RELEASE))).toBe(0);
    expect(await confirm('alice@exemple.fr', at(61 * MINUTE))).toMatchObject({ ok: true, message: expect.stringContaining('il est déjà en librairie') });
    expect(await announceLaunch(temp.db, state(at(62 * MINUTE)))).toBe(0);
    expect(await announcements('release-announcement')).toEqual([]);
    // And after the release, the list takes no one.
    expect(await ask('bruno@exemple.fr', 'release', at(63 * MINUTE))).toMatchObject({ ok: false, reason: 'released' });
  });

  it('refuses a malformed address in French and stores nothing', async () => {
    expect(await ask('pas une adresse', 'release', NOW)).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/^Adresse e-mail invalide/) });
    expect(await temp.db.subscription.count()).toBe(0);
    expect(await temp.db.outboxMessage.count()).toBe(0);
  });

  it('counts in the address’s rate limit, even in a parallel burst, and stores nothing for the refused', async () => {
    const limit = { max: 2, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 6 }, (_, index) => ask(`lecteur${index}@exemple.fr`, 'release', NOW, limit, 'la-meme-adresse')));
    expect(results.filter((result) => result.ok)).toHaveLength(2);
    expect(results.filter((result) => !result.ok && result.reason === 'limited')).toHaveLength(4);
    expect(results.find((result) => !result.ok)?.message).toMatch(/^Trop de demandes depuis votre adresse : réessayez dans \d+ secondes\.$/);
    expect(await temp.db.subscription.count()).toBe(2);
    expect(await temp.db.outboxMessage.count()).toBe(2);
    // Another address is not held back.
    expect(await ask('autre@exemple.fr', 'release', NOW, limit, 'une-autre-adresse')).toMatchObject({ ok: true });
  });

  it('forgets the requester’s address hash with the comments’ ones, after the author’s period', async () => {
    await ask('alice@exemple.fr', 'release', NOW);
    await confirm('alice@exemple.fr', NOW);
    const { ipHashRetentionDays } = await readSettings(temp.db);
    await eraseExpiredData(temp.db, at((ipHashRetentionDays - 1) * 86_400_000));
    expect((await temp.db.subscription.findFirstOrThrow()).ipHash).toMatch(/^adresse-/);
    await eraseExpiredData(temp.db, at((ipHashRetentionDays + 1) * 86_400_000));
    expect((await temp.db.subscription.findFirstOrThrow()).ipHash).toBeNull();
  });

  it('queues 10,000 confirmed addresses in one go, one message each', async () => {
    const confirmedAt = at(-30 * MINUTE);
    await temp.db.subscription.createMany({
      data: Array.from({ length: 10_000 }, (_, index) => ({ email: `lecteur${index}@exemple.fr`, articleSlug: '', scope: 'release', status: 'confirmed', confirmedAt, lastNotifiedAt: confirmedAt, createdAt: confirmedAt, unsubscribeToken: `jeton-de-test-${String(index).padStart(6, '0')}` })),
    });
    expect(await announceLaunch(temp.db, state(RELEASE))).toBe(10_000);
    expect(await announceLaunch(temp.db, state(RELEASE))).toBe(0);
    expect(await temp.db.outboxMessage.count({ where: { kind: 'release-announcement' } })).toBe(10_000);
    const sample = await temp.db.outboxMessage.findFirstOrThrow({ where: { to: 'lecteur1234@exemple.fr' } });
    expect(sample.text).toContain('jeton=jeton-de-test-001234');
  }, 60_000);
});

describe('« Nouveaux articles »', () => {
  const article = (slug: string, publishAt: Date) => ({ slug, title: `L’article ${slug}`, description: `Le résumé de ${slug}.`, author: 'François Laurent', publishAt });

  it('sends one e-mail per article when it becomes public, to the addresses confirmed before, never twice', async () => {
    await ask('alice@exemple.fr', 'new-articles', at(-10 * MINUTE));
    expect(await confirm('alice@exemple.fr', at(-9 * MINUTE))).toMatchObject({ ok: true, message: expect.stringContaining('chaque nouvel article') });
    const first = article('premier', at(5 * MINUTE));
    const second = article('second', at(10 * MINUTE));
    // Not yet public: nothing. Then each at its instant, once.
    expect(await announceLaunch(temp.db, state(at(4 * MINUTE), []))).toBe(0);
    expect(await announceLaunch(temp.db, state(at(5 * MINUTE), [first]))).toBe(1);
    await ask('bruno@exemple.fr', 'new-articles', at(6 * MINUTE));
    await confirm('bruno@exemple.fr', at(7 * MINUTE));
    expect(await announceLaunch(temp.db, state(at(8 * MINUTE), [first]))).toBe(0);
    expect(await announceLaunch(temp.db, state(at(10 * MINUTE), [first, second]))).toBe(2);
    expect(await announceLaunch(temp.db, state(at(11 * MINUTE), [first, second]))).toBe(0);
    const sent = await announcements('article-announcement');
    expect(sent.map((message) => `${message.to} ${message.subject}`)).toEqual([
      'alice@exemple.fr Nouvel article : « L’article premier »',
      'alice@exemple.fr Nouvel article : « L’article second »',
      'bruno@exemple.fr Nouvel article : « L’article second »',
    ]);
    expect(sent[0]?.text).toContain(`${SITE}/articles/premier`);
    expect(sent[0]?.text).toContain('Le résumé de premier.');
  });

  it('does not announce an article public for longer than the window (a site that was down)', async () => {
    await ask('alice@exemple.fr', 'new-articles', at(-30 * 86_400_000));
    await confirm('alice@exemple.fr', at(-30 * 86_400_000 + MINUTE));
    expect(await announceLaunch(temp.db, state(NOW, [article('ancien', at(-8 * 86_400_000))]))).toBe(0);
  });
});
