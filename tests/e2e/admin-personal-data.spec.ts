import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { OPEN_SLUG, expect, test, uniqueText } from './fixtures';
import { signIn } from './sign-in';

const commentsApi = `/api/articles/${OPEN_SLUG}/comments`;

test('the author finds, exports and anonymises what the site holds about an address', async ({ page, api }) => {
  const email = `droits-${Date.now().toString(36)}@exemple.fr`;
  const body = uniqueText('Un avis à anonymiser');
  const posted = await api.post(commentsApi, { data: { name: 'Dominique Droits', email, website: 'https://dominique.example.org', body } });
  expect(posted.status()).toBe(201);

  await signIn(page);
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Données personnelles' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Données personnelles' })).toBeVisible();
  await page.getByLabel('Adresse e-mail de la personne').fill(email.toUpperCase());
  await page.getByRole('button', { name: 'Chercher' }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Ce que le site garde de ${email}` })).toBeVisible();
  await expect(page.getByText('1 commentaire sous cette adresse')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Commentaires de cette adresse' })).toContainText(body.slice(0, 20));
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger ces données (JSON)' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.email).toBe(email);
  expect(exported.comments).toHaveLength(1);
  expect(exported.comments[0]).toMatchObject({ authorEmail: email, body });

  // Nothing happens without a choice and a confirmation.
  await page.getByRole('button', { name: 'Effacer définitivement' }).click();
  await expect(page.getByText('Choisissez : supprimer les commentaires, ou les garder sans nom ni adresse.')).toBeVisible();
  await expect(page.getByText('Cochez la case pour confirmer l’effacement.')).toBeVisible();

  await page.getByLabel(/Les garder, signés « Anonyme »/).check();
  await page.getByLabel(/Je confirme l’effacement/).check();
  await page.getByRole('button', { name: 'Effacer définitivement' }).click();
  await expect(page.getByRole('status')).toContainText('Effacé : 1 commentaire anonymisé');

  await page.goto(`/articles/${OPEN_SLUG}`);
  const comment = page.locator('.comment', { hasText: body });
  await expect(comment.locator('.comment__author')).toHaveText('Anonyme');
  await expect(comment.locator('.comment__author a')).toHaveCount(0);

  await page.goto('/admin/journal');
  await expect(page.locator('tr', { hasText: 'privacy.erase' }).first()).toContainText('personne:');
  await expect(page.locator('main')).not.toContainText(email);
});

test('the author deletes the comments of an address; the thread no longer shows them', async ({ page, api }) => {
  const email = `effacer-${Date.now().toString(36)}@exemple.fr`;
  const body = uniqueText('Un avis à supprimer');
  expect((await api.post(commentsApi, { data: { name: 'Claude Efface', email, body } })).status()).toBe(201);

  await signIn(page);
  await page.goto('/admin/donnees-personnelles');
  await page.getByLabel('Adresse e-mail de la personne').fill(email);
  await page.getByRole('button', { name: 'Chercher' }).click();
  await page.getByLabel('Les supprimer').check();
  await page.getByLabel(/Je confirme l’effacement/).check();
  await page.getByRole('button', { name: 'Effacer définitivement' }).click();
  await expect(page.getByRole('status')).toContainText('Effacé : 1 commentaire supprimé');

  await page.goto(`/articles/${OPEN_SLUG}`);
  await expect(page.locator('.comment', { hasText: body })).toHaveCount(0);
});

test('without JavaScript, the search and the erasure work as plain forms', async ({ browser, baseURL, clientIp, api }) => {
  const email = `sansjs-droits-${Date.now().toString(36)}@exemple.fr`;
  expect((await api.post(commentsApi, { data: { name: 'Sans JS', email, body: uniqueText('Sans JS, à effacer') } })).status()).toBe(201);
  // The sign-in form needs JavaScript (next-auth's client): sign in once with it, then go on without.
  const headers = { 'x-forwarded-for': clientIp };
  const withScript = await browser.newContext({ baseURL, extraHTTPHeaders: headers });
  await signIn(await withScript.newPage());
  const storageState = await withScript.storageState();
  await withScript.close();
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: headers, storageState, javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto('/admin/donnees-personnelles');
    await page.getByLabel('Adresse e-mail de la personne').fill('pas une adresse');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await expect(page.getByText('Cette adresse e-mail n’est pas valide.')).toBeVisible();
    await page.getByLabel('Adresse e-mail de la personne').fill(email);
    await page.getByRole('button', { name: 'Chercher' }).click();
    await expect(page.getByText('1 commentaire sous cette adresse')).toBeVisible();
    await page.getByLabel('Les supprimer').check();
    await page.getByLabel(/Je confirme l’effacement/).check();
    await page.getByRole('button', { name: 'Effacer définitivement' }).click();
    await expect(page.getByText('Effacé : 1 commentaire supprimé')).toBeVisible();
  } finally {
    await context.close();
  }
});

test('the export and the erasure refuse requests without a session', async ({ request }) => {
  const response = await request.post('/api/admin/donnees-personnelles', { form: { email: 'quelquun@exemple.fr' } });
  expect(response.status()).toBe(401);
});
