import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrismaClient } from '@/lib/db/client';
import { LOGIN_LIMIT } from '@/lib/auth/throttle';
import { ERASED_IP_HASH, RETENTION_RULES, SENT_EMAIL_DAYS, UNCONFIRMED_SUBSCRIPTION_DAYS, UNSENT_NOTICE_DAYS, describeRetentionReport, eraseExpiredData } from '@/lib/privacy/retention';
import { DEFAULT_SETTINGS, settingsInput } from '@/lib/settings';
import { readArticles } from '@/lib/content/load-articles';
import { postComment } from '@/lib/comments/service';
import { hashIp } from '@/lib/fingerprint';
import { getIpHashSalt } from '@/lib/config';
import { before as ago, DAY, MINUTE, NOW } from './helpers/clock';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

const hashOf = (label: string) => createHash('sha256').update(label).digest('hex');

let temp: TempDatabase;
beforeEach(async () => {
  temp = await createTempDatabase();
  await temp.db.article.create({ data: { slug: 'un-article' } });
});
afterEach(async () => temp.cleanup());

let counter = 0;
async function comment(createdAt: Date, ipHash: string) {
  counter += 1;
  const { id } = await temp.db.comment.create({
    data: { articleSlug: 'un-article', authorName: `Lecteur ${counter}`, authorEmail: `lecteur${counter}@exemple.fr`, body: `Texte ${counter}`, ipHash, bodyHash: hashOf(`body${counter}`), createdAt },
    select: { id: true },
  });
  return id;
}

const rowsOf = () => temp.db.comment.findMany({ orderBy: { id: 'asc' } });

describe('the retention job', () => {
  it('erases the IP hashes of comments past the author’s period, and nothing else', async () => {
    const due = [await comment(ago(31 * DAY), hashOf('a')), await comment(ago(30 * DAY), hashOf('b'))];
    const kept = [
      await comment(ago(30 * DAY - 1), hashOf('c')),
      await comment(ago(DAY), hashOf('d')),
      // Marks that are not addresses: the author's replies and imports without an address.
      await comment(ago(400 * DAY), 'auteur'),
      await comment(ago(400 * DAY), 'import'),
    ];
    const before = await rowsOf();

    const report = await eraseExpiredData(temp.db, NOW);

    expect(report.erased.commentIpHashes).toBe(2);
    const after = await rowsOf();
    for (const [index, row] of after.entries()) {
      const original = before[index]!;
      // Only the hash changes, and only on the rows that were due.
      expect({ ...row, ipHash: original.ipHash }).toEqual(original);
      expect(row.ipHash, `comment ${row.id}`).toBe(due.includes(row.id) ? ERASED_IP_HASH : original.ipHash);
    }
    expect(kept.every((id) => after.find((row) => row.id === id)?.ipHash !== ERASED_IP_HASH)).toBe(true);
  });

  it('follows the period the author set, read from the settings at each run', async () => {
    await temp.db.siteSettings.create({ data: { id: 1, ipHashRetentionDays: 7 } });
    const eightDays = await comment(ago(8 * DAY), hashOf('e'));
    const sixDays = await comment(ago(6 * DAY), hashOf('f'));
    const report = await eraseExpiredData(temp.db, NOW);
    expect(report.settings.ipHashRetentionDays).toBe(7);
    expect(report.erased.commentIpHashes).toBe(1);
    const rows = await rowsOf();
    expect(rows.find((row) => row.id === eightDays)?.ipHash).toBe(ERASED_IP_HASH);
    expect(rows.find((row) => row.id === sixDays)?.ipHash).toBe(hashOf('f'));
  });

  it('deletes the sign-in counters whose window is over and the author’s addresses past 90 days', async () => {
    const windowMs = LOGIN_LIMIT.windowMinutes * MINUTE;
    await temp.db.loginThrottle.createMany({
      data: [
        { key: 'ip:expired', attempts: 5, windowStart: ago(windowMs + MINUTE) },
        { key: 'ip:at-the-end', attempts: 1, windowStart: ago(windowMs) },
        { key: 'ip:running', attempts: 2, windowStart: ago(windowMs - MINUTE) },
      ],
    });
    const knownMs = LOGIN_LIMIT.knownAddressDays * DAY;
    await temp.db.knownSignInAddress.createMany({
      data: [
        { email: 'auteur@exemple.fr', ipHash: hashOf('old'), lastSignInAt: ago(knownMs + DAY) },
        { email: 'auteur@exemple.fr', ipHash: hashOf('recent'), lastSignInAt: ago(knownMs - DAY) },
      ],
    });

    const report = await eraseExpiredData(temp.db, NOW);

    expect(report.erased).toMatchObject({ signInCounters: 2, knownSignInAddresses: 1 });
    expect((await temp.db.loginThrottle.findMany({ orderBy: { key: 'asc' } })).map((row) => row.key)).toEqual(['ip:running']);
    expect((await temp.db.knownSignInAddress.findMany()).map((row) => row.ipHash)).toEqual([hashOf('recent')]);
  });

  it('deletes subscriptions never confirmed after 7 days, notices never gathered after 7 days and e-mails sent more than 30 days ago', async () => {
    await temp.db.subscription.createMany({
      data: [
        { email: 'a@exemple.fr', articleSlug: 'un-article', scope: 'article', status: 'pending', unsubscribeToken: 'old-pending', createdAt: ago(UNCONFIRMED_SUBSCRIPTION_DAYS * DAY + MINUTE) },
        { email: 'b@exemple.fr', articleSlug: 'un-article', scope: 'article', status: 'pending', unsubscribeToken: 'new-pending', createdAt: ago(UNCONFIRMED_SUBSCRIPTION_DAYS * DAY - MINUTE) },
        { email: 'c@exemple.fr', articleSlug: 'un-article', scope: 'article', status: 'confirmed', unsubscribeToken: 'old-confirmed', createdAt: ago(400 * DAY) },
      ],
    });
    const message = { kind: 'author', to: 'auteur@exemple.fr', subject: 'Sujet', text: 'Texte' };
    await temp.db.outboxMessage.createMany({
      data: [
        { ...message, subject: 'ancien envoyé', status: 'sent', sentAt: ago(SENT_EMAIL_DAYS * DAY + MINUTE) },
        { ...message, subject: 'récent envoyé', status: 'sent', sentAt: ago(SENT_EMAIL_DAYS * DAY - MINUTE) },
        { ...message, subject: 'ancien en échec', status: 'failed', createdAt: ago(400 * DAY) },
        { ...message, subject: 'en attente', status: 'waiting', createdAt: ago(400 * DAY) },
      ],
    });

    const commentId = await comment(ago(DAY), hashOf('avis'));
    const confirmed = await temp.db.subscription.findUniqueOrThrow({ where: { unsubscribeToken: 'old-confirmed' } });
    await temp.db.subscriptionNotice.createMany({
      data: [
        { subscriptionId: confirmed.id, commentId, createdAt: ago(UNSENT_NOTICE_DAYS * DAY + MINUTE) },
        { subscriptionId: confirmed.id, commentId, createdAt: ago(UNSENT_NOTICE_DAYS * DAY - MINUTE) },
      ],
    });

    const report = await eraseExpiredData(temp.db, NOW);

    expect(report.erased).toMatchObject({ unconfirmedSubscriptions: 1, sentEmails: 1, staleNotices: 1 });
    expect(await temp.db.subscriptionNotice.count()).toBe(1);
    expect((await temp.db.subscription.findMany({ orderBy: { id: 'asc' } })).map((row) => row.unsubscribeToken)).toEqual(['new-pending', 'old-confirmed']);
    expect((await temp.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((row) => row.subject)).toEqual(['récent envoyé', 'ancien en échec', 'en attente']);
  });

  it('erases nothing more on a second run: every statement is idempotent', async () => {
    await comment(ago(40 * DAY), hashOf('g'));
    await temp.db.loginThrottle.create({ data: { key: 'ip:x', attempts: 1, windowStart: ago(DAY) } });
    expect(Object.values((await eraseExpiredData(temp.db, NOW)).erased).reduce((sum, count) => sum + count, 0)).toBe(2);
    const again = await eraseExpiredData(temp.db, NOW);
    expect(again.erased).toEqual(Object.fromEntries(RETENTION_RULES.map((rule) => [rule.key, 0])));
    expect(describeRetentionReport(again)).toBe('Conservation des données : rien à effacer.');
  });

  it('erases a backlog larger than one batch, and two runs at once erase each row once', async () => {
    const count = 2500;
    await temp.db.comment.createMany({
      data: Array.from({ length: count }, (_, index) => ({
        articleSlug: 'un-article',
        authorName: 'Ancien',
        authorEmail: `ancien${index}@exemple.fr`,
        body: `Ancien ${index}`,
        ipHash: hashOf(`old${index}`),
        bodyHash: hashOf(`old-body${index}`),
        createdAt: ago(60 * DAY + index * MINUTE),
      })),
    });
    const recent = await comment(ago(DAY), hashOf('recent'));
    // Two app instances: two clients on the same database.
    const other = createPrismaClient(temp.url);
    try {
      const reports = await Promise.all([eraseExpiredData(temp.db, NOW), eraseExpiredData(other, NOW)]);
      expect(reports.reduce((sum, report) => sum + (report.erased.commentIpHashes ?? 0), 0)).toBe(count);
    } finally {
      await other.$disconnect();
    }
    expect(await temp.db.comment.count({ where: { ipHash: { not: ERASED_IP_HASH } } })).toBe(1);
    expect((await temp.db.comment.findUnique({ where: { id: recent } }))?.ipHash).toBe(hashOf('recent'));
  }, 30_000);

  it('keeps a posted comment’s hash for the period, then erases it (the period saved with the other settings)', async () => {
    await temp.db.siteSettings.create({ data: { id: 1, moderation: 'publish', ipHashRetentionDays: 2 } });
    const articles = await readArticles();
    const posted = await postComment(
      'le-marketing-2-0-c-est-quoi',
      { name: 'Lectrice', email: 'lectrice@exemple.fr', body: 'Un commentaire à garder.' },
      { db: temp.db, ip: '203.0.113.7', now: ago(DAY), articles: async () => articles, rateLimit: null },
    );
    if (!posted.ok) throw new Error(posted.message);
    const stored = () => temp.db.comment.findUnique({ where: { id: posted.comment.id }, select: { ipHash: true, body: true } });
    expect((await stored())?.ipHash).toBe(hashIp('203.0.113.7', getIpHashSalt()));
    expect((await eraseExpiredData(temp.db, NOW)).erased.commentIpHashes).toBe(0);
    expect((await eraseExpiredData(temp.db, new Date(NOW.getTime() + DAY))).erased.commentIpHashes).toBe(1);
    expect(await stored()).toEqual({ ipHash: ERASED_IP_HASH, body: 'Un commentaire à garder.' });
  });

  it('logs in French what it erased', () => {
    const line = describeRetentionReport({
      at: NOW,
      settings: { ...DEFAULT_SETTINGS, ipHashRetentionDays: 30 },
      erased: { commentIpHashes: 12, signInCounters: 1, knownSignInAddresses: 0 },
    });
    expect(line).toBe(
      'Conservation des données : 12 empreintes d’adresse IP effacées (commentaires de plus de 30 jours) ; 1 compteur d’échecs de connexion expiré supprimé (plus de 15 minutes).',
    );
  });
});

describe('the IP hash retention setting', () => {
  const base = { moderation: 'publish', closeAfterDays: '', commentsPerPage: '50', commentOrder: 'oldest', editWindowMinutes: '15' };

  it('defaults to 30 days and accepts 1 to 365', () => {
    expect(DEFAULT_SETTINGS.ipHashRetentionDays).toBe(30);
    expect(settingsInput.safeParse({ ...base, ipHashRetentionDays: '1' }).success).toBe(true);
    expect(settingsInput.safeParse({ ...base, ipHashRetentionDays: '365' }).success).toBe(true);
  });

  it.each([
    ['0', 'L’empreinte des adresses IP se garde au moins 1 jour.'],
    ['366', 'L’empreinte des adresses IP se garde au plus 365 jours.'],
    ['2.5', 'Indiquez un nombre entier de jours pour l’empreinte des adresses IP.'],
    ['trente', 'Indiquez après combien de jours effacer l’empreinte des adresses IP.'],
  ])('refuses %s with a French message', (value, message) => {
    const parsed = settingsInput.safeParse({ ...base, ipHashRetentionDays: value });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(message);
  });
});
