import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext } from '@playwright/test';
import { OPEN_SLUG, expect, test, uniqueText } from './fixtures';
import { fillComment } from './comment-form';

const articleUrl = `/articles/${OPEN_SLUG}`;
const heldUrl = `${articleUrl}/commentaires/en-attente`;
const LINKS_MESSAGE = 'Merci ! Votre commentaire contient deux liens ou plus : il sera publié après relecture par l’auteur.';
/** A comment with two links: its unique opening words, and its whole text. */
function withTwoLinks(label: string) {
  const text = uniqueText(label);
  return { text, body: `${text} https://un.example et https://deux.example` };
}

/** What the held-comments endpoint answers to a client, and how it may be kept. */
async function askHeld(request: APIRequestContext) {
  const response = await request.get(heldUrl);
  return { status: response.status(), cacheControl: response.headers()['cache-control'], comments: ((await response.json()) as { comments: { id: number }[] }).comments };
}

test('a comment held for its links: the writer is told why, and sees it in the thread, marked, before and after a reload; no one else does', async ({ page, browser, baseURL, request }) => {
  await page.goto(articleUrl);
  const { text, body } = withTwoLinks('Retenu pour ses liens');
  await fillComment(page, { name: 'Camille', email: 'camille.retenue@exemple.fr', body });
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  await expect(page.getByRole('status')).toHaveText(LINKS_MESSAGE);
  await expect(page.getByRole('status')).toBeFocused();

  // In the thread, where a new comment shows, marked, rendered as any comment (links cut, nothing run); once only.
  const held = page.locator('section.comments > ol.comment-list > li > .comment', { hasText: text });
  await expect(held).toBeVisible();
  await expect(held).toHaveClass(/comment--held/);
  await expect(held.locator('.comment__held')).toHaveText('en attente de modération');
  await expect(held.getByRole('link', { name: 'https://un.example' })).toHaveAttribute('rel', 'nofollow ugc noopener');
  await expect(held.getByRole('link', { name: /^Répondre/ })).toHaveCount(0);
  await expect(page.locator('.comment', { hasText: text })).toHaveCount(1);
  await expect(page.locator('section.comments > ol.comment-list > li').last()).toContainText(text);
  const id = Number((await held.getAttribute('id'))?.replace('comment-', ''));

  // The proof is HttpOnly, for the article's addresses; the marker, for the script, holds no secret.
  const cookies = await page.context().cookies();
  const proof = cookies.find((cookie) => cookie.name === 'm20-en-attente-preuve');
  expect(proof).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: articleUrl });
  expect(proof?.expires).toBeGreaterThan(Date.now() / 1000 + 13 * 24 * 3600);
  const marker = cookies.find((cookie) => cookie.name === 'm20-en-attente');
  expect(marker).toMatchObject({ httpOnly: false, path: articleUrl });
  expect(marker?.value).toMatch(new RegExp(`^${id}-\\d+$`));
  expect(proof?.value).not.toBe(marker?.value);

  // The endpoint answers this browser, and only for its own cache.
  const own = await askHeld(page.request);
  expect(own.cacheControl).toBe('private, no-store');
  expect(own.comments.map((comment) => comment.id)).toEqual([id]);

  await page.reload();
  await expect(page.locator(`#comment-${id}`)).toHaveClass(/comment--held/);
  await expect(page.locator(`#comment-${id} .comment__held`)).toHaveText('en attente de modération');
  const axe = await new AxeBuilder({ page }).include(`#comment-${id}`).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);

  // Another browser, the page's HTML, the public API: none of them has it.
  const other = await browser.newContext({ baseURL });
  const otherPage = await other.newPage();
  await otherPage.goto(articleUrl);
  await expect(otherPage.locator('#commentaires')).toBeVisible();
  await expect(otherPage.locator(`#comment-${id}`)).toHaveCount(0);
  expect(await askHeld(other.request)).toMatchObject({ status: 200, comments: [] });
  await other.close();
  const html = await (await request.get(articleUrl)).text();
  expect(html).not.toContain(text);
  expect(JSON.stringify(await (await request.get(`/api/articles/${OPEN_SLUG}/comments?limit=100`)).json())).not.toContain(text);
});

test('a forged cookie shows nothing', async ({ page, browser, baseURL }) => {
  await page.goto(articleUrl);
  const { body } = withTwoLinks('Cible d’un faussaire');
  await fillComment(page, { name: 'Dominique', email: 'dominique.retenue@exemple.fr', body });
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  await expect(page.getByRole('status')).toHaveText(LINKS_MESSAGE);
  const marker = (await page.context().cookies()).find((cookie) => cookie.name === 'm20-en-attente');
  const id = Number(marker?.value.split('-')[0]);

  // Another browser writes the marker and a proof of its own making for that comment.
  const forger = await browser.newContext({ baseURL });
  const domain = new URL(baseURL ?? '').hostname;
  const until = Math.floor(Date.now() / 1000) + 3600;
  await forger.addCookies([
    { name: 'm20-en-attente', value: `${id}-${until}`, domain, path: articleUrl },
    { name: 'm20-en-attente-preuve', value: `${id}-${until}.${'A'.repeat(43)}`, domain, path: articleUrl },
  ]);
  const forgerPage = await forger.newPage();
  const answered = forgerPage.waitForResponse((response) => response.url().endsWith(heldUrl));
  await forgerPage.goto(articleUrl);
  expect(await (await answered).json()).toEqual({ comments: [] });
  await expect(forgerPage.locator(`#comment-${id}`)).toHaveCount(0);
  // And its cookies are taken back: the page stops asking.
  expect((await forger.cookies()).filter((cookie) => cookie.name.startsWith('m20-en-attente'))).toEqual([]);
  await forger.close();
});

test('a held reply shows next to the reply form, then under its parent in the thread', async ({ page, api }) => {
  const parentBody = uniqueText('Un commentaire publié');
  const parent = await api.post(`/api/articles/${OPEN_SLUG}/comments`, { data: { name: 'Alice', email: 'alice.parent@exemple.fr', body: parentBody } });
  expect(parent.status()).toBe(201);
  const parentId = (await parent.json()).comment.id as number;

  await page.goto(`${articleUrl}/repondre/${parentId}`);
  const { text, body } = withTwoLinks('Réponse retenue');
  await page.getByLabel('Nom').fill('Bob');
  await page.getByLabel('E-mail').fill('bob.retenu@exemple.fr');
  await page.getByLabel(/^Commentaire/).fill(body);
  await page.getByRole('button', { name: 'Publier la réponse' }).click();
  await expect(page.getByRole('status')).toHaveText(LINKS_MESSAGE);
  // No thread on this page: the form shows it.
  const preview = page.locator('.form-status__held .comment');
  await expect(preview).toContainText(text);
  await expect(preview.locator('.comment__held')).toHaveText('en attente de modération');

  await page.goto(articleUrl);
  const thread = page.locator('section.comments > ol.comment-list > li', { has: page.locator(`#comment-${parentId}`) });
  const reply = thread.locator('.comment-list--replies .comment--held');
  await expect(reply).toContainText(text);
  await expect(reply.locator('.comment__held')).toHaveText('en attente de modération');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the answer to the form says why and shows the held text next to the form', async ({ page }) => {
    await page.goto(articleUrl);
    const { text, body } = withTwoLinks('Retenu sans JavaScript');
    await fillComment(page, { name: 'Sans JS', email: 'sansjs.retenu@exemple.fr', body });
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    await expect(page.getByText(LINKS_MESSAGE)).toBeVisible();
    const held = page.locator('#commenter .form-status__held .comment');
    await expect(held).toContainText(text);
    await expect(held.locator('.comment__held')).toHaveText('en attente de modération');
    await expect(held.getByRole('link', { name: 'https://deux.example' })).toBeVisible();
    // Once: the thread itself is everyone's.
    await expect(page.locator('.comment', { hasText: text })).toHaveCount(1);
  });
});
