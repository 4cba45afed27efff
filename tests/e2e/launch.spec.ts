// The launch turns by itself: a release instant and an article scheduled a minute ahead, on two
// production servers behind the real nginx, with a real SMTP receiver. Playwright sees the pages
// switch at the instant with no write, no rebuild and no restart, and each reader gets exactly one
// e-mail, though one of the two servers is killed (kill -9) at the instant and started again.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Page } from '@playwright/test';
import { startNginx, type RunningNginx } from '../../deploy/nginx/start-nginx.mjs';
import { readParisDateTime } from '../../lib/format-date';
import { startSmtpReceiver, type SmtpReceiver } from '../unit/helpers/smtp-receiver';
import { expect, test } from './fixtures';
import { startExtraServer, type ExtraServer } from './hostile/extra-server';
import { ADMIN, E2E_PORT, E2E_SERVER_ENV } from './server-settings';

const SERVER_PORTS = [E2E_PORT + 11, E2E_PORT + 12];
const PROXY_PORT = E2E_PORT + 13;
const PURGE_PORT = E2E_PORT + 14;
const SCHEDULED = 'un-article-programme';
const CONTENT_DIR = `tests/.tmp/launch-content-${E2E_PORT}`;
const LOGS = 'test-results';

/** Paris wall-clock minute of an instant, as content files write it: `2026-12-05T10:42`. */
const parisMinute = (instant: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .format(instant)
    .replace(' ', 'T');

/** The first whole minute at least 150 s from now (the set-up and the first test run before it, on a busy machine) whose Paris time names it alone (not on the autumn night's repeated hour). */
function nextInstant(): { at: Date; text: string } {
  let at = new Date(Math.ceil((Date.now() + 150_000) / 60_000) * 60_000);
  for (;;) {
    const text = parisMinute(at);
    const read = readParisDateTime(text);
    if (read.ok && !read.note && read.instant.getTime() === at.getTime()) return { at, text };
    at = new Date(at.getTime() + 60_000);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let instant: Date;
let databaseUrl: string;
let smtp: SmtpReceiver;
let servers: ExtraServer[] = [];
let proxy: RunningNginx | undefined;
let proxyDir: string | undefined;
let serverEnv: Record<string, string>;

async function freshDatabase(): Promise<string> {
  const clusterUrl = process.env.E2E_DATABASE_URL;
  if (!clusterUrl) {
    const file = `tests/.tmp/launch-${E2E_PORT}.db`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    return `file:./${file}`;
  }
  // The PostgreSQL run: a database of its own on the suite's throwaway cluster.
  const name = `launch_${E2E_PORT}`;
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return clusterUrl.replace(/\/[^/]+$/, `/${name}`);
}

function writeContent(release: string) {
  rmSync(CONTENT_DIR, { recursive: true, force: true });
  mkdirSync(path.dirname(CONTENT_DIR), { recursive: true });
  cpSync('content', CONTENT_DIR, { recursive: true });
  const book = readFileSync('content/livre.md', 'utf8');
  if (!/^release: .*$/m.test(book)) throw new Error('content/livre.md: no release line');
  writeFileSync(path.join(CONTENT_DIR, 'livre.md'), book.replace(/^release: .*$/m, `release: ${release}`));
  writeFileSync(
    path.join(CONTENT_DIR, `${SCHEDULED}.md`),
    `---\ntitle: Un article programmé\nslug: ${SCHEDULED}\ndate: ${release}\nauthor: François Laurent\ndescription: Un article préparé à l’avance, public à son heure.\n---\n\nLe texte de l’article programmé.\n`,
  );
}

function run(script: string, args: string[], env: Record<string, string>) {
  const result = spawnSync('node_modules/.bin/tsx', [script, ...args], { env: { ...process.env, ...E2E_SERVER_ENV, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${script}: ${result.stderr}`);
}

const startServer = (port: number) => startExtraServer(port, serverEnv, `${LOGS}/launch-${port}.log`);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const next = nextInstant();
  instant = next.at;
  writeContent(next.text);
  databaseUrl = await freshDatabase();
  smtp = await startSmtpReceiver();
  serverEnv = {
    DATABASE_URL: databaseUrl,
    CONTENT_DIR,
    SMTP_URL: smtp.url,
    CACHE_PURGE_URLS: `http://127.0.0.1:${PURGE_PORT}/purge`,
    TRUSTED_PROXIES: '1',
  };
  run('scripts/prepare-db.ts', [], serverEnv);
  run('scripts/set-admin-password.ts', [ADMIN.email], { ...serverEnv, ADMIN_PASSWORD: ADMIN.password });
  servers = [await startServer(SERVER_PORTS[0]!), await startServer(SERVER_PORTS[1]!)];
  proxyDir = mkdtempSync(path.join(tmpdir(), 'm20-launch-nginx-'));
  proxy = await startNginx({ listenPort: PROXY_PORT, upstreamPorts: SERVER_PORTS, purgePort: PURGE_PORT, dir: proxyDir });
});

test.afterAll(async () => {
  await Promise.all([...servers.map((server) => server.stop()), proxy?.stop(), smtp?.close()]);
  if (proxyDir) rmSync(proxyDir, { recursive: true, force: true });
  rmSync(CONTENT_DIR, { recursive: true, force: true });
});

const mailsTo = (to: string, subject: RegExp) => smtp.mails.filter((mail) => mail.to === to && subject.test(mail.subject ?? ''));

/** Follows the confirmation link of the latest e-mail to `to`, through nginx, and confirms with the button. */
async function confirm(page: Page, to: string) {
  await expect.poll(() => mailsTo(to, /^Confirmez/).length, { timeout: 40_000 }).toBe(1);
  const link = /https?:\/\/\S+\/abonnements\/confirmer\?\S+/.exec(mailsTo(to, /^Confirmez/)[0]?.text ?? '')?.[0];
  if (!link) throw new Error(`no confirmation link for ${to}`);
  const url = new URL(link);
  await page.goto(`${proxy!.url}${url.pathname}${url.search}`);
  await page.getByRole('button', { name: 'Confirmer mon abonnement' }).click();
  await expect(page.getByRole('status')).toContainText('Inscription confirmée');
}

async function subscribe(page: Page, path: string, button: string, email: string) {
  await page.goto(`${proxy!.url}${path}`);
  const form = page.locator('form', { has: page.getByRole('button', { name: button }) });
  await form.getByLabel('Votre adresse e-mail').fill(email);
  await form.getByRole('button', { name: button }).click();
  await expect(form.getByRole('status')).toContainText('Presque fini');
}

test('before the instant: « À paraître », the lists, the article nowhere but in the author’s list and preview', async ({ page, browser, request }) => {
  test.setTimeout(150_000);
  expect(Date.now(), 'the set-up left the instant ahead').toBeLessThan(instant.getTime() - 10_000);
  const base = proxy!.url;
  await page.goto(`${base}/`);
  await expect(page.getByText(/^À paraître le \d/).first()).toBeVisible();
  await expect(page.getByText('Un article programmé')).toHaveCount(0);
  await page.goto(`${base}/livre`);
  await expect(page.getByText(/^À paraître le \d/).first()).toBeVisible();
  // Stored by nginx until the instant, not beyond it (a page Next renders for the first time is not stored: each server renders it once).
  let livre = await request.get(`${base}/livre`);
  for (let attempt = 0; attempt < 6 && livre.headers()['x-cache-status'] !== 'HIT'; attempt += 1) livre = await request.get(`${base}/livre`);
  expect(livre.headers()['x-cache-status']).toBe('HIT');
  const maxAge = Number(/s-maxage=(\d+)/.exec(livre.headers()['cache-control'] ?? '')?.[1]);
  expect(maxAge).toBeGreaterThan(0);
  expect(maxAge).toBeLessThanOrEqual(Math.ceil((instant.getTime() - Date.now()) / 1000) + 1);

  for (const address of [`/articles/${SCHEDULED}`, `/api/articles/${SCHEDULED}/comments`]) expect((await request.get(`${base}${address}`)).status(), address).toBe(404);
  for (const address of ['/feed.xml', '/atom.xml', '/sitemap.xml']) expect(await (await request.get(`${base}${address}`)).text(), address).not.toContain(SCHEDULED);

  // The lists: one reader with JavaScript, one without, one for the new articles.
  await subscribe(page, '/livre', 'Prévenez-moi de la parution', 'alice@exemple.fr');
  const noScript = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
  await subscribe(await noScript.newPage(), '/', 'Prévenez-moi de la parution', 'bruno@exemple.fr');
  await noScript.close();
  await subscribe(page, '/', 'Prévenez-moi des nouveaux articles', 'chloe@exemple.fr');
  for (const to of ['alice@exemple.fr', 'bruno@exemple.fr', 'chloe@exemple.fr']) await confirm(page, to);

  // The author sees it coming, and previews it.
  await page.goto(`${base}/admin/connexion`);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  await page.goto(`${base}/admin/articles`);
  const row = page.locator(`tr[data-slug="${SCHEDULED}"]`);
  await expect(row).toContainText('Programmé pour le');
  await row.getByRole('link', { name: /Aperçu/ }).click();
  await expect(page.getByRole('status')).toContainText('Aperçu');
  await expect(page.getByText('Le texte de l’article programmé.')).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  expect(Date.now(), 'still before the instant').toBeLessThan(instant.getTime());
});

test('at the instant: the pages turn with no write, rebuild or restart, and each reader gets one e-mail, though a server is killed', async ({ page, request }) => {
  test.setTimeout(300_000);
  const base = proxy!.url;
  // One of the two servers dies at the instant (kill -9) and comes back: the other announces, the restarted one adds nothing.
  await sleep(Math.max(0, instant.getTime() - Date.now() + 10));
  const [killed] = servers;
  process.kill(killed!.pid, 'SIGKILL');
  await killed!.exited;
  servers[0] = await startServer(SERVER_PORTS[0]!);

  await expect(async () => {
    await page.goto(`${base}/`);
    await expect(page.getByText(/^En librairie depuis le \d/).first()).toBeVisible({ timeout: 1000 });
    await expect(page.getByRole('link', { name: 'Un article programmé', exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 40_000 });
  await expect(async () => {
    await page.goto(`${base}/livre`);
    await expect(page.getByText(/^En librairie depuis le \d/).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 40_000 });
  await expect(async () => {
    expect((await request.get(`${base}/articles/${SCHEDULED}`)).status()).toBe(200);
  }).toPass({ timeout: 40_000 });
  await page.goto(`${base}/articles/${SCHEDULED}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Un article programmé' })).toBeVisible();
  for (const address of ['/feed.xml', '/sitemap.xml']) {
    await expect(async () => expect(await (await request.get(`${base}${address}`)).text()).toContain(SCHEDULED)).toPass({ timeout: 40_000 });
  }

  await expect.poll(() => [mailsTo('alice@exemple.fr', /est en librairie/).length, mailsTo('bruno@exemple.fr', /est en librairie/).length, mailsTo('chloe@exemple.fr', /^Nouvel article/).length], { timeout: 60_000 }).toEqual([1, 1, 1]);
  // A poll round of each server later, still one each.
  await sleep(35_000);
  expect(smtp.mails.filter((mail) => /est en librairie|^Nouvel article/.test(mail.subject ?? '')).map((mail) => mail.to).sort()).toEqual(['alice@exemple.fr', 'bruno@exemple.fr', 'chloe@exemple.fr']);
  const news = mailsTo('chloe@exemple.fr', /^Nouvel article/)[0];
  expect(news?.text).toContain(`/articles/${SCHEDULED}`);
  expect(news?.headerLines['list-unsubscribe-post']).toContain('List-Unsubscribe=One-Click');
});
