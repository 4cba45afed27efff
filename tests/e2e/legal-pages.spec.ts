import { OPEN_SLUG, expect, test } from './fixtures';

const PAGES = [
  { path: '/mentions-legales', name: 'Mentions légales' },
  { path: '/confidentialite', name: 'Politique de confidentialité' },
];

test('every page links to the legal notice and the privacy policy from its footer', async ({ page }) => {
  for (const path of ['/', `/articles/${OPEN_SLUG}`, '/admin/connexion', '/mentions-legales']) {
    await page.goto(path);
    const footer = page.getByRole('contentinfo').getByRole('navigation', { name: 'Informations légales' });
    for (const { path: target, name } of PAGES) await expect(footer.getByRole('link', { name }), `${path} → ${target}`).toHaveAttribute('href', target);
  }
});

for (const { path, name } of PAGES) {
  test(`${path} shows « ${name} » like an article, without comments`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByText(/^Mise à jour le \d{1,2}(er)? \p{L}+ \d{4}$/u)).toBeVisible();
    await expect(page.locator('#commentaires')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Publier le commentaire' })).toHaveCount(0);
    await expect(page.locator('main')).not.toContainText('{{');
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`${path}$`));
  });
}

test('the privacy policy names the cookies, the rights and the CNIL', async ({ page }) => {
  await page.goto('/confidentialite');
  const main = page.locator('main');
  for (const words of ['next-auth.session-token', 'accéder', 'rectifier', 'effacer', 'CNIL']) await expect(main).toContainText(words);
  await expect(main.getByRole('link', { name: 'mentions légales' })).toHaveAttribute('href', '/mentions-legales');
});

test('the legal pages are in the sitemap, not in the list of articles nor the feed', async ({ page, request }) => {
  const sitemap = await (await request.get('/sitemap.xml')).text();
  expect(sitemap).toContain('/confidentialite</loc>');
  expect(sitemap).toContain('/mentions-legales</loc>');
  const feed = await (await request.get('/feed.xml')).text();
  expect(feed).not.toContain('confidentialite');
  await page.goto('/');
  await expect(page.locator('.article-card', { hasText: 'Politique de confidentialité' })).toHaveCount(0);
});
