import type { Page } from '@playwright/test';
import { OPEN_SLUG, expect, test, uniqueText } from './fixtures';
import { signIn } from './sign-in';
import { ADMIN } from './server-settings';
import { parisTimeIn } from './paris-time';

test.describe.configure({ mode: 'serial' });

const explainerRow = (page: Page) => page.locator(`tr[data-slug="${OPEN_SLUG}"]`);
const commentsApi = `/api/articles/${OPEN_SLUG}/comments`;

test('a wrong password gets a French message; the right one opens the dashboard with every article', async ({ page }) => {
  await page.goto('/admin/connexion');
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect.');

  await signIn(page);
  await expect(page.locator('tr[data-slug="en-librairie-le-15-mai"]')).toContainText('7');
  await expect(page.locator('tr[data-slug="en-librairie-le-15-mai"] .article-state')).toContainText('Fermés');
  await expect(explainerRow(page).locator('.article-state')).toHaveText('Ouverts');
});

test('closing the explainer replaces its form and makes the API refuse; reopening brings both back', async ({ page, api }) => {
  await signIn(page);
  await explainerRow(page).getByRole('button', { name: /^Fermer les commentaires/ }).click();
  await expect(page.getByRole('status')).toContainText('Commentaires fermés');
  await expect(explainerRow(page).locator('.article-state')).toContainText('Fermés depuis le');

  await page.goto(`/articles/${OPEN_SLUG}`);
  await expect(page.getByText('Les commentaires sont fermés.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publier le commentaire' })).toHaveCount(0);
  const refused = await api.post(commentsApi, { data: { name: 'Tard', email: 'tard@exemple.fr', body: uniqueText('trop tard') } });
  expect(refused.status()).toBe(403);
  expect((await (await api.get(commentsApi)).json()).open).toBe(false);

  await page.goto('/admin');
  await explainerRow(page).getByRole('button', { name: /^Rouvrir les commentaires/ }).click();
  await expect(explainerRow(page).locator('.article-state')).toHaveText('Ouverts');
  await page.goto(`/articles/${OPEN_SLUG}`);
  await expect(page.getByRole('button', { name: 'Publier le commentaire' })).toBeVisible();
  expect((await api.post(commentsApi, { data: { name: 'À temps', email: 'temps@exemple.fr', body: uniqueText('à temps') } })).status()).toBe(201);
});

test('a scheduled closing shows on the dashboard and the page, and closes by the clock', async ({ page, api }) => {
  await signIn(page);
  // A year from the real now, as the author types it (Paris time): the server reads the real clock.
  const nextYear = parisTimeIn(365);
  await explainerRow(page).getByLabel('Fermer le (heure de Paris)').fill(nextYear.input);
  await explainerRow(page).getByRole('button', { name: /^Programmer/ }).click();
  await expect(explainerRow(page).locator('.article-state')).toHaveText(`Ouverts, fermeture le ${nextYear.text}`);
  await page.goto(`/articles/${OPEN_SLUG}`);
  await expect(page.getByText(`Les commentaires fermeront le ${nextYear.text}.`)).toBeVisible();

  // By the clock alone: nothing is written when the date passes, yet the page closes (its cached
  // copy ends then: lib/cache/cache-handler.cjs), and the API refuses.
  const soon = new Date(Date.now() + 8000);
  const scheduled = await page.request.patch(`/api/admin/articles/${OPEN_SLUG}`, { data: { closesAt: soon.toISOString() } });
  expect(await scheduled.json()).toMatchObject({ isOpen: true });
  expect(await (await page.request.get(`/articles/${OPEN_SLUG}`)).text()).toContain('Les commentaires fermeront le');
  await expect
    .poll(async () => (await (await page.request.get(`/articles/${OPEN_SLUG}`)).text()).includes('Les commentaires sont fermés.'), { timeout: 20_000 })
    .toBe(true);
  expect((await api.post(commentsApi, { data: { name: 'Tard', email: 'tard1@exemple.fr', body: uniqueText('après l’heure') } })).status()).toBe(403);

  // The same through the scripts' API: a closing date just passed closes the article at once.
  const past = await page.request.patch(`/api/admin/articles/${OPEN_SLUG}`, { data: { closesAt: new Date(Date.now() - 1000).toISOString() } });
  expect(past.status()).toBe(200);
  expect(await past.json()).toMatchObject({ isOpen: false });
  expect((await api.post(commentsApi, { data: { name: 'Tard', email: 'tard2@exemple.fr', body: uniqueText('après la date') } })).status()).toBe(403);

  const reopened = await page.request.patch(`/api/admin/articles/${OPEN_SLUG}`, { data: { commentsOpen: true, closesAt: null } });
  expect(await reopened.json()).toMatchObject({ isOpen: true, closesAt: null });
  const invalid = await page.request.patch(`/api/admin/articles/${OPEN_SLUG}`, { data: { commentsOpen: 'oui' } });
  expect(invalid.status()).toBe(400);
});

test('a held comment is approved from the queue and appears on the page; the action is in the journal', async ({ page, api }) => {
  const body = uniqueText('Deux liens https://un.example https://deux.example');
  expect((await api.post(commentsApi, { data: { name: 'Retenu', email: 'retenu@exemple.fr', body } })).status()).toBe(202);

  await signIn(page);
  await expect(explainerRow(page).getByRole('link', { name: /^\d+$/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Modération' }).click();
  const row = page.locator('tr', { hasText: body.slice(0, 30) });
  await expect(row).toContainText('retenu@exemple.fr');
  await row.getByRole('button', { name: /^Approuver/ }).click();
  await expect(page.getByRole('status')).toContainText('1 commentaire(s)');

  await page.goto(`/articles/${OPEN_SLUG}`);
  await expect(page.locator('.comment', { hasText: body.slice(0, 30) })).toBeVisible();

  await page.goto('/admin/journal');
  await expect(page.locator('tr', { hasText: 'comment.approve' }).first()).toContainText(ADMIN.email);
});

test('bulk actions, search, edit and an author reply', async ({ page, api }) => {
  const marker = uniqueText('lot');
  for (const index of [1, 2]) {
    expect((await api.post(commentsApi, { data: { name: `Lot ${index}`, email: `lot${index}@exemple.fr`, body: `${marker} n°${index}` } })).status()).toBe(201);
  }
  await signIn(page);
  await page.goto(`/admin/commentaires?q=${encodeURIComponent(marker)}`);
  await expect(page.locator('tbody tr')).toHaveCount(2);
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await page.getByLabel('Action sur la sélection').selectOption('spam');
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page.getByRole('status')).toContainText('2 commentaire(s)');
  await page.goto(`/articles/${OPEN_SLUG}`);
  await expect(page.locator('.comment', { hasText: marker })).toHaveCount(0);

  // Restore one, correct its text and answer it as the author.
  await page.goto(`/admin/commentaires?q=${encodeURIComponent(`${marker} n°1`)}`);
  await page.getByRole('link', { name: /^Modifier ou répondre/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Commentaire de Lot 1' })).toBeVisible();
  await page.getByRole('button', { name: 'Restaurer', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('restore');
  await page.getByLabel('Texte du commentaire').fill(`${marker} n°1 (corrigé)`);
  await page.getByRole('button', { name: 'Enregistrer le texte' }).click();
  await expect(page.getByRole('status')).toHaveText('Texte enregistré.');
  await page.getByLabel('Répondre en tant qu’auteur').fill(`Merci ! ${marker}`);
  await page.getByRole('button', { name: 'Publier la réponse de l’auteur' }).click();
  await expect(page.getByRole('status')).toHaveText('Réponse publiée.');

  await page.goto(`/articles/${OPEN_SLUG}`);
  await expect(page.locator('.comment', { hasText: `${marker} n°1 (corrigé)` })).toBeVisible();
  const reply = page.locator('.comment-list--replies .comment', { hasText: `Merci ! ${marker}` });
  await expect(reply.locator('.comment__badge')).toHaveText('Auteur');
  await expect(reply.locator('.comment__author')).toHaveText('François Laurent');
});

test('the settings hold every new comment for moderation, then publish again', async ({ page, api }) => {
  await signIn(page);
  await page.getByLabel('Retenir tous les commentaires').check();
  await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
  await expect(page.getByRole('status')).toHaveText('Réglages enregistrés.');
  expect((await api.post(commentsApi, { data: { name: 'Modéré', email: 'modere@exemple.fr', body: uniqueText('retenu par réglage') } })).status()).toBe(202);
  await page.goto('/admin');
  await page.getByLabel('Publier aussitôt').check();
  await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
  await expect(page.getByRole('status')).toHaveText('Réglages enregistrés.');
  expect((await api.post(commentsApi, { data: { name: 'Libre', email: 'libre@exemple.fr', body: uniqueText('publié') } })).status()).toBe(201);
});

test('the author exports the comments as JSON and CSV', async ({ page }) => {
  await signIn(page);
  const json = await page.request.get('/api/admin/export?format=json&article=en-librairie-le-15-mai');
  expect(json.headers()['content-disposition']).toMatch(/attachment; filename="commentaires-en-librairie-le-15-mai-.*\.json"/);
  const rows = await json.json();
  expect(rows).toHaveLength(7);
  expect(rows[0]).toMatchObject({ authorName: 'Yann', status: 'published', articleSlug: 'en-librairie-le-15-mai' });
  expect(rows[0].authorEmail).toMatch(/@/);

  const download = page.waitForEvent('download');
  await page.locator('tr[data-slug="en-librairie-le-15-mai"]').getByRole('link', { name: 'CSV' }).click();
  const csv = await (await download).path().then((path) => import('node:fs').then((fs) => fs.readFileSync(path, 'utf8')));
  const lines = csv.replace(/^\uFEFF/, '').split('\n');
  expect(lines[0]).toBe('id,articleSlug,parentId,authorName,authorEmail,authorWebsite,body,status,isAuthor,createdAt,editedAt');
  expect(csv).toContain('Jacqueline Aglietta');
});

test('signing out ends the session', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/admin\/connexion/);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/connexion/);
});

test('the admin pages have no axe violations', async ({ page }) => {
  // Five pages, each analysed by axe: a busy machine takes more than the default 30 s.
  test.slow();
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  await page.goto('/admin/connexion');
  expect((await new AxeBuilder({ page }).analyze()).violations.map((violation) => violation.id)).toEqual([]);
  await signIn(page);
  for (const path of ['/admin', '/admin/commentaires', '/admin/commentaires/1', '/admin/journal']) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${path} ${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`)).toEqual([]);
  }
});
