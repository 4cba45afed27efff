import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import { ADMIN } from './server-settings';

/** Signs the author in through the sign-in form, at `base` (the page's own origin by default). */
export async function signIn(page: Page, base = '') {
  await page.goto(`${base}/admin/connexion`);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
}

/**
 * The author's session in a browser context without JavaScript: signing in takes JavaScript
 * (next-auth's form), so `page` signs in and its session goes to the new context. Close it after.
 */
export async function signedInWithoutJavaScript(browser: Browser, page: Page, baseURL: string | undefined, clientIp: string): Promise<BrowserContext> {
  await signIn(page);
  return browser.newContext({
    javaScriptEnabled: false,
    baseURL,
    storageState: await page.context().storageState(),
    extraHTTPHeaders: { 'x-forwarded-for': clientIp },
    locale: 'fr-FR',
  });
}
