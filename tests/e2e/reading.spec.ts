import { CLOSED_SLUG, OPEN_SLUG, expect, test } from './fixtures';

test('the home page presents the book and lists both articles, newest first, with dates and comment counts', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Marketing 2\.0/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Marketing 2.0');
  await expect(page.locator('.book__date')).toHaveText('En librairie depuis le 15 mai 2008');
  await expect(page.getByText('Préface de Pierre Bellanger').first()).toBeVisible();
  await expect(page.getByRole('img', { name: /Couverture du livre/ })).toBeVisible();

  const titles = page.locator('.article-card h3');
  await expect(titles).toHaveText(['En librairie le 15 Mai', 'Le marketing 2.0, c\'est quoi\u202F?']);
  const first = page.locator('.article-card').first();
  await expect(first.locator('time')).toHaveText('5 mai 2008');
  await expect(first.getByRole('link', { name: /^7 commentaires/ })).toBeVisible();
});

test('an article renders its title, date, author and headings, and links back home', async ({ page }) => {
  await page.goto(`/articles/${OPEN_SLUG}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le marketing 2.0, c\'est quoi\u202F?');
  await expect(page.getByRole('heading', { level: 2, name: /^Bref rappel/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Et le marketing 2.0 alors\u202F?' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Mais en pratique, ça donne quoi\u202F?' })).toBeVisible();
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `https://marketing20.example/articles/${OPEN_SLUG}`);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');

  await page.goto(`/articles/${CLOSED_SLUG}`);
  await expect(page.locator('.article__byline time')).toHaveText('5 mai 2008');
  await expect(page.getByText('Par François Laurent')).toBeVisible();
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Accueil' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('the announcement shows its seven seeded comments and is closed', async ({ page }) => {
  await page.goto(`/articles/${CLOSED_SLUG}`);
  const section = page.getByRole('region', { name: '7 commentaires' });
  await expect(section).toBeVisible();
  const authors = section.locator('.comment__author');
  await expect(authors).toHaveText(['Yann', 'Stéphane', 'Philippe LG', 'Anonyme', 'Anonyme', 'Jacqueline Aglietta', 'Isabel']);
  await expect(section.locator('.comment').first().locator('time')).toHaveText('5 mai 2008 à 9 h 42');
  // Line breaks are kept.
  await expect(section.locator('.comment').last().locator('br')).toHaveCount(2);
  await expect(page.getByText('Les commentaires sont fermés.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publier le commentaire' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^Répondre/ })).toHaveCount(0);
});

test('an unknown article is a French 404 page', async ({ page }) => {
  const response = await page.goto('/articles/nexiste-pas');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
  await expect(page.getByRole('link', { name: 'Retour à l’accueil' })).toBeVisible();
});

test('robots.txt and sitemap.xml point to the site and list every article', async ({ request }) => {
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toContain('Sitemap: https://marketing20.example/sitemap.xml');
  const sitemap = await (await request.get('/sitemap.xml')).text();
  for (const slug of [OPEN_SLUG, CLOSED_SLUG]) expect(sitemap).toContain(`https://marketing20.example/articles/${slug}`);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the pages read the same', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('.article-card')).toHaveCount(2);
    await page.getByRole('link', { name: 'En librairie le 15 Mai', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: '7 commentaires' })).toBeVisible();
    await expect(page.locator('.comment')).toHaveCount(7);
  });
});

test('the pages make no request outside the site', async ({ page, baseURL }) => {
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(baseURL ?? '') && !request.url().startsWith('data:')) outside.push(request.url());
  });
  for (const path of ['/', `/articles/${OPEN_SLUG}`, `/articles/${CLOSED_SLUG}`]) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  expect(outside).toEqual([]);
});

test('every page is served with security headers that forbid framing and third-party origins', async ({ request }) => {
  for (const path of ['/', `/articles/${OPEN_SLUG}`, '/feed.xml', '/api/articles/le-marketing-2-0-c-est-quoi/comments', '/nexiste-pas']) {
    const headers = (await request.get(path)).headers();
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    const csp = headers['content-security-policy'] ?? '';
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("default-src 'self'");
    expect(csp, path).not.toMatch(/https?:\/\//);
  }
});
