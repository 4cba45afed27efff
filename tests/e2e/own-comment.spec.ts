import AxeBuilder from '@axe-core/playwright';
import { OPEN_SLUG, expect, test, uniqueText } from './fixtures';
import { fillComment } from './comment-form';
import { signIn } from './sign-in';

const articleUrl = `/articles/${OPEN_SLUG}`;

test('the writer alone sees « Modifier » and « Supprimer », edits within the window, and the page says « modifié »', async ({ page, browser, baseURL, request }) => {
  await page.goto(articleUrl);
  const body = uniqueText('Premier jet à corriger');
  await fillComment(page, { name: 'Camille', email: 'camille.modifie@exemple.fr', body });
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  const comment = page.locator('.comment', { hasText: body });
  await expect(comment).toBeVisible();
  await expect(page.locator('.form-status__own')).toContainText(/Vous pouvez modifier ou supprimer votre commentaire jusqu’à \d{1,2} h \d{2}/);
  await expect(comment.getByRole('link', { name: 'Modifier votre commentaire' })).toBeVisible();
  await expect(comment.getByRole('link', { name: 'Supprimer votre commentaire' })).toBeVisible();
  const id = Number((await comment.getAttribute('id'))?.replace('comment-', ''));

  // The secret is HttpOnly and goes only to the comment's own addresses; the marker holds no secret.
  const cookies = await page.context().cookies();
  const secret = cookies.find((cookie) => cookie.name === `m20-modif-${id}`);
  expect(secret).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: `${articleUrl}/commentaires/${id}` });
  const marker = cookies.find((cookie) => cookie.name === 'm20-modifiables');
  expect(marker).toMatchObject({ httpOnly: false, path: articleUrl });
  expect(marker?.value).not.toContain(secret?.value ?? '');

  // The page served is everyone's: no control in its HTML, none for another browser.
  const html = await (await request.get(articleUrl)).text();
  expect(html).not.toContain('comment__own');
  const other = await browser.newContext({ baseURL });
  const otherPage = await other.newPage();
  await otherPage.goto(articleUrl);
  await expect(otherPage.locator('.comment', { hasText: body })).toBeVisible();
  await expect(otherPage.locator('.comment', { hasText: body }).getByRole('link', { name: /Modifier/ })).toHaveCount(0);
  await otherPage.goto(`${articleUrl}/commentaires/${id}/modifier`);
  await expect(otherPage.getByRole('alert').filter({ hasText: /^Seul le navigateur qui a publié ce commentaire peut le modifier ou le supprimer/ })).toBeVisible();
  await other.close();

  // After a reload the links are still there (the marker), then the edit.
  await page.reload();
  await page.locator('.comment', { hasText: body }).getByRole('link', { name: 'Modifier votre commentaire' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Modifier votre commentaire' })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  await page.getByLabel('Votre commentaire').fill('');
  await page.getByRole('button', { name: 'Enregistrer la modification' }).click();
  await expect(page.getByText('Écrivez votre commentaire.')).toBeVisible();
  const corrected = uniqueText('Version corrigée');
  await page.getByLabel('Votre commentaire').fill(corrected);
  await page.getByRole('button', { name: 'Enregistrer la modification' }).click();
  await expect(page).toHaveURL(new RegExp(`#comment-${id}$`));
  const edited = page.locator(`#comment-${id}`);
  await expect(edited).toContainText(corrected);
  await expect(edited.locator('.comment__edited')).toHaveText('modifié');

  // The author sees the earlier text.
  await signIn(page);
  await page.goto(`/admin/commentaires/${id}`);
  await expect(page.getByRole('region', { name: 'Versions précédentes' })).toContainText(body);
});

test('the writer deletes their comment; it leaves the thread', async ({ page }) => {
  await page.goto(articleUrl);
  const body = uniqueText('À supprimer par son auteur');
  await fillComment(page, { name: 'Dominique', email: 'dominique.supprime@exemple.fr', body });
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  const comment = page.locator('.comment', { hasText: body });
  await comment.getByRole('link', { name: 'Supprimer votre commentaire' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Supprimer votre commentaire' })).toBeVisible();
  await page.getByRole('button', { name: 'Supprimer mon commentaire' }).click();
  await expect(page).toHaveURL(new RegExp(`${articleUrl}#commentaires$`));
  await expect(page.locator('.comment', { hasText: body })).toHaveCount(0);
  expect((await page.context().cookies()).some((cookie) => cookie.name.startsWith('m20-modif-'))).toBe(false);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the confirmation carries the links, and the edit works as a plain form', async ({ page }) => {
    await page.goto(articleUrl);
    const body = uniqueText('Sans JavaScript, à corriger');
    await fillComment(page, { name: 'Sans JS', email: 'sansjs.modifie@exemple.fr', body });
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    await expect(page.locator('.comment', { hasText: body })).toBeVisible();
    await page.locator('.form-status__own').getByRole('link', { name: 'modifier' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Modifier votre commentaire' })).toBeVisible();
    const corrected = uniqueText('Corrigé sans JavaScript');
    await page.getByLabel('Votre commentaire').fill(corrected);
    await page.getByRole('button', { name: 'Enregistrer la modification' }).click();
    const edited = page.locator('.comment', { hasText: corrected });
    await expect(edited).toBeVisible();
    await expect(edited.locator('.comment__edited')).toHaveText('modifié');
  });

  test('two links in the new text hold it for the author again', async ({ page }) => {
    await page.goto(articleUrl);
    const body = uniqueText('Bientôt avec des liens');
    await fillComment(page, { name: 'Sans JS', email: 'sansjs.liens@exemple.fr', body });
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    await page.locator('.form-status__own').getByRole('link', { name: 'modifier' }).click();
    await page.getByLabel('Votre commentaire').fill(`${body} https://un.example https://deux.example`);
    await page.getByRole('button', { name: 'Enregistrer la modification' }).click();
    await expect(page.getByRole('status')).toHaveText('Votre commentaire modifié attend la relecture de l’auteur.');
    await page.goto(articleUrl);
    await expect(page.locator('.comment', { hasText: body })).toHaveCount(0);
  });
});
