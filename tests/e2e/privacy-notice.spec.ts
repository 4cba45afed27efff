import { OPEN_SLUG, expect, test } from './fixtures';

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('the comment form says who keeps the data, why, how long, the rights, and links to the policy; nothing is ticked', async ({ page }) => {
      await page.goto(`/articles/${OPEN_SLUG}`);
      const form = page.locator('#commenter');
      const notice = form.locator('.comment-form__privacy');
      await expect(notice).toContainText('éditeur du site, garde votre nom, votre e-mail (jamais publié)');
      await expect(notice).toContainText('tant que le commentaire est en ligne');
      await expect(notice).toContainText('accéder, les faire corriger ou effacer, et saisir la CNIL');
      await expect(notice.getByRole('link', { name: 'politique de confidentialité' })).toHaveAttribute('href', '/confidentialite');
      // The only boxes are the follow-up e-mails, and none comes ticked.
      const boxes = form.getByRole('checkbox');
      await expect(boxes).toHaveCount(2);
      for (const box of await boxes.all()) await expect(box).not.toBeChecked();
      await expect(form.getByRole('button', { name: 'Publier le commentaire' })).toHaveAccessibleDescription(/Vos données\./);
    });

    test('the reply form carries the same notice', async ({ page }) => {
      await page.goto(`/articles/${OPEN_SLUG}`);
      await page.getByRole('link', { name: /^Répondre à/ }).first().click();
      await expect(page.locator('.comment-form__privacy')).toContainText('Vos données.');
      await expect(page.locator('.comment-form__privacy').getByRole('link', { name: 'politique de confidentialité' })).toBeVisible();
    });
  });
}
