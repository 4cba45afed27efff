import type { Browser, Page } from '@playwright/test';
import { OPEN_SLUG, expect, test, uniqueIp, uniqueText } from './fixtures';
import { fillComment } from './comment-form';
import { signIn } from './sign-in';

// The author's moderation and settings change what every reader gets: with the admin's tests.
test.describe.configure({ mode: 'serial' });

const articleUrl = `/articles/${OPEN_SLUG}`;

/** A reader's own browser, with an address of its own (the rate limit). */
async function readerPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': uniqueIp() }, locale: 'fr-FR' });
  return context.newPage();
}

async function postFromForm(reader: Page, body: string, email: string) {
  await reader.goto(articleUrl);
  await fillComment(reader, { name: 'Lectrice', email, body });
  await reader.getByRole('button', { name: 'Publier le commentaire' }).click();
}

async function setModeration(page: Page, label: string) {
  await page.goto('/admin');
  await page.getByLabel(label).check();
  await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
  await expect(page.getByRole('status')).toHaveText('Réglages enregistrés.');
}

test('once the author approves or deletes a held comment, its writer no longer sees it as held, and never twice', async ({ page, browser, baseURL }) => {
  // Two browsers, two posts, two moderations: a busy machine takes more than the default 30 s.
  test.slow();
  const reader = await readerPage(browser, baseURL);
  try {
    const approvedText = uniqueText('À approuver');
    const deletedText = uniqueText('À supprimer');
    const approvedBody = `${approvedText} https://un.example https://deux.example`;
    const deletedBody = `${deletedText} https://un.example https://deux.example`;
    await postFromForm(reader, approvedBody, 'lectrice.approuvee@exemple.fr');
    await expect(reader.locator('.comment--held', { hasText: approvedText })).toBeVisible();
    await postFromForm(reader, deletedBody, 'lectrice.supprimee@exemple.fr');
    await expect(reader.locator('.comment--held', { hasText: deletedText })).toBeVisible();
    await expect(reader.locator('.comment--held')).toHaveCount(2);

    await signIn(page);
    await page.goto(`/admin/commentaires?q=${encodeURIComponent(approvedText)}`);
    await page.locator('tr', { hasText: approvedText }).getByRole('button', { name: /^Approuver/ }).click();
    await expect(page.getByRole('status')).toContainText('1 commentaire(s)');
    await page.goto(`/admin/commentaires?q=${encodeURIComponent(deletedText)}`);
    await page.locator('tr', { hasText: deletedText }).getByRole('checkbox').check();
    await page.getByLabel('Action sur la sélection').selectOption('delete');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await expect(page.getByRole('status')).toContainText('1 commentaire(s)');

    // Approved: an ordinary published comment, once; deleted: gone.
    const answered = reader.waitForResponse((response) => response.url().endsWith(`${articleUrl}/commentaires/en-attente`));
    await reader.reload();
    expect(await (await answered).json()).toEqual({ comments: [] });
    const approved = reader.locator('.comment', { hasText: approvedText });
    await expect(approved).toHaveCount(1);
    await expect(approved).toHaveAttribute('class', 'comment');
    await expect(approved.locator('.comment__held')).toHaveCount(0);
    await expect(reader.locator('.comment', { hasText: deletedText })).toHaveCount(0);
    // Nothing left to show: the cookies go, and the page stops asking.
    await expect.poll(async () => (await reader.context().cookies()).filter((cookie) => cookie.name.startsWith('m20-en-attente')).length).toBe(0);
  } finally {
    await reader.context().close();
  }
});

test('the writer is told the author holds everything, or holds a first comment', async ({ page, browser, baseURL }) => {
  const reader = await readerPage(browser, baseURL);
  await signIn(page);
  try {
    await setModeration(page, 'Retenir tous les commentaires');
    await postFromForm(reader, uniqueText('Tout est relu'), 'lectrice.tout@exemple.fr');
    await expect(reader.getByRole('status')).toHaveText(
      'Merci ! Sur ce site, tous les commentaires sont relus avant publication : le vôtre paraîtra après relecture par l’auteur.',
    );

    await setModeration(page, 'Retenir le premier commentaire d’une personne');
    await postFromForm(reader, uniqueText('Ma première fois'), `${uniqueText('premiere').replace(/[^a-z0-9-]/g, '')}@exemple.fr`);
    await expect(reader.getByRole('status')).toHaveText('Merci ! C’est votre premier commentaire sur ce site : il sera publié après relecture par l’auteur.');
    await expect(reader.locator('.comment--held')).toHaveCount(2);
  } finally {
    await setModeration(page, 'Publier aussitôt');
    await reader.context().close();
  }
});
