import { OPEN_SLUG, expect, test } from './fixtures';
import { signIn } from './sign-in';

const FIELD = /Effacer l’empreinte de l’adresse IP des commentaires au bout de/;

test('the author sets how long IP hashes are kept; the form’s notice and the policy say it', async ({ page }) => {
  await signIn(page);
  await expect(page.getByLabel(FIELD)).toHaveValue('30');
  // Under its minimum the browser keeps the form (the server's own check: tests/unit/privacy-retention.test.ts).
  await page.getByLabel(FIELD).fill('0');
  await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
  expect(await page.getByLabel(FIELD).evaluate((input: HTMLInputElement) => input.validity.rangeUnderflow)).toBe(true);
  await expect(page.getByText('Réglages enregistrés.')).toHaveCount(0);

  await page.getByLabel(FIELD).fill('7');
  await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
  await expect(page.getByRole('status')).toHaveText('Réglages enregistrés.');
  try {
    await page.goto(`/articles/${OPEN_SLUG}`);
    await expect(page.locator('#commenter .comment-form__privacy')).toContainText('s’efface au bout de 7 jours.');
    await page.goto('/confidentialite');
    await expect(page.locator('main')).toContainText('effacée au bout de 7 jours');
  } finally {
    await page.goto('/admin');
    await page.getByLabel(FIELD).fill('30');
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await expect(page.getByRole('status')).toHaveText('Réglages enregistrés.');
  }
});
