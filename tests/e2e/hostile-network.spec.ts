// The attacks of issue #15 against the real production server (scripts/next-server.mjs under
// scripts/start.mjs): forged forwarding headers with and without a trusted proxy, parallel
// sign-in bursts, a session after a password change, slow and endless requests, too many
// connections. The e2e server trusts the test runner as its proxy (server-settings.ts); the
// tests of the defaults start servers of their own on the same build and database.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { startNginx, type RunningNginx } from '../../deploy/nginx/start-nginx.mjs';
import { expect, OPEN_SLUG, test, uniqueIp, uniqueText } from './fixtures';
import { startExtraServer, type ExtraServer } from './hostile/extra-server';
import {
  BURST_ADMIN,
  E2E_BASE_URL,
  E2E_BEHIND_PROXY_PORT,
  E2E_DIRECT_PORT,
  E2E_PORT,
  E2E_SECOND_PROXY_PORT,
  E2E_SECOND_PURGE_PORT,
  E2E_SERVER_ENV,
  SESSION_ADMIN,
  SPREAD_BURST_ADMIN,
} from './server-settings';

const API = `/api/articles/${OPEN_SLUG}/comments`;
const WRONG = 'E-mail ou mot de passe incorrect.';
const THROTTLED = /Trop de tentatives de connexion/;

const comment = (label: string) => ({ name: 'Hostile', email: `hostile-${uniqueIp()}@exemple.fr`, body: uniqueText(`Commentaire ${label}`) });

/** A visitor of the sign-in page: the CSRF token and cookie next-auth gave it, sent back with each attempt. */
type SignInVisitor = { base: string; csrfToken: string; cookies: string[] };

async function signInVisitor(base: string): Promise<SignInVisitor> {
  const answer = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await answer.json()) as { csrfToken: string };
  return { base, csrfToken, cookies: answer.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '') };
}

/**
 * Signs in through next-auth's credentials endpoint as the sign-in form does: the error it shows,
 * or 'ok' with the session cookie it set. Plain fetch with the visitor's cookies: parallel attempts
 * share one token and cookie, as a script would.
 */
async function signIn(visitor: SignInVisitor, email: string, password: string, ip: string): Promise<{ error: string; session?: string }> {
  const answer = await fetch(`${visitor.base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: visitor.cookies.join('; '), 'x-forwarded-for': ip },
    body: new URLSearchParams({ email, password, csrfToken: visitor.csrfToken, json: 'true' }),
    redirect: 'manual',
  });
  const url = new URL(((await answer.json()) as { url: string }).url, visitor.base);
  if (url.searchParams.has('csrf')) throw new Error('next-auth refused the CSRF token');
  const session = answer.headers.getSetCookie().find((cookie) => cookie.startsWith('next-auth.session-token='));
  return { error: url.searchParams.get('error') ?? 'ok', session: session?.split(';')[0] };
}

/** Posts `count` comments at once, each claiming another X-Forwarded-For; their statuses in order. */
async function postWithForgedAddresses(request: APIRequestContext, base: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const answer = await request.post(`${base}${API}`, { data: comment(`forgé ${index}`), headers: { 'x-forwarded-for': `203.0.113.${index + 1}` } });
    statuses.push(answer.status());
  }
  return statuses;
}

/** A raw TCP client: what it sends, when the server answered and when it closed. */
function rawConnection(port: number, host = '127.0.0.1') {
  const started = Date.now();
  const socket: Socket = connect(port, host);
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString('latin1');
  });
  socket.on('error', () => {});
  const closed = new Promise<{ afterMs: number; status: string }>((resolve) =>
    socket.on('close', () => resolve({ afterMs: Date.now() - started, status: received.split('\r\n')[0] ?? '' })),
  );
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed, connected };
}

test.describe('the client address', () => {
  test.describe.configure({ mode: 'serial' });
  let direct: ExtraServer;
  let behindProxy: ExtraServer;
  let proxy: RunningNginx;
  let proxyDir: string;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    const logs = path.resolve('tests/.tmp');
    // The defaults: no trusted proxy; and a small connection cap to test it.
    direct = await startExtraServer(E2E_DIRECT_PORT, { TRUSTED_PROXIES: undefined, MAX_CONNECTIONS: '20', CACHE_PURGE_URLS: undefined }, `${logs}/direct-${E2E_PORT}.log`);
    // The documented deployment: nginx in front (deploy/nginx), TRUSTED_PROXIES=1.
    proxyDir = mkdtempSync(path.join(tmpdir(), 'm20-hostile-nginx-'));
    behindProxy = await startExtraServer(
      E2E_BEHIND_PROXY_PORT,
      { TRUSTED_PROXIES: '1', CACHE_PURGE_URLS: `http://127.0.0.1:${E2E_SECOND_PURGE_PORT}/purge` },
      `${logs}/behind-proxy-${E2E_PORT}.log`,
    );
    proxy = await startNginx({ listenPort: E2E_SECOND_PROXY_PORT, upstreamPorts: [E2E_BEHIND_PROXY_PORT], purgePort: E2E_SECOND_PURGE_PORT, dir: proxyDir });
  });

  test.afterAll(async () => {
    await Promise.all([direct?.stop(), behindProxy?.stop(), proxy?.stop()]);
    if (proxyDir) rmSync(proxyDir, { recursive: true, force: true });
  });

  test('a client on the port itself cannot choose it: 20 invented X-Forwarded-For, refused after the fifth', async ({ playwright }) => {
    // Over IPv6 loopback: its own per-address bucket (::/64), shared with no other test.
    const request = await playwright.request.newContext();
    const statuses = await postWithForgedAddresses(request, `http://[::1]:${E2E_DIRECT_PORT}`, 20);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual(Array(15).fill(429));
    await request.dispose();
  });

  test('behind the trusted proxy, a forged X-Forwarded-For is the client’s own words: refused after the fifth', async ({ playwright }) => {
    const request = await playwright.request.newContext();
    const statuses = await postWithForgedAddresses(request, proxy.url, 20);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual(Array(15).fill(429));
    await request.dispose();
  });

  test('the sign-in throttle cannot be dodged with invented addresses either', async () => {
    const visitor = await signInVisitor(`http://[::1]:${E2E_DIRECT_PORT}`);
    const answers: string[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      answers.push((await signIn(visitor, `inconnu-${attempt}@exemple.fr`, 'faux', `203.0.113.${attempt + 1}`)).error);
    }
    expect(answers.slice(0, 5)).toEqual(Array(5).fill(WRONG));
    for (const answer of answers.slice(5)) expect(answer).toMatch(THROTTLED);
  });

  test('a process holds at most MAX_CONNECTIONS connections: the next ones are closed on arrival', async ({ request }) => {
    const connections = Array.from({ length: 25 }, () => rawConnection(E2E_DIRECT_PORT));
    await Promise.all(connections.map((connection) => connection.connected));
    const early = await Promise.race([
      Promise.all(connections.slice(20).map((connection) => connection.closed)),
      new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 5_000)),
    ]);
    expect(early, 'the 21st to 25th connections are closed by the server').not.toBe('open');
    for (const connection of connections) connection.socket.destroy();
    await Promise.all(connections.map((connection) => connection.closed));
    // Room again: the server serves the next one, once it has seen the closes (a request sent in the
    // same instant may still find it full: reset, as the 21st was).
    const robots = `http://127.0.0.1:${E2E_DIRECT_PORT}/robots.txt`;
    await expect.poll(async () => (await request.get(robots).catch(() => null))?.status() ?? 0, { timeout: 5_000 }).toBe(200);
  });
});

test.describe('sign-in bursts', () => {
  test('100 wrong passwords sent at once from one address: at most 5 are checked', async () => {
    const visitor = await signInVisitor(E2E_BASE_URL);
    const ip = uniqueIp();
    const answers = await Promise.all(Array.from({ length: 100 }, (_, index) => signIn(visitor, BURST_ADMIN.email, `faux ${index}`, ip)));
    const checked = answers.filter((answer) => answer.error === WRONG).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.filter((answer) => THROTTLED.test(answer.error))).toHaveLength(100 - checked);
  });

  test('100 wrong passwords at once from 100 addresses: at most 5 checked, and the author still signs in from a known address', async () => {
    const visitor = await signInVisitor(E2E_BASE_URL);
    const home = uniqueIp();
    expect((await signIn(visitor, SPREAD_BURST_ADMIN.email, SPREAD_BURST_ADMIN.password, home)).error).toBe('ok');
    const answers = await Promise.all(Array.from({ length: 100 }, (_, index) => signIn(visitor, SPREAD_BURST_ADMIN.email, `faux ${index}`, uniqueIp())));
    const checked = answers.filter((answer) => answer.error === WRONG).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.filter((answer) => THROTTLED.test(answer.error))).toHaveLength(100 - checked);
    // The attacker knows the e-mail, not the author's address: the author is not locked out.
    expect((await signIn(visitor, SPREAD_BURST_ADMIN.email, SPREAD_BURST_ADMIN.password, home)).error).toBe('ok');
    expect((await signIn(visitor, SPREAD_BURST_ADMIN.email, SPREAD_BURST_ADMIN.password, uniqueIp())).error).toMatch(THROTTLED);
  });
});

test('a session ends when the password is changed with npm run admin:set-password', async () => {
  const ip = uniqueIp();
  const signedIn = await signIn(await signInVisitor(E2E_BASE_URL), SESSION_ADMIN.email, SESSION_ADMIN.password, ip);
  expect(signedIn.error).toBe('ok');
  const asAuthor = { cookie: signedIn.session ?? '', 'x-forwarded-for': ip };
  expect((await fetch(`${E2E_BASE_URL}/admin`, { headers: asAuthor, redirect: 'manual' })).status).toBe(200);

  const changed = spawnSync('node_modules/.bin/tsx', ['scripts/set-admin-password.ts', SESSION_ADMIN.email], {
    env: { ...process.env, DATABASE_URL: E2E_SERVER_ENV.DATABASE_URL, ADMIN_PASSWORD: 'un tout nouveau mot de passe' },
    encoding: 'utf8',
  });
  expect(changed.status, changed.stderr).toBe(0);

  const after = await fetch(`${E2E_BASE_URL}/admin`, { headers: asAuthor, redirect: 'manual' });
  expect([303, 307, 308]).toContain(after.status);
  expect(after.headers.get('location')).toMatch(/\/admin\/connexion$/);
  const write = await fetch(`${E2E_BASE_URL}/api/admin/articles/${OPEN_SLUG}`, {
    method: 'PATCH',
    headers: { ...asAuthor, 'content-type': 'application/json' },
    body: JSON.stringify({ commentsOpen: false }),
  });
  expect(write.status).toBe(401);
});

test.describe('slow and stuck clients', () => {
  test('a header trickle and a body that never ends are both cut within 30 s', async () => {
    test.setTimeout(60_000);
    const trickle = rawConnection(E2E_PORT);
    await trickle.connected;
    const header = `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n${'X-Lent: 1\r\n'.repeat(200)}`;
    let sent = 0;
    const drip = setInterval(() => {
      if (sent < header.length && !trickle.socket.destroyed) trickle.socket.write(header[sent++] ?? '');
    }, 100);

    const endless = rawConnection(E2E_PORT);
    await endless.connected;
    endless.socket.write(`POST ${API} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":`);

    const [trickled, stalled] = await Promise.all([trickle.closed, endless.closed]);
    clearInterval(drip);
    expect(trickled.status).toBe('HTTP/1.1 408 Request Timeout');
    expect(trickled.afterMs).toBeLessThan(30_000);
    expect(stalled.status).toBe('HTTP/1.1 408 Request Timeout');
    expect(stalled.afterMs).toBeLessThan(30_000);
  });

  test('a body over the limit is refused and its connection closed at once, not read to the end', async () => {
    const upload = rawConnection(E2E_PORT);
    await upload.connected;
    upload.socket.write(`POST ${API} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\nX-Forwarded-For: ${uniqueIp()}\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let written = 0;
    const pump = setInterval(() => {
      if (!upload.socket.destroyed && upload.socket.writable) {
        upload.socket.write(chunk);
        written += chunk.length;
      }
    }, 2);
    const closed = await upload.closed;
    clearInterval(pump);
    expect(closed.status).toBe('HTTP/1.1 413 Payload Too Large');
    expect(closed.afterMs).toBeLessThan(5_000);
    expect(written).toBeLessThan(50_000_000);
  });
});

test('every answer asks for HTTPS from now on (HSTS), since SITE_URL is https://', async ({ request }) => {
  const answer = await request.get('/');
  expect(answer.headers()['strict-transport-security']).toBe('max-age=31536000');
});
