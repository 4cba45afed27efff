import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticateAuthor, WRONG_CREDENTIALS, type SignInResult } from '@/lib/auth/authenticate';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { after, before, days, minutes, NOW, seconds } from './helpers/clock';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

let temp: TempDatabase;
beforeEach(async () => {
  temp = await createTempDatabase();
  await temp.db.adminUser.create({ data: { email: 'auteur@exemple.fr', passwordHash: await hashPassword('le bon mot de passe') } });
});
afterEach(async () => temp.cleanup());

describe('the author password', () => {
  it('is stored as a salted scrypt hash that verifies only the right password', async () => {
    const hash = await hashPassword('secret très long');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('secret');
    expect(await hashPassword('secret très long')).not.toBe(hash);
    expect(await verifyPassword('secret très long', hash)).toBe(true);
    expect(await verifyPassword('secret tres long', hash)).toBe(false);
    expect(await verifyPassword('x', 'pas un hash')).toBe(false);
  });
});

describe('signing in', () => {
  it('accepts the right password, whatever the case of the e-mail', async () => {
    expect(await authenticateAuthor(temp.db, ' Auteur@Exemple.fr ', 'le bon mot de passe', 'ip-a')).toEqual({ ok: true, email: 'auteur@exemple.fr' });
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    expect(await authenticateAuthor(temp.db, 'inconnu@exemple.fr', 'x', 'ip-a')).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    expect(await authenticateAuthor(temp.db, 'auteur@exemple.fr', 'x', 'ip-a')).toEqual({ ok: false, message: WRONG_CREDENTIALS });
  });

  it('locks an account for 15 minutes after 5 wrong passwords, even from other addresses', async () => {
    for (let index = 0; index < 5; index += 1) {
      expect((await authenticateAuthor(temp.db, 'auteur@exemple.fr', 'faux', `ip-${index}`, NOW)).ok).toBe(false);
    }
    const locked = await authenticateAuthor(temp.db, 'auteur@exemple.fr', 'le bon mot de passe', 'ip-neuve', NOW);
    expect(locked).toEqual({ ok: false, message: 'Trop de tentatives de connexion. Réessayez dans 15 minutes.' });
    const later = after(minutes(15) + seconds(1));
    expect((await authenticateAuthor(temp.db, 'auteur@exemple.fr', 'le bon mot de passe', 'ip-neuve', later)).ok).toBe(true);
  });

  it('locks an address that tries many accounts', async () => {
    for (let index = 0; index < 5; index += 1) await authenticateAuthor(temp.db, `compte${index}@exemple.fr`, 'faux', 'ip-robot', NOW);
    expect((await authenticateAuthor(temp.db, 'auteur@exemple.fr', 'le bon mot de passe', 'ip-robot', NOW)).ok).toBe(false);
    expect((await authenticateAuthor(temp.db, 'auteur@exemple.fr', 'le bon mot de passe', 'ip-humaine', NOW)).ok).toBe(true);
  });
});

const AUTHOR = 'auteur@exemple.fr';
const RIGHT = 'le bon mot de passe';
const THROTTLED = /^Trop de tentatives de connexion\. Réessayez dans \d+ minutes?\.$/;

/** A checked password answers WRONG_CREDENTIALS; a throttled attempt never reaches the check. */
function tally(results: SignInResult[]) {
  return {
    checked: results.filter((result) => !result.ok && result.message === WRONG_CREDENTIALS).length,
    throttled: results.filter((result) => !result.ok && THROTTLED.test(result.message)).length,
  };
}

const burst = (addressOf: (index: number) => string, now = NOW) =>
  Promise.all(Array.from({ length: 100 }, (_, index) => authenticateAuthor(temp.db, AUTHOR, `faux ${index}`, addressOf(index), now)));

describe('the sign-in throttle under a parallel burst', () => {
  it('checks at most 5 passwords when 100 wrong ones arrive at once from one address', async () => {
    expect(tally(await burst(() => 'ip-robot'))).toEqual({ checked: 5, throttled: 95 });
  });

  it('checks at most 5 passwords when 100 wrong ones arrive at once from 100 addresses', async () => {
    expect(tally(await burst((index) => `ip-robot-${index}`))).toEqual({ checked: 5, throttled: 95 });
  });
});

describe('the per-account limit', () => {
  it('lets the author in after a burst from an address they signed in from, and nobody from a never-seen one', async () => {
    expect((await authenticateAuthor(temp.db, AUTHOR, RIGHT, 'ip-maison', before(days(30)))).ok).toBe(true);
    await burst((index) => `ip-robot-${index}`);
    expect(await authenticateAuthor(temp.db, AUTHOR, RIGHT, 'ip-neuve', NOW)).toEqual({ ok: false, message: 'Trop de tentatives de connexion. Réessayez dans 15 minutes.' });
    expect(await authenticateAuthor(temp.db, AUTHOR, RIGHT, 'ip-maison', NOW)).toEqual({ ok: true, email: AUTHOR });
    // The known address keeps its own limit.
    const fromHome = await Promise.all(Array.from({ length: 10 }, () => authenticateAuthor(temp.db, AUTHOR, 'faux', 'ip-maison', NOW)));
    expect(tally(fromHome)).toEqual({ checked: 5, throttled: 5 });
  });

  it('forgets an address 90 days after its last sign-in', async () => {
    expect((await authenticateAuthor(temp.db, AUTHOR, RIGHT, 'ip-maison', NOW)).ok).toBe(true);
    expect(await temp.db.knownSignInAddress.count()).toBe(1);
    const later = after(days(91));
    await burst((index) => `ip-robot-${index}`, later);
    expect(await temp.db.knownSignInAddress.count()).toBe(0);
    expect(tally([await authenticateAuthor(temp.db, AUTHOR, RIGHT, 'ip-maison', later)])).toEqual({ checked: 0, throttled: 1 });
  });

  it('is not used up by successful sign-ins, and a sign-in clears its address’s failures', async () => {
    for (let index = 0; index < 4; index += 1) await authenticateAuthor(temp.db, AUTHOR, 'faux', 'ip-1', NOW);
    expect((await authenticateAuthor(temp.db, AUTHOR, RIGHT, 'ip-1', NOW)).ok).toBe(true);
    expect((await authenticateAuthor(temp.db, AUTHOR, RIGHT, 'ip-2', NOW)).ok).toBe(true);
    const fromFirst: SignInResult[] = [];
    for (let index = 0; index < 6; index += 1) fromFirst.push(await authenticateAuthor(temp.db, AUTHOR, 'faux', 'ip-1', NOW));
    expect(tally(fromFirst)).toEqual({ checked: 5, throttled: 1 });
  });
});

describe('what the throttle stores', () => {
  it('prunes the counters whose window has passed', async () => {
    for (let index = 0; index < 5; index += 1) await authenticateAuthor(temp.db, `compte${index}@exemple.fr`, 'faux', `ip-${index}`, NOW);
    expect(await temp.db.loginThrottle.count()).toBe(10);
    await authenticateAuthor(temp.db, AUTHOR, 'faux', 'ip-neuve', after(minutes(16)));
    expect(await temp.db.loginThrottle.count()).toBe(2);
  });

  it('refuses an e-mail over 254 characters and stores nothing', async () => {
    const tooLong = `${'a'.repeat(244)}@exemple.fr`;
    expect(tooLong).toHaveLength(254 + 1);
    expect(await authenticateAuthor(temp.db, tooLong, 'faux', 'ip-a', NOW)).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    expect(await temp.db.loginThrottle.count()).toBe(0);
    expect(await authenticateAuthor(temp.db, tooLong.slice(1), 'faux', 'ip-a', NOW)).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    expect(await temp.db.loginThrottle.count()).toBe(2);
  });

  it('never stores what was typed as the e-mail', async () => {
    await authenticateAuthor(temp.db, 'Mon-Mot-De-Passe-Secret', 'faux', 'ip-a', NOW);
    const keys = (await temp.db.loginThrottle.findMany({ select: { key: true } })).map((row) => row.key);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key.toLowerCase()).not.toContain('mot-de-passe-secret');
  });

  it('keys the account by a salted hash, which hashing a guess of the typed text does not find', async () => {
    const typed = 'mon-mot-de-passe-secret';
    await authenticateAuthor(temp.db, typed, 'faux', 'ip-a', NOW);
    const keys = (await temp.db.loginThrottle.findMany({ select: { key: true } })).map((row) => row.key);
    const guess = createHash('sha256').update(typed).digest('hex');
    expect(keys.some((key) => key.startsWith('account:'))).toBe(true);
    for (const key of keys) expect(key).not.toContain(guess);
  });
});
