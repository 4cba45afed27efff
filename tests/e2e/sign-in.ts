import type { Page } from '@playwright/test';
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
