import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { OPEN_SLUG, expect, test } from './fixtures';
import { signIn, signedInWithoutJavaScript } from './sign-in';
import { ADMIN, E2E_SERVER_ENV } from './server-settings';

// Runs in the admin project, one test after another. The fixture's post matches the explainer and
// leaves it open; at the end the comments imported here are taken off its thread.
test.describe.configure({ mode: 'serial' });

const FIXTURE = 'tests/fixtures/import/wordpress-e2e.xml';
const RUN = Date.now().toString(36);
const UNMATCHED = 'Un billet oublié';

/**
 * The fixture as another blog's export: its own source (so that a run never finds the last run's
 * comments there already) and its own words in each comment, to find them on the article.
 */
function exportOf(label: string) {
  const xml = readFileSync(FIXTURE, 'utf8').replaceAll('https://ancien-blog.example', `https://ancien-blog-${RUN}-${label}.example`).replaceAll('Import e2e', `Import e2e ${RUN}-${label}`);
  return { name: `ancien-blog-${label}.xml`, mimeType: 'application/xml', buffer: Buffer.from(xml) };
}

async function upload(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel('Fichier d’export').setInputFiles(file);
  await page.getByRole('button', { name: 'Envoyer et voir l’aperçu' }).click();
  await expect(page).toHaveURL(/\/admin\/import\?fichier=[A-Za-z0-9_-]{43}$/);
}

/** The counts of an article's row, after its title: to add (or added), already there, replies, held, spam, left out, its comments' state. */
const countsOf = (page: Page, slug: string) => page.locator(`tr[data-slug="${slug}"]`).getByRole('cell');

test('without a session the page and the upload lead to the sign-in page; another site’s upload is refused', async ({ page, playwright, baseURL }) => {
  const file = { name: 'x.xml', mimeType: 'application/xml', buffer: Buffer.from('<rss/>') };
  const anonymous = await playwright.request.newContext({ baseURL });
  const signedOut = await anonymous.post('/api/admin/import', { multipart: { fichier: file }, maxRedirects: 0 });
  expect(signedOut.status()).toBe(303);
  expect(signedOut.headers().location).toBe('/admin/connexion');
  await anonymous.dispose();
  await page.goto('/admin/import');
  await expect(page).toHaveURL(/\/admin\/connexion$/);

  await signIn(page);
  const crossSite = await page.request.post('/api/admin/import', { multipart: { fichier: file }, headers: { origin: 'https://malveillant.example' }, maxRedirects: 0 });
  expect(crossSite.status()).toBe(403);
});

test('the author uploads a WordPress export, maps the unmatched post, imports, and the comments are on the article', async ({ page }) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Importer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importer des commentaires' })).toBeVisible();
  const file = exportOf('js');
  await upload(page, file);

  const preview = page.getByRole('region', { name: `Aperçu : ${file.name}` });
  await expect(preview).toContainText('Rien n’est encore écrit : 2 commentaires à ajouter, 0 déjà là.');
  await expect(countsOf(page, OPEN_SLUG)).toHaveText(['2', '0', '1', '0', '0', '0', 'Inchangés']);
  // Its one comment, not imported unless the author says where.
  await expect(preview.getByRole('row', { name: new RegExp(UNMATCHED) }).getByRole('cell').first()).toHaveText('1');
  await preview.getByLabel(`Rattacher « ${UNMATCHED} » à`).selectOption(OPEN_SLUG);
  await preview.getByRole('button', { name: 'Importer' }).click();

  await expect(page.getByRole('status')).toHaveText('Import terminé : 3 commentaires ajoutés, 0 déjà là.');
  await expect(page.getByRole('heading', { level: 2, name: `Import de ${file.name}` })).toBeVisible();
  await expect(countsOf(page, OPEN_SLUG)).toHaveText(['3', '0', '1', '0', '0', '0', 'Inchangés']);

  await page.goto(`/articles/${OPEN_SLUG}`);
  const imported = page.locator('.comment', { hasText: `Import e2e ${RUN}-js : la conversation continue ici.` }).first();
  await expect(imported).toBeVisible();
  await expect(imported.locator('.comment__author').first()).toHaveText('Lectrice importée');
  await expect(page.locator('.comment-list--replies .comment', { hasText: `Import e2e ${RUN}-js : une réponse, sous son parent.` })).toBeVisible();
  await expect(page.locator('.comment', { hasText: `Import e2e ${RUN}-js : rattaché à la main.` })).toBeVisible();

  await page.goto('/admin/journal');
  await expect(page.locator('tr', { hasText: `import:wxr:https://ancien-blog-${RUN}-js.example` }).first()).toContainText(ADMIN.email);
});

test('the same file a second time previews nothing to add', async ({ page }) => {
  await signIn(page);
  await page.goto('/admin/import');
  const file = exportOf('js');
  await upload(page, file);
  await expect(page.getByRole('region', { name: `Aperçu : ${file.name}` })).toContainText('Rien n’est encore écrit : 0 commentaire à ajouter, 2 déjà là.');
  await expect(countsOf(page, OPEN_SLUG)).toHaveText(['0', '2', '0', '0', '0', '0', 'Inchangés']);
});

test('the site’s full export, brought back into the same site, adds nothing', async ({ page }) => {
  await signIn(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'export complet (JSON)' }).click();
  const exported = await download;
  expect(exported.suggestedFilename()).toMatch(/^commentaires-complet-\d{4}-\d{2}-\d{2}\.json$/);
  const buffer = readFileSync(await exported.path());
  await page.goto('/admin/import');
  await upload(page, { name: 'complet.json', mimeType: 'application/json', buffer });
  const preview = page.getByRole('region', { name: 'Aperçu : complet.json' });
  await expect(preview).toContainText('Rien n’est encore écrit : 0 commentaire à ajouter');
  await expect(preview).toContainText('Format : export complet de ce site (JSON)');
  await expect(preview.getByRole('cell', { name: 'État rétabli' })).toHaveCount(0);
});

test('a malformed or hostile file gets its French message, and no import button', async ({ page }) => {
  await signIn(page);
  await page.goto('/admin/import');
  const hostile = '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>&x;</channel></rss>\n';
  await upload(page, { name: 'piege.xml', mimeType: 'application/xml', buffer: Buffer.from(hostile) });
  // The region's own alert: Next's route announcer is an alert too.
  const refused = page.getByRole('region', { name: 'Aperçu', exact: true }).getByRole('alert');
  await expect(refused).toHaveText(/^Ce fichier ne peut pas être importé \(piege\.xml\) : Ligne 2 : déclaration DOCTYPE refusée.*Rien n’a été importé\.$/);
  await expect(page.getByRole('button', { name: 'Importer' })).toHaveCount(0);

  await upload(page, { name: 'coupe.xml', mimeType: 'application/xml', buffer: Buffer.from(readFileSync(FIXTURE, 'utf8').slice(0, 1500)) });
  await expect(refused).toContainText('XML mal formé');
});

test('the import page has no axe violations, empty or with a preview', async ({ page }) => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  await signIn(page);
  await page.goto('/admin/import');
  expect((await new AxeBuilder({ page }).analyze()).violations.map((violation) => violation.id)).toEqual([]);
  await upload(page, exportOf('axe'));
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`)).toEqual([]);
});

test('without JavaScript: upload, preview, mapping and import are plain forms', async ({ browser, page, baseURL, clientIp }) => {
  const context = await signedInWithoutJavaScript(browser, page, baseURL, clientIp);
  try {
    const plain = await context.newPage();
    await plain.goto('/admin/import');
    const file = exportOf('nojs');
    await upload(plain, file);
    await expect(countsOf(plain, OPEN_SLUG)).toHaveText(['2', '0', '1', '0', '0', '0', 'Inchangés']);
    await plain.getByLabel(`Rattacher « ${UNMATCHED} » à`).selectOption(OPEN_SLUG);
    await plain.getByRole('button', { name: 'Importer' }).click();
    await expect(plain.getByRole('status')).toHaveText('Import terminé : 3 commentaires ajoutés, 0 déjà là.');

    await plain.goto(`/articles/${OPEN_SLUG}`);
    await expect(plain.locator('.comment', { hasText: `Import e2e ${RUN}-nojs : rattaché à la main.` })).toBeVisible();
  } finally {
    await context.close();
  }
});

test.afterAll(async () => {
  // The next specs expect the explainer's thread as the site's specs left it: the comments imported here go.
  const url = E2E_SERVER_ENV.DATABASE_URL!;
  const source = `wxr:https://ancien-blog-${RUN}-%`;
  if (url.startsWith('file:')) {
    const sqlite = new Database(url.replace(/^file:/, ''), { timeout: 15_000 });
    sqlite.prepare(`UPDATE "Comment" SET "status" = 'deleted' WHERE "importSource" LIKE ?`).run(source);
    sqlite.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`UPDATE "Comment" SET "status" = 'deleted' WHERE "importSource" LIKE $1`, [source]);
    await client.end();
  }
});
