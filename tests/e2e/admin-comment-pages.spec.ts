import type { APIRequestContext, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { tagVersions } from '@/lib/cache/tag-versions.cjs';
import { OPEN_SLUG, expect, test, uniqueIp, uniqueText } from './fixtures';
import { ADMIN, E2E_SERVER_ENV } from './server-settings';

// Runs in the admin project, after the site's specs: the page size is site-wide. At the end the
// settings are restored and the comments posted here are taken off the thread.
test.describe.configure({ mode: 'serial' });

const PAGE_SIZE = 10;
const articlePath = `/articles/${OPEN_SLUG}`;
const pagePath = (page: number) => (page === 1 ? articlePath : `${articlePath}/commentaires/page/${page}`);
const posted: number[] = [];

async function signIn(page: Page) {
  await page.goto('/admin/connexion');
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
}

async function saveSettings(page: Page, perPage: number, order: 'Plus anciens d’abord' | 'Plus récents d’abord', isSignedIn = false) {
  if (isSignedIn) await page.goto('/admin');
  else await signIn(page);
  await page.getByLabel(/Commentaires par page/).fill(String(perPage));
  await page.getByLabel(order).check();
  await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
  await expect(page.getByRole('status')).toContainText('Réglages enregistrés.');
}

/** Posts through the API, five per address (the rate limit), and remembers what to take off at the end. */
async function post(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, baseURL: string, bodies: { body: string; parentId?: number }[]) {
  const ids: number[] = [];
  for (let start = 0; start < bodies.length; start += 5) {
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': uniqueIp() } });
    for (const data of bodies.slice(start, start + 5)) {
      const response = await api.post(`/api/articles/${OPEN_SLUG}/comments`, { data: { name: 'Pagination', email: 'pages@exemple.fr', ...data } });
      expect(response.status()).toBe(201);
      ids.push((await response.json()).comment.id as number);
    }
    await api.dispose();
  }
  posted.push(...ids);
  return ids;
}

const lastPageOf = async (page: Page, id: number) => {
  const response = await page.request.get(`${articlePath}/commentaires/${id}`, { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  return response.headers().location ?? '';
};

let tops: number[] = [];
let lastPage = 0;

test('the author sets the page size; a permalink to a comment on a later page lands on it', async ({ page, playwright, baseURL }) => {
  await saveSettings(page, PAGE_SIZE, 'Plus anciens d’abord');
  tops = await post(playwright, baseURL!, Array.from({ length: 25 }, (_, index) => ({ body: uniqueText(`Page ${index}`) })));
  const last = tops.at(-1)!;
  const location = await lastPageOf(page, last);
  lastPage = Number(/\/commentaires\/page\/(\d+)#comment-\d+$/.exec(location)?.[1]);
  expect(lastPage).toBeGreaterThanOrEqual(3);
  expect(location).toBe(`${pagePath(lastPage)}#comment-${last}`);

  await page.goto(`${articlePath}/commentaires/${last}`);
  await expect(page).toHaveURL(new RegExp(`${pagePath(lastPage)}#comment-${last}$`));
  await expect(page.locator(`#comment-${last}`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: `Commentaires — page ${lastPage} sur ${lastPage}` })).toBeVisible();
});

test('each page has its canonical address, rel prev/next links and its numbers; page 1 counts the whole thread', async ({ page, request }) => {
  const html = await (await request.get(pagePath(2))).text();
  expect(html).toMatch(new RegExp(`<link rel="canonical" href="[^"]*${pagePath(2)}"`));
  expect(html).toMatch(new RegExp(`<head>.*<link rel="prev" href="${articlePath}"`, 's'));
  expect(html).toMatch(new RegExp(`<head>.*<link rel="next" href="${pagePath(3)}"`, 's'));
  expect(html.length).toBeLessThan(150_000);

  await page.goto(pagePath(2));
  const nav = page.getByRole('navigation', { name: 'Pages des commentaires' });
  await expect(nav.getByRole('link', { name: /Commentaires plus anciens/ })).toHaveAttribute('rel', 'prev');
  await expect(nav.getByRole('link', { name: /Commentaires plus récents/ })).toHaveAttribute('rel', 'next');
  await expect(nav.locator('[aria-current="page"]')).toHaveText('2');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const count = (await (await request.get(`/api/articles/${OPEN_SLUG}/comments`)).json()).count as number;
  await page.goto(articlePath);
  await expect(page.getByRole('heading', { level: 2, name: `${count.toLocaleString('fr-FR')} commentaires` })).toBeVisible();
});

test('a page beyond the last is not found, and page 1 is the article itself', async ({ request }) => {
  expect((await request.get(pagePath(lastPage + 1))).status()).toBe(404);
  expect((await request.get(`${articlePath}/commentaires/page/0`)).status()).toBe(404);
  expect((await request.get(`${articlePath}/commentaires/page/deux`)).status()).toBe(404);
  const first = await request.get(`${articlePath}/commentaires/page/1`, { maxRedirects: 0 });
  expect(first.status()).toBe(308);
  expect(first.headers().location).toBe(articlePath);
  expect((await request.get(`${articlePath}/commentaires/999999999`, { maxRedirects: 0 })).status()).toBe(404);
});

test('a reply to a comment on a later page keeps the reader on that page', async ({ page }) => {
  const parent = tops.at(-1)!;
  await page.goto(pagePath(lastPage));
  await page.locator(`#comment-${parent}`).getByRole('link', { name: /^Répondre/ }).click();
  const body = uniqueText('Réponse en page');
  await page.getByLabel('Nom').fill('Lectrice');
  await page.getByLabel('E-mail').fill('lectrice-pages@exemple.fr');
  await page.getByLabel('Commentaire').fill(body);
  await page.getByRole('button', { name: 'Publier la réponse' }).click();
  await expect(page).toHaveURL(new RegExp(`${pagePath(lastPage)}#comment-\\d+$`));
  await expect(page.getByText(body)).toBeVisible();
  posted.push(Number(/#comment-(\d+)$/.exec(page.url())?.[1]));
});

test('a page shows 200 comments at most: the other replies are on their own page', async ({ page, playwright, baseURL }) => {
  const parent = tops.at(-2)!;
  // More replies than a page can hold besides its top-level comments, whatever comes before them.
  const replies = await post(playwright, baseURL!, Array.from({ length: 200 }, (_, index) => ({ body: uniqueText(`Réponse ${index}`), parentId: parent })));
  await page.goto(pagePath(lastPage));
  const shown = await page.locator('.comment').count();
  expect(shown).toBeLessThanOrEqual(200);
  const more = page.locator(`a[href="${articlePath}/commentaires/${parent}/reponses"]`);
  await expect(more).toHaveText(/^Voir les \d+ (autres )?réponses$/);
  await more.click();
  await expect(page).toHaveURL(`${articlePath}/commentaires/${parent}/reponses`);
  await expect(page.locator(`#comment-${replies.at(-1)}`)).toBeVisible();
  expect(await lastPageOf(page, replies.at(-1)!)).toBe(`${articlePath}/commentaires/${parent}/reponses#comment-${replies.at(-1)}`);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the reader goes from page to page by plain links', async ({ page }) => {
    await page.goto(articlePath);
    await page.getByRole('navigation', { name: 'Pages des commentaires' }).getByRole('link', { name: /Commentaires plus récents/ }).click();
    await expect(page).toHaveURL(pagePath(2));
    await expect(page.getByRole('heading', { level: 2, name: /^Commentaires — page 2 sur/ })).toBeVisible();
  });
});

test('newest first, page 1 shows the latest comment; the settings come back at the end', async ({ page }) => {
  await saveSettings(page, PAGE_SIZE, 'Plus récents d’abord');
  await page.goto(articlePath);
  const latestTop = tops.at(-1)!;
  await expect(page.locator(`#comment-${latestTop}`)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Pages des commentaires' }).getByRole('link', { name: /Commentaires plus anciens/ })).toHaveAttribute('rel', 'next');
  await saveSettings(page, 50, 'Plus anciens d’abord', true);
});

test.afterAll(async () => {
  // The next specs expect the thread as the site's specs left it: the comments posted here go.
  // The settings too, should a test above have stopped before the last one.
  const url = E2E_SERVER_ENV.DATABASE_URL!;
  const ids = posted.filter(Number.isInteger);
  const restore = `UPDATE "SiteSettings" SET "commentsPerPage" = 50, "commentOrder" = 'oldest'`;
  if (url.startsWith('file:')) {
    const sqlite = new Database(url.replace(/^file:/, ''), { timeout: 15_000 });
    sqlite.prepare(`UPDATE "Comment" SET "status" = 'deleted' WHERE "id" IN (${ids.map(() => '?').join(',')})`).run(...ids);
    sqlite.exec(restore);
    sqlite.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`UPDATE "Comment" SET "status" = 'deleted' WHERE "id" = ANY($1::int[])`, [ids]);
    await client.query(restore);
    await client.end();
  }
  const versions = tagVersions(url);
  await versions.move(['comments', `comments:${OPEN_SLUG}`]);
  await versions.close();
});
