import { E2E_PROXY_URL } from './server-settings';
import { CLOSED_SLUG, OPEN_SLUG, expect, test } from './fixtures';
import { mailsTo } from './mailbox';

const SEARCH_HOSTS = ['www.leslibraires.fr', 'www.placedeslibraires.fr', 'www.decitre.fr'];

test.describe('the book’s page, from content/livre.md', () => {
  test('shows what the file holds, in bookstores since 15 May 2008, and nothing it leaves empty', async ({ page }) => {
    const hosts = new Set<string>();
    page.on('request', (request) => hosts.add(new URL(request.url()).host));
    await page.goto('/livre');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Marketing 2.0L’intelligence collective');
    await expect(page.getByText('En librairie depuis le 15 mai 2008').first()).toBeVisible();
    await expect(page.getByText('Préface de Pierre Bellanger').first()).toBeVisible();
    const details = page.getByRole('table');
    await expect(details.getByRole('rowheader')).toHaveText(['Titre', 'Auteur', 'Préface', 'Parution']);
    await expect(page.locator('body')).not.toContainText('à renseigner');
    await expect(page.getByRole('button', { name: 'Prévenez-moi de la parution' })).toHaveCount(0);
    // No excerpt in the file: no link to it, and no page.
    await expect(page.locator('a[href="/livre/extrait"]')).toHaveCount(0);
    // Where to buy: searches of the title, plain links, nothing loaded from those hosts.
    const searches = page.getByRole('link', { name: /^Chercher chez / });
    await expect(searches).toHaveCount(3);
    for (const link of await searches.all()) {
      await expect(link).toHaveAttribute('rel', 'noopener');
      const href = new URL((await link.getAttribute('href')) ?? '');
      expect(SEARCH_HOSTS).toContain(href.host);
      expect(href.search).toContain('Marketing');
      expect(href.search).not.toMatch(/utm_|fbclid|gclid/);
    }
    expect([...hosts].filter((host) => !host.startsWith('127.0.0.1'))).toEqual([]);

    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}');
    expect(jsonLd).toMatchObject({ '@type': 'Book', name: 'Marketing 2.0 – L’intelligence collective', datePublished: '2008-05-15', author: { name: 'François Laurent' } });
    for (const empty of ['isbn', 'numberOfPages', 'publisher', 'offers', 'bookFormat']) expect(jsonLd).not.toHaveProperty(empty);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /\/livre\/opengraph-image/);
  });

  test('answers 404 for the excerpt while the file has none', async ({ request }) => {
    expect((await request.get('/livre/extrait')).status()).toBe(404);
  });

  test('is linked from the header and the home page, is in the sitemap, and is served through the cache', async ({ page, request }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Le livre' })).toHaveAttribute('href', '/livre');
    await page.getByRole('link', { name: /Découvrir le livre/ }).click();
    await expect(page).toHaveURL(/\/livre$/);
    const sitemap = await (await request.get('/sitemap.xml')).text();
    expect(sitemap).toContain('/livre</loc>');
    expect(sitemap).toContain('/auteur</loc>');
    expect(sitemap).not.toContain('/livre/extrait');
    let cached = await request.get(`${E2E_PROXY_URL}/livre`);
    for (let attempt = 0; attempt < 6 && cached.headers()['x-cache-status'] !== 'HIT'; attempt += 1) cached = await request.get(`${E2E_PROXY_URL}/livre`);
    expect(cached.headers()['x-cache-status']).toBe('HIT');
  });
});

test.describe('the author’s page', () => {
  test('says what the file says of the author, and lists the author’s articles only', async ({ page }) => {
    await page.goto('/auteur');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('François Laurent');
    await expect(page.getByRole('link', { name: '« Marketing 2.0 – L’intelligence collective »' })).toHaveAttribute('href', '/livre');
    const articles = page.getByRole('region', { name: 'Ses articles' });
    await expect(articles.locator(`a[href="/articles/${CLOSED_SLUG}"]`).first()).toBeVisible();
    // Written by « La rédaction », not by the author.
    await expect(articles.locator(`a[href="/articles/${OPEN_SLUG}"]`)).toHaveCount(0);
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}');
    expect(jsonLd).toMatchObject({ '@type': 'Person', name: 'François Laurent' });
  });
});

test.describe('« Nouveaux articles », without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('asks for confirmation by e-mail, and refuses a malformed address in French', async ({ page }) => {
    const email = `lectrice-${Date.now().toString(36)}@exemple.fr`;
    await page.goto('/');
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Prévenez-moi des nouveaux articles' }) });
    await form.getByLabel('Votre adresse e-mail').fill('lectrice@exemple');
    await form.getByRole('button', { name: 'Prévenez-moi des nouveaux articles' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Adresse e-mail invalide' })).toBeVisible();
    const again = page.locator('form', { has: page.getByRole('button', { name: 'Prévenez-moi des nouveaux articles' }) });
    await again.getByLabel('Votre adresse e-mail').fill(email);
    await again.getByRole('button', { name: 'Prévenez-moi des nouveaux articles' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Presque fini' })).toBeVisible();
    await expect.poll(() => mailsTo(email).map((mail) => mail.subject), { timeout: 40_000 }).toEqual(['Confirmez : être prévenu(e) des nouveaux articles']);
  });
});

test.describe('the events', () => {
  test('say none is planned, with the calendar link, and the calendar is valid iCalendar with no event', async ({ page, request }) => {
    await page.goto('/rencontres');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rencontres');
    await expect(page.getByText('Aucune rencontre prévue pour l’instant.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Passées' })).toHaveCount(0);
    await page.getByRole('link', { name: /S’abonner au calendrier des rencontres/ }).click();
    const calendar = await request.get('/rencontres.ics');
    expect(calendar.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    const ICAL = (await import('ical.js')).default;
    const parsed = new ICAL.Component(ICAL.parse(await calendar.text()));
    expect(parsed.getAllSubcomponents('vevent')).toEqual([]);
    expect((await request.get('/rencontres/nexiste-pas/calendrier.ics')).status()).toBe(404);
  });
});
