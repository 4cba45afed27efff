import { expect, test } from './fixtures';
import { ADMIN, THROTTLED_ADMIN } from './server-settings';

const adminPages = ['/admin', '/admin/commentaires', '/admin/commentaires/1', '/admin/journal'];

test('every admin page sends a visitor without a session to the sign-in page', async ({ page }) => {
  for (const path of adminPages) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/admin\/connexion$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion de l’auteur');
  }
});

test('the admin API answers 401 without a session, and with a forged session cookie', async ({ playwright, baseURL }) => {
  for (const cookie of [undefined, 'next-auth.session-token=eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImF1dGV1ckBleGVtcGxlLmZyIn0.forged']) {
    const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: cookie ? { cookie } : {} });
    expect((await request.patch('/api/admin/articles/le-marketing-2-0-c-est-quoi', { data: { commentsOpen: false } })).status()).toBe(401);
    const exported = await request.get('/api/admin/export?format=json');
    expect(exported.status()).toBe(401);
    expect(await exported.text()).not.toContain('@');
    const dashboard = await request.get('/admin', { maxRedirects: 0 });
    expect([303, 307, 308]).toContain(dashboard.status());
    await request.dispose();
  }
  // Nothing was closed.
  const state = await (await playwright.request.newContext({ baseURL })).get('/api/articles/le-marketing-2-0-c-est-quoi/comments');
  expect((await state.json()).open).toBe(true);
});

test('an admin server action without a session changes nothing', async ({ page, api }) => {
  // Replays the dashboard's close form as a signed-out visitor: the action's own guard refuses.
  await page.goto('/admin/connexion');
  await page.context().clearCookies();
  const form = await page.request.post('/admin', {
    multipart: { slug: 'le-marketing-2-0-c-est-quoi', open: 'false' },
    headers: { origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(form.status()).toBeLessThan(500);
  expect((await (await api.get('/api/articles/le-marketing-2-0-c-est-quoi/comments')).json()).open).toBe(true);
});

test('a signed-in author’s cross-site write is refused', async ({ page }) => {
  await page.goto('/admin/connexion');
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  const crossSite = await page.request.patch('/api/admin/articles/le-marketing-2-0-c-est-quoi', {
    data: { commentsOpen: false },
    headers: { origin: 'https://malveillant.example' },
  });
  expect(crossSite.status()).toBe(403);
  expect((await (await page.request.get('/api/articles/le-marketing-2-0-c-est-quoi/comments')).json()).open).toBe(true);
});

test('wrong passwords are throttled per account: the sixth try is refused even with the right password', async ({ page }) => {
  await page.goto('/admin/connexion');
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await page.getByLabel('E-mail').fill(THROTTLED_ADMIN.email);
    await page.getByLabel('Mot de passe').fill(`mauvais ${attempt}`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.locator('form').getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect.');
  }
  await page.getByLabel('Mot de passe').fill(THROTTLED_ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.locator('form').getByRole('alert')).toContainText('Trop de tentatives de connexion. Réessayez dans 15 minutes.');
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/connexion$/);
});
