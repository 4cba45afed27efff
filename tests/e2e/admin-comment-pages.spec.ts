import type { APIRequestContext, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { tagVersions } from '@/lib/cache/tag-versions.cjs';
import { OPEN_SLUG, expect, test, uniqueIp, uniqueText } from './fixtures';
import { signIn } from './sign-in';
import { fillComment } from './comment-form';
import { E2E_SERVER_ENV } from './server-settings';

// Runs in the admin project, after the site's specs: the page size is site-wide. At the end the
// settings are restored and the comments posted here are taken off the thread.
test.describe.configure({ mode: 'serial' });

const PAGE_SIZE = 10;
const articlePath = `/articles/${OPEN_SLUG}`;
const numberedPath = (page: number) => `${articlePath}/commentaires/page/${page}`;
const posted: number[] = [];

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

/** Where a comment's permalink sends the reader now. */
const placeOf = async (page: Page, id: number) => {
  const response = await page.request.get(`${articlePath}/commentaires/${id}`, { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  return response.headers().location ?? '';
};

/** The page number the page's links mark as the current one. */
const currentPage = async (page: Page) => Number(await page.getByRole('navigation', { name: 'Pages des commentaires' }).locator('[aria-current="page"]').textContent());

/** Posts a top-level comment from the article's form; the article shows it, with its thanks. */
async function postFromArticle(page: Page, name: string, body: string) {
  await page.goto(articlePath);
  await fillComment(page, { name, email: 'pages@exemple.fr', body });
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  await expect(page.getByText('Merci ! Votre commentaire est publié.')).toBeVisible();
  const comment = page.locator('.comment', { hasText: body });
  await expect(comment).toBeVisible();
  posted.push(Number((await comment.getAttribute('id'))?.replace('comment-', '')));
}

let tops: number[] = [];
/** How many pages the thread has: the article shows the last one, oldest first. */
let lastPage = 0;

test('oldest first, the article shows the last page; a permalink to a comment on an earlier page lands on it', async ({ page, playwright, baseURL }) => {
  await saveSettings(page, PAGE_SIZE, 'Plus anciens d’abord');
  tops = await post(playwright, baseURL!, Array.from({ length: 35 }, (_, index) => ({ body: uniqueText(`Page ${index}`) })));
  const last = tops.at(-1)!;
  expect(await placeOf(page, last)).toBe(`${articlePath}#comment-${last}`);
  await page.goto(articlePath);
  await expect(page.locator(`#comment-${last}`)).toBeVisible();
  lastPage = await currentPage(page);
  expect(lastPage).toBeGreaterThanOrEqual(4);

  const first = tops[0]!;
  const location = await placeOf(page, first);
  const firstPage = Number(/\/commentaires\/page\/(\d+)#comment-\d+$/.exec(location)?.[1]);
  expect(firstPage).toBeLessThan(lastPage);
  await page.goto(`${articlePath}/commentaires/${first}`);
  await expect(page).toHaveURL(new RegExp(`${numberedPath(firstPage)}#comment-${first}$`));
  await expect(page.locator(`#comment-${first}`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: `Commentaires — page ${firstPage}` })).toBeVisible();
});

test('each page has its canonical address, rel prev/next links and its numbers; the article counts the whole thread', async ({ page, request }) => {
  const before = lastPage - 1;
  const html = await (await request.get(numberedPath(before))).text();
  expect(html).toMatch(new RegExp(`<link rel="canonical" href="[^"]*${numberedPath(before)}"`));
  expect(html).toMatch(new RegExp(`<head>.*<link rel="prev" href="${numberedPath(before - 1)}"`, 's'));
  expect(html).toMatch(new RegExp(`<head>.*<link rel="next" href="${articlePath}"`, 's'));

  await page.goto(numberedPath(before));
  const nav = page.getByRole('navigation', { name: 'Pages des commentaires' });
  await expect(nav.getByRole('link', { name: /Commentaires plus anciens/ })).toHaveAttribute('rel', 'prev');
  await expect(nav.getByRole('link', { name: /Commentaires plus récents/ })).toHaveAttribute('href', articlePath);
  await expect(nav.locator('[aria-current="page"]')).toHaveText(String(before));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // The first page names the last by the article's address, not by its number: a new page changes neither.
  await page.goto(numberedPath(1));
  await expect(nav.getByRole('link', { name: 'Derniers commentaires' })).toHaveAttribute('href', articlePath);
  await expect(nav.getByRole('link', { name: `Page ${lastPage}`, exact: true })).toHaveCount(0);

  const count = (await (await request.get(`/api/articles/${OPEN_SLUG}/comments`)).json()).count as number;
  await page.goto(articlePath);
  await expect(page.getByRole('heading', { level: 2, name: `${count.toLocaleString('fr-FR')} commentaires` })).toBeVisible();
});

test('a page beyond the last is not found; the numbered address of the article’s page names the article as canonical', async ({ request }) => {
  expect((await request.get(numberedPath(lastPage + 1))).status()).toBe(404);
  expect((await request.get(numberedPath(0))).status()).toBe(404);
  expect((await request.get(`${articlePath}/commentaires/page/deux`)).status()).toBe(404);
  const home = await request.get(numberedPath(lastPage));
  expect(home.status()).toBe(200);
  expect(await home.text()).toMatch(new RegExp(`<link rel="canonical" href="[^"]*${articlePath}"`));
  expect((await request.get(`${articlePath}/commentaires/999999999`, { maxRedirects: 0 })).status()).toBe(404);
});

test('a new comment posted from the article stays on it, with its thanks', async ({ page }) => {
  await postFromArticle(page, 'Lectrice', uniqueText('Sur la dernière page'));
  await expect(page.getByRole('status')).toHaveText('Merci ! Votre commentaire est publié.');
  await expect(page).toHaveURL(new RegExp(`${articlePath}(#comment-\\d+)?$`));
});

test('a reply to a comment on an earlier page keeps the reader on that page', async ({ page }) => {
  const parent = tops[0]!;
  const parentPage = (await placeOf(page, parent)).split('#')[0]!;
  await page.goto(parentPage);
  await page.locator(`#comment-${parent}`).getByRole('link', { name: /^Répondre/ }).click();
  const body = uniqueText('Réponse en page');
  await fillComment(page, { name: 'Lectrice', email: 'pages@exemple.fr', body }, page.locator(`#reponse-${parent}`));
  await page.getByRole('button', { name: 'Publier la réponse' }).click();
  await expect(page).toHaveURL(new RegExp(`${parentPage}#comment-\\d+$`));
  await expect(page.getByText(body)).toBeVisible();
  posted.push(Number(/#comment-(\d+)$/.exec(page.url())?.[1]));
});

test('a page shows 200 comments at most: the other replies are on their own page', async ({ page, playwright, baseURL }) => {
  const parent = tops[1]!;
  // More replies than a page can hold besides its top-level comments, whatever comes before them.
  const replies = await post(playwright, baseURL!, Array.from({ length: 200 }, (_, index) => ({ body: uniqueText(`Réponse ${index}`), parentId: parent })));
  await page.goto((await placeOf(page, parent)).split('#')[0]!);
  const shown = await page.locator('.comment').count();
  expect(shown).toBeLessThanOrEqual(200);
  const more = page.locator(`a[href="${articlePath}/commentaires/${parent}/reponses"]`);
  await expect(more).toHaveText(/^Voir les \d+ (autres )?réponses$/);
  await more.click();
  await expect(page).toHaveURL(`${articlePath}/commentaires/${parent}/reponses`);
  await expect(page.locator(`#comment-${replies.at(-1)}`)).toBeVisible();
  expect(await placeOf(page, replies.at(-1)!)).toBe(`${articlePath}/commentaires/${parent}/reponses#comment-${replies.at(-1)}`);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the reader goes from page to page by plain links', async ({ page }) => {
    await page.goto(articlePath);
    // The comments posted above may have opened a new page: the article shows the last one now.
    lastPage = await currentPage(page);
    await page.getByRole('navigation', { name: 'Pages des commentaires' }).getByRole('link', { name: /Commentaires plus anciens/ }).click();
    await expect(page).toHaveURL(numberedPath(lastPage - 1));
    await expect(page.getByRole('heading', { level: 2, name: `Commentaires — page ${lastPage - 1}` })).toBeVisible();
  });

  test('a new comment posted from the article shows on the returned page, with its thanks', async ({ page }) => {
    await postFromArticle(page, 'Lecteur', uniqueText('Sans JavaScript, dernière page'));
    // It may have opened a new page, depending on how many comments the earlier specs left.
    await page.goto(articlePath);
    lastPage = await currentPage(page);
  });
});

test('newest first sorts each page, the latest comment on top; the article still shows the last page; the settings come back at the end', async ({ page }) => {
  await saveSettings(page, PAGE_SIZE, 'Plus récents d’abord');
  await page.goto(articlePath);
  const nav = page.getByRole('navigation', { name: 'Pages des commentaires' });
  await expect(page.locator('.comment').first()).toHaveAttribute('id', `comment-${posted.at(-1)}`);
  await expect(nav.locator('[aria-current="page"]')).toHaveText(String(lastPage));
  await expect(nav.getByRole('link', { name: /Commentaires plus anciens/ })).toHaveAttribute('rel', 'prev');
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
