import AxeBuilder from '@axe-core/playwright';
import { CLOSED_SLUG, OPEN_SLUG, expect, test } from './fixtures';

const pages = ['/', '/livre', '/auteur', '/rencontres', `/articles/${OPEN_SLUG}`, `/articles/${CLOSED_SLUG}`, '/articles/nexiste-pas', `/articles/${CLOSED_SLUG}/repondre/1`, '/confidentialite', '/mentions-legales'];

for (const path of pages) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`${path} has no axe violations (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`)).toEqual([]);
    });
  }
}

test('the comment form with field errors has no axe violations', async ({ page }) => {
  // By now the thread holds the other tests' hundred-odd comments: axe takes seconds over it under
  // the suite's parallel load (one run on PostgreSQL went past 30 s).
  test.slow();
  await page.goto(`/articles/${OPEN_SLUG}`);
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  await expect(page.getByText('Indiquez votre nom.')).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => violation.id)).toEqual([]);
});

test('the skip link moves to the main content, and focus is visible', async ({ page }) => {
  await page.goto(`/articles/${OPEN_SLUG}`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  await expect(skip).toBeFocused();
  const outline = await skip.evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('the layout holds at 320 px without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ['/', '/livre', '/auteur', `/articles/${CLOSED_SLUG}`]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
