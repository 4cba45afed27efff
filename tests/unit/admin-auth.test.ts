import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticateAuthor, WRONG_CREDENTIALS } from '@/lib/auth/authenticate';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
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
    const now = new Date('2030-01-01T12:00:00Z');
    for (let index = 0; index < 5; index += 1) {
      expect((await authenticateAuthor(temp.db, 'auteur@exemple.fr', 'faux', `ip-${index}`, now)).ok).toBe(false);
    }
    const locked = await authenticateAuthor(temp.db, 'auteur@exemple.fr', 'le bon mot de passe', 'ip-neuve', now);
    expect(locked).toEqual({ ok: false, message: 'Trop de tentatives de connexion. Réessayez dans 15 minutes.' });
    const later = new Date(now.getTime() + 15 * 60_000 + 1000);
    expect((await authenticateAuthor(temp.db, 'auteur@exemple.fr', 'le bon mot de passe', 'ip-neuve', later)).ok).toBe(true);
  });

  it('locks an address that tries many accounts', async () => {
    const now = new Date('2030-01-01T12:00:00Z');
    for (let index = 0; index < 5; index += 1) await authenticateAuthor(temp.db, `compte${index}@exemple.fr`, 'faux', 'ip-robot', now);
    expect((await authenticateAuthor(temp.db, 'auteur@exemple.fr', 'le bon mot de passe', 'ip-robot', now)).ok).toBe(false);
    expect((await authenticateAuthor(temp.db, 'auteur@exemple.fr', 'le bon mot de passe', 'ip-humaine', now)).ok).toBe(true);
  });
});
