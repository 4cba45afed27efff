import type { APIRequestContext, Page } from '@playwright/test';
import { OPEN_SLUG, expect, test, uniqueIp, uniqueText } from './fixtures';
import { signIn } from './sign-in';
import { fillComment } from './comment-form';
import { E2E_BASE_URL, E2E_PROXY_URL } from './server-settings';

// The site as it is deployed: nginx with deploy/nginx's cache in front of the production server
// (this project's baseURL), purged by the app after each write (CACHE_PURGE_URLS).
test.describe.configure({ mode: 'serial' });

const articlePath = `/articles/${OPEN_SLUG}`;
const OPEN_TEXT = 'Publier le commentaire';
const CLOSED_TEXT = 'Les commentaires sont fermés.';

/** An anonymous load through the cache: its X-Cache-Status, body and Set-Cookie. */
async function load(request: APIRequestContext, path = articlePath) {
  const response = await request.get(`${E2E_PROXY_URL}${path}`, { maxRedirects: 0 });
  return { status: response.status(), cache: response.headers()['x-cache-status'], setCookie: response.headers()['set-cookie'], body: await response.text() };
}

/** Loads until nginx answers from its cache (Next's own copy is stored on the load after its render). */
async function loadUntilCached(request: APIRequestContext, path = articlePath) {
  // A page Next is rendering again in the background answers without being stored: wait a little.
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await load(request, path);
    if (answer.cache === 'HIT') return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${path} never came from nginx's cache`);
}

const patchArticle = (page: Page, data: object) => page.request.patch(`${E2E_BASE_URL}/api/admin/articles/${OPEN_SLUG}`, { data });

test('a comment shows on the next load through the cache', async ({ request, api }) => {
  await loadUntilCached(request);
  const body = uniqueText('Derrière le cache');
  const posted = await api.post(`${E2E_BASE_URL}/api/articles/${OPEN_SLUG}/comments`, { data: { name: 'Cache', email: 'cache@exemple.fr', body } });
  expect(posted.status()).toBe(201);
  const next = await load(request);
  expect(next.cache).not.toBe('HIT');
  expect(next.body).toContain(body);
  // And once the cache holds the page again, it holds the new one.
  expect((await loadUntilCached(request)).body).toContain(body);
  expect((await load(request, `/articles/${OPEN_SLUG}/comments/feed.xml`)).body).toContain(body);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, baseURL: E2E_PROXY_URL, extraHTTPHeaders: {} });

  test('a reader posts through the cache and lands on a page that shows the comment', async ({ page, request }) => {
    await loadUntilCached(request);
    await page.goto(articlePath);
    const body = uniqueText('Sans JavaScript, derrière le cache');
    await fillComment(page, { name: 'Sans JS', email: 'sansjs-cache@exemple.fr', body });
    await page.getByRole('button', { name: OPEN_TEXT }).click();
    await expect(page.locator('.comment', { hasText: body })).toBeVisible();
    await page.goto(articlePath);
    await expect(page.locator('.comment', { hasText: body })).toBeVisible();
    expect((await load(request)).body).toContain(body);
  });
});

test("the author's closing shows at once, and a scheduled closing at its time with no write", async ({ page, playwright }) => {
  const reader = await playwright.request.newContext();
  await signIn(page, E2E_BASE_URL);

  // Closed by hand from the dashboard: the cached copy goes at once.
  expect((await loadUntilCached(reader)).body).toContain(OPEN_TEXT);
  await page.locator(`tr[data-slug="${OPEN_SLUG}"]`).getByRole('button', { name: /^Fermer les commentaires/ }).click();
  await expect(page.getByRole('status')).toContainText('Commentaires fermés');
  expect((await load(reader)).body).toContain(CLOSED_TEXT);
  expect((await patchArticle(page, { commentsOpen: true, closesAt: null })).status()).toBe(200);
  expect((await load(reader)).body).toContain(OPEN_TEXT);

  // Scheduled a few seconds ahead, then nothing is written: the copy nginx holds ends at that time,
  // even when nginx takes it seconds after Next rendered it.
  const closesAt = Date.now() + 8000;
  expect((await patchArticle(page, { closesAt: new Date(closesAt).toISOString() })).status()).toBe(200);
  expect((await load(reader)).body).toContain('Les commentaires fermeront le');
  await new Promise((resolve) => setTimeout(resolve, 4000));
  const cached = await loadUntilCached(reader);
  expect(cached.body).toContain('Les commentaires fermeront le');
  await expect.poll(async () => (await load(reader)).body.includes(CLOSED_TEXT), { timeout: 15_000, intervals: [250] }).toBe(true);
  // Closed no later than a second or so after its time (nginx counts whole seconds).
  expect(Date.now() - closesAt).toBeLessThan(3000);
  expect(Date.now()).toBeGreaterThanOrEqual(closesAt);

  expect((await patchArticle(page, { commentsOpen: true, closesAt: null })).status()).toBe(200);
  expect((await load(reader)).body).toContain(OPEN_TEXT);
  await reader.dispose();
});

test("admin pages are never cached, and the author's cookies never reach a cached page", async ({ page, playwright }) => {
  const reader = await playwright.request.newContext({ extraHTTPHeaders: { 'x-forwarded-for': uniqueIp() } });
  await signIn(page, E2E_BASE_URL);
  for (let attempt = 0; attempt < 3; attempt++) {
    const dashboard = await page.request.get(`${E2E_PROXY_URL}/admin`);
    expect(dashboard.status()).toBe(200);
    expect(dashboard.headers()['x-cache-status']).toBeUndefined();
    expect(await dashboard.text()).toContain('Tableau de bord');
    const anonymous = await load(reader, '/admin');
    expect(anonymous.status).toBe(307);
    expect(anonymous.cache).toBeUndefined();
    expect((await load(reader, '/admin/connexion')).cache).toBeUndefined();
  }
  // The signed-in author skips the cache both ways…
  const asAuthor = await page.request.get(`${E2E_PROXY_URL}${articlePath}`);
  expect(asAuthor.headers()['x-cache-status']).toBe('BYPASS');
  // …and what readers get from it carries no cookie.
  const cached = await loadUntilCached(reader);
  expect(cached.setCookie).toBeUndefined();
  expect((await loadUntilCached(reader, '/')).setCookie).toBeUndefined();
  await reader.dispose();
});

test("a writer's edit page is never stored, and their marker cookie still gets the page everyone gets", async ({ browser, playwright }) => {
  const headers = { 'x-forwarded-for': uniqueIp() };
  const writer = await browser.newContext({ baseURL: E2E_PROXY_URL, extraHTTPHeaders: headers });
  const reader = await playwright.request.newContext({ extraHTTPHeaders: { 'x-forwarded-for': uniqueIp() } });
  try {
    const page = await writer.newPage();
    await page.goto(articlePath);
    const body = uniqueText('Derrière le cache, à modifier');
    await fillComment(page, { name: 'Cache', email: 'cache-modifie@exemple.fr', body });
    await page.getByRole('button', { name: OPEN_TEXT }).click();
    const comment = page.locator('.comment', { hasText: body });
    await expect(comment.getByRole('link', { name: 'Modifier votre commentaire' })).toBeVisible();
    const id = Number((await comment.getAttribute('id'))?.replace('comment-', ''));
    const editPath = `${articlePath}/commentaires/${id}/modifier`;
    // The writer's requests carry both cookies: the edit page is theirs each time, never nginx's copy.
    for (let attempt = 0; attempt < 3; attempt++) {
      const own = await load(page.request, editPath);
      expect(own.cache).not.toBe('HIT');
      expect(own.body).toContain('Enregistrer la modification');
      // Nor does anyone else ever get it from the cache.
      const other = await load(reader, editPath);
      expect(other.cache).not.toBe('HIT');
      expect(other.body).toContain('Seul le navigateur qui a publié ce commentaire');
    }
    // The article, with the marker cookie sent, is the shared cached copy: no control in it, no cookie set.
    const shared = await loadUntilCached(page.request);
    expect(shared.body).toContain(body);
    expect(shared.body).not.toContain('comment__own');
    expect(shared.setCookie).toBeUndefined();
  } finally {
    await writer.close();
    await reader.dispose();
  }
});

test("a writer's held comment never enters the shared cache: the article nginx keeps never holds it, its endpoint is never stored", async ({ browser, playwright }) => {
  const writer = await browser.newContext({ baseURL: E2E_PROXY_URL, extraHTTPHeaders: { 'x-forwarded-for': uniqueIp() } });
  const reader = await playwright.request.newContext({ extraHTTPHeaders: { 'x-forwarded-for': uniqueIp() } });
  const heldPath = `${articlePath}/commentaires/en-attente`;
  try {
    const page = await writer.newPage();
    await page.goto(articlePath);
    const text = uniqueText('Retenu derrière le cache');
    await fillComment(page, { name: 'Cache', email: 'cache-retenu@exemple.fr', body: `${text} https://un.example https://deux.example` });
    await page.getByRole('button', { name: OPEN_TEXT }).click();
    await expect(page.locator('.comment--held', { hasText: text })).toBeVisible();
    for (let attempt = 0; attempt < 3; attempt++) {
      // The writer's answer, from Next each time, for their browser only.
      const own = await page.request.get(`${E2E_PROXY_URL}${heldPath}`);
      expect(own.headers()['x-cache-status']).toBeUndefined();
      expect(own.headers()['cache-control']).toBe('private, no-store');
      expect(await own.text()).toContain(text);
      // Anyone else's, the same address: never the writer's copy.
      const other = await load(reader, heldPath);
      expect(other.cache).toBeUndefined();
      expect(JSON.parse(other.body)).toEqual({ comments: [] });
    }
    // The article as nginx keeps it, loaded by a reader or by the writer with their cookies: the held text is in neither.
    const shared = await loadUntilCached(reader);
    expect(shared.body).not.toContain(text);
    expect(shared.body).not.toContain('comment--held');
    const withCookies = await loadUntilCached(page.request);
    expect(withCookies.body).not.toContain(text);
    expect(withCookies.setCookie).toBeUndefined();
    // Yet in the writer's browser, the page from the cache shows it to them after hydration.
    await page.reload();
    await expect(page.locator('.comment--held', { hasText: text })).toBeVisible();
  } finally {
    await writer.close();
    await reader.dispose();
  }
});

test('a comment that opens a new page ends the cached copies of the last pages only; earlier pages stay in the cache', async ({ page, playwright }) => {
  // On a database the other specs have not filled, it posts up to a page of comments first.
  test.slow();
  const reader = await playwright.request.newContext();
  const setPageSize = async (size: number) => {
    await page.goto(`${E2E_BASE_URL}/admin`);
    await page.getByLabel(/Commentaires par page/).fill(String(size));
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await expect(page.getByRole('status')).toContainText('Réglages enregistrés.');
  };
  let posts = 0;
  const postTopLevel = async (body: string) => {
    // Five comments per address at most (the rate limit): a new address every five.
    const api = await playwright.request.newContext({ extraHTTPHeaders: { 'x-forwarded-for': uniqueIp() } });
    const answer = await api.post(`${E2E_BASE_URL}/api/articles/${OPEN_SLUG}/comments`, { data: { name: 'Pages', email: `pages${posts++}@exemple.fr`, body } });
    expect(answer.status()).toBe(201);
    await api.dispose();
  };
  /** The last page's number (the article shows it) and how many top-level comments it holds. */
  const lastPage = async () => {
    await page.goto(`${E2E_BASE_URL}${articlePath}`);
    const current = page.getByRole('navigation', { name: 'Pages des commentaires' }).locator('[aria-current="page"]');
    const number = (await current.count()) > 0 ? Number(await current.textContent()) : 1;
    return { number, topLevel: await page.locator('section.comments > ol.comment-list > li').count() };
  };
  const numbered = (n: number) => `${articlePath}/commentaires/page/${n}`;

  await signIn(page, E2E_BASE_URL);
  await setPageSize(10);
  // Five pages at least, the last one full: the next comment opens a page.
  let last = await lastPage();
  while (last.number < 5 || last.topLevel < 10) {
    await postTopLevel(uniqueText('Remplit les pages'));
    last = await lastPage();
  }
  const L = last.number;
  for (const path of [articlePath, numbered(1), numbered(L - 3), numbered(L - 2), numbered(L)]) await loadUntilCached(reader, path);

  const body = uniqueText('Ouvre une page');
  await postTopLevel(body);
  const article = await load(reader);
  expect(article.cache).not.toBe('HIT');
  expect(article.body).toContain(body);
  // The former last page now has its own address and heading, and links on to the new one.
  const former = await load(reader, numbered(L));
  expect(former.cache).not.toBe('HIT');
  expect(former.body).toContain(`Commentaires — page ${L}`);
  expect(former.body).toMatch(new RegExp(`<link rel="canonical" href="[^"]*${numbered(L)}"`));
  // Two pages back, the page named the last by its number: now « Derniers commentaires ».
  const before = await load(reader, numbered(L - 2));
  expect(before.cache).not.toBe('HIT');
  expect(before.body).toContain('Derniers commentaires');
  // Nothing changed further back: nginx still serves its copies.
  expect((await load(reader, numbered(L - 3))).cache).toBe('HIT');
  expect((await load(reader, numbered(1))).cache).toBe('HIT');

  await setPageSize(50);
  await reader.dispose();
});
