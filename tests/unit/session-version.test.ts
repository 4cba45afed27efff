import { spawn } from 'node:child_process';
import type { Session } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getAuthor } from '@/lib/auth';
import { authOptions } from '@/lib/auth/options';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { currentSessionVersion, isSessionCurrent } from '@/lib/auth/session-version';
import type { Database } from '@/lib/db/client';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

// getAuthor() runs as in a request: next-auth hands it the session its callbacks made from the
// cookie's token, and the app's client is this test's database.
const request = vi.hoisted(() => ({ db: null as Database | null, session: null as Session | null }));
vi.mock('next-auth', () => ({ getServerSession: async () => request.session }));
vi.mock('next/server', () => ({ connection: async () => undefined }));
vi.mock('@/lib/db', () => ({
  get db() {
    return request.db;
  },
}));

const AUTHOR = 'auteur@exemple.fr';
const PASSWORD = 'le premier mot de passe';

let temp: TempDatabase;
beforeEach(async () => {
  temp = await createTempDatabase();
  request.db = temp.db;
  request.session = null;
});
afterEach(async () => temp.cleanup());

type Run = { status: number | null; stdout: string; stderr: string };

/** Runs a command-line script of scripts/ on the test's database, as `npm run` would. */
async function runScript(script: string, args: string[], { password, input }: { password?: string; input?: string } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: temp.url };
  delete env.ADMIN_PASSWORD;
  if (password !== undefined) env.ADMIN_PASSWORD = password;
  const child = spawn('node_modules/.bin/tsx', [`scripts/${script}`, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(input ?? '');
  const status = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  return { status, stdout, stderr };
}

async function createAccount(email = AUTHOR) {
  await temp.db.adminUser.create({ data: { email, passwordHash: await hashPassword(PASSWORD) } });
}

/** The token next-auth writes in the cookie at sign-in, through our jwt callback. */
async function signIn(email = AUTHOR): Promise<JWT> {
  const jwt = authOptions.callbacks?.jwt;
  if (!jwt) throw new Error('no jwt callback');
  return jwt({ token: { email, name: 'Auteur', sub: email }, user: { id: email, email, name: 'Auteur' }, account: null, trigger: 'signIn' });
}

/** A later request with that cookie: next-auth runs both callbacks on the token, then getAuthor() checks. */
async function authorOfRequestWith(cookie: JWT) {
  const { jwt, session } = authOptions.callbacks ?? {};
  if (!jwt || !session) throw new Error('no callbacks');
  const token = await jwt({ token: cookie, user: undefined as never, account: null });
  const base = { user: { name: token.name, email: token.email, image: token.picture }, expires: new Date(Date.now() + 60_000).toISOString() };
  request.session = await session({ session: base, token, user: undefined as never, newSession: undefined, trigger: 'update' });
  return getAuthor();
}

describe('the session version', () => {
  it('makes the version read at sign-in current for that account only', async () => {
    await createAccount();
    await createAccount('autre@exemple.fr');
    const version = await currentSessionVersion(temp.db, AUTHOR);
    expect(version).toBe(0);
    expect(await isSessionCurrent(temp.db, AUTHOR, 0)).toBe(true);
    expect(await isSessionCurrent(temp.db, AUTHOR, 1)).toBe(false);
    expect(await isSessionCurrent(temp.db, 'inconnu@exemple.fr', 0)).toBe(false);
  });

  it('refuses a session without a version, as signed in before the check existed', async () => {
    await createAccount();
    expect(await isSessionCurrent(temp.db, AUTHOR, undefined)).toBe(false);
    expect(await isSessionCurrent(temp.db, AUTHOR, Number.NaN)).toBe(false);
  });
});

describe('npm run admin:set-password', { timeout: 60_000 }, () => {
  it('ends every session signed in before it, and a new sign-in is current', async () => {
    const created = await runScript('set-admin-password.ts', [AUTHOR], { password: PASSWORD });
    expect(created.status, created.stderr).toBe(0);
    const before = await currentSessionVersion(temp.db, AUTHOR);
    if (before === null) throw new Error('no account');
    expect(await isSessionCurrent(temp.db, AUTHOR, before)).toBe(true);

    const changed = await runScript('set-admin-password.ts', [AUTHOR], { password: 'le nouveau mot de passe' });
    expect(changed.status, changed.stderr).toBe(0);
    expect(changed.stdout).toContain('toute session ouverte avant est fermée');
    expect(await isSessionCurrent(temp.db, AUTHOR, before)).toBe(false);
    const after = await currentSessionVersion(temp.db, AUTHOR);
    expect(after).not.toBe(before);
    expect(await isSessionCurrent(temp.db, AUTHOR, after ?? undefined)).toBe(true);

    const account = await temp.db.adminUser.findUniqueOrThrow({ where: { email: AUTHOR } });
    expect(await verifyPassword('le nouveau mot de passe', account.passwordHash)).toBe(true);
    const log = await temp.db.auditLog.findMany({ where: { target: AUTHOR }, select: { actor: true, action: true } });
    expect(log).toEqual([
      { actor: 'console', action: 'password.set' },
      { actor: 'console', action: 'password.set' },
    ]);
  });

  it('reads a password piped on stdin and writes none of it out', async () => {
    const piped = 'un mot de passe venu d’un tube';
    const run = await runScript('set-admin-password.ts', [AUTHOR], { input: `${piped}\nla ligne suivante est ignorée\n` });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Mot de passe enregistré pour ${AUTHOR}`);
    expect(run.stdout + run.stderr).not.toContain('tube');
    const account = await temp.db.adminUser.findUniqueOrThrow({ where: { email: AUTHOR } });
    expect(await verifyPassword(piped, account.passwordHash)).toBe(true);
  });
});

describe('npm run admin:delete-account', { timeout: 60_000 }, () => {
  it('deletes the account, so that none of its sessions is current, and logs it', async () => {
    await createAccount();
    const run = await runScript('delete-admin-account.ts', [AUTHOR]);
    expect(run.status, run.stderr).toBe(0);
    expect(await temp.db.adminUser.count()).toBe(0);
    expect(await isSessionCurrent(temp.db, AUTHOR, 0)).toBe(false);
    expect(await temp.db.auditLog.findMany({ select: { actor: true, action: true, target: true } })).toEqual([
      { actor: 'console', action: 'account.delete', target: AUTHOR },
    ]);
  });

  it('answers 2 with its usage for a bad e-mail and 1 for an unknown account', async () => {
    const bad = await runScript('delete-admin-account.ts', ['pas-un-email']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Usage : npm run admin:delete-account -- auteur@exemple.fr');
    const unknown = await runScript('delete-admin-account.ts', [AUTHOR]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(`Aucun compte pour ${AUTHOR}`);
    expect(await temp.db.auditLog.count()).toBe(0);
  });
});

describe('getAuthor', () => {
  it('recognises a signed-in author until the password is set again', async () => {
    await createAccount();
    const cookie = await signIn();
    expect(cookie.sessionVersion).toBe(0);
    expect(await authorOfRequestWith(cookie)).toEqual({ email: AUTHOR });

    // The update of admin:set-password.
    await temp.db.adminUser.update({ where: { email: AUTHOR }, data: { sessionVersion: { increment: 1 } } });
    expect(await authorOfRequestWith(cookie)).toBeNull();
    expect(await authorOfRequestWith(await signIn())).toEqual({ email: AUTHOR });
  });

  it('refuses every session once the account is deleted', async () => {
    await createAccount();
    const cookie = await signIn();
    await temp.db.adminUser.delete({ where: { email: AUTHOR } });
    expect(await authorOfRequestWith(cookie)).toBeNull();
  });

  it('refuses a cookie issued before sessions had a version', async () => {
    await createAccount();
    expect(await authorOfRequestWith({ email: AUTHOR, name: 'Auteur', sub: AUTHOR })).toBeNull();
  });
});
