import { OPEN_SLUG, expect, test, uniqueText } from './fixtures';
import { fillComment } from './comment-form';

const articleUrl = `/articles/${OPEN_SLUG}`;

async function commentCount(page: import('@playwright/test').Page): Promise<number> {
  const heading = await page.locator('#commentaires').textContent();
  return heading?.startsWith('Aucun') ? 0 : Number(heading?.match(/^\d+/)?.[0]);
}

test('a reader posts a comment with JavaScript: it shows at once, focused, and stays after a reload', async ({ page }) => {
  await page.goto(articleUrl);
  const before = await commentCount(page);
  const body = uniqueText('Très bon article.\nSur deux lignes, avec https://exemple.fr/page');
  await fillComment(page, { name: 'Camille', email: 'camille@exemple.fr', website: 'camille.example.org', body });
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();

  const comment = page.locator('.comment', { hasText: body.split('\n')[1]!.slice(0, 20) });
  await expect(comment).toBeVisible();
  await expect(comment).toBeFocused();
  await expect(page.getByRole('status')).toHaveText('Merci ! Votre commentaire est publié.');
  // The heading counts the whole thread (other tests post to it at the same time), the page lists one page of it.
  expect(await commentCount(page)).toBeGreaterThanOrEqual(before + 1);
  expect(await commentCount(page)).toBeGreaterThanOrEqual(await page.locator('.comment').count());
  await expect(comment.getByRole('link', { name: 'Camille', exact: true })).toHaveAttribute('href', 'https://camille.example.org/');
  await expect(comment.getByRole('link', { name: 'Camille', exact: true })).toHaveAttribute('rel', 'nofollow ugc noopener');
  await expect(comment.getByRole('link', { name: 'https://exemple.fr/page' })).toHaveAttribute('rel', 'nofollow ugc noopener');
  await expect(comment.locator('br')).toHaveCount(1);
  // The form is empty again, ready for another comment.
  await expect(page.locator('#commenter').getByLabel(/^Commentaire/)).toHaveValue('');

  await page.reload();
  await expect(page.locator('.comment', { hasText: body.split('\n')[0]! })).toBeVisible();
  const id = await page.locator('.comment', { hasText: body.split('\n')[0]! }).getAttribute('id');
  expect(id).toMatch(/^comment-\d+$/);
  await page.goto('/');
  const homeCount = await page.locator('.article-card', { hasText: 'c\'est quoi' }).getByRole('link', { name: /commentaires?/ }).textContent();
  expect(Number(homeCount?.match(/^\d+/)?.[0])).toBeGreaterThanOrEqual(before + 1);
});

test('field errors show next to each field in French and keep what the reader typed', async ({ page }) => {
  await page.goto(articleUrl);
  const body = uniqueText('Mon texte à garder');
  await fillComment(page, { name: '', email: 'pas-une-adresse', website: 'javascript:alert(1)', body });
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();

  const form = page.locator('#commenter');
  await expect(form.getByText('Indiquez votre nom.')).toBeVisible();
  await expect(form.getByText("L'adresse e-mail n'est pas valide.")).toBeVisible();
  await expect(form.getByText('Le site web doit commencer par http:// ou https://.')).toBeVisible();
  await expect(form.getByLabel('Nom')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Nom')).toHaveAccessibleDescription('Indiquez votre nom.');
  await expect(form.getByLabel('Nom')).toBeFocused();
  await expect(form.getByLabel(/^Commentaire/)).toHaveValue(body);
  await expect(form.getByLabel('E-mail')).toHaveValue('pas-une-adresse');
  await expect(page.locator('.comment', { hasText: body })).toHaveCount(0);
});

test('a comment full of markup is shown as text and runs nothing', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  await page.goto(articleUrl);
  const payload = `<script>alert(1)</script><img src=x onerror="alert(2)"> ${uniqueText('xss')}`;
  await fillComment(page, { name: '<b>Mallory</b>', email: 'mallory@exemple.fr', body: payload });
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  const comment = page.locator('.comment', { hasText: '<script>alert(1)</script>' });
  await expect(comment).toBeVisible();
  await expect(comment.locator('.comment__author')).toHaveText('<b>Mallory</b>');
  await page.reload();
  await expect(page.locator('.comment', { hasText: '<script>alert(1)</script>' })).toBeVisible();
  expect(await page.locator('.comment img, .comment script, .comment b').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('a reader replies to a comment; the reply shows under it', async ({ page }) => {
  await page.goto(articleUrl);
  const parentBody = uniqueText('Question ouverte');
  await fillComment(page, { name: 'Alice', email: 'alice@exemple.fr', body: parentBody });
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  const parent = page.locator('.comment', { hasText: parentBody });
  await expect(parent).toBeVisible();

  await parent.getByRole('link', { name: 'Répondre à Alice' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Répondre à Alice' })).toBeVisible();
  const replyBody = uniqueText('Ma réponse');
  await page.getByLabel('Nom').fill('Bob');
  await page.getByLabel('E-mail').fill('bob@exemple.fr');
  await page.getByLabel(/^Commentaire/).fill(replyBody);
  await page.getByRole('button', { name: 'Publier la réponse' }).click();

  await expect(page).toHaveURL(new RegExp(`${articleUrl}#comment-\\d+$`));
  const thread = page.locator('li', { has: page.locator('.comment', { hasText: parentBody }) });
  await expect(thread.locator('.comment-list--replies .comment', { hasText: replyBody })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a reader posts a comment and sees it on the returned page', async ({ page }) => {
    await page.goto(articleUrl);
    const body = uniqueText('Posté sans JavaScript');
    await fillComment(page, { name: 'Sans JS', email: 'sansjs@exemple.fr', body });
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    await expect(page.locator('.comment', { hasText: body })).toBeVisible();
    await expect(page.getByText('Merci ! Votre commentaire est publié.')).toBeVisible();
    await page.goto(articleUrl);
    await expect(page.locator('.comment', { hasText: body })).toBeVisible();
  });

  test('errors come back per field with the typed text kept', async ({ page }) => {
    await page.goto(articleUrl);
    const body = uniqueText('À garder sans JS');
    await fillComment(page, { name: 'Sans JS', email: '', body });
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    await expect(page.getByText('Indiquez votre adresse e-mail.')).toBeVisible();
    await expect(page.locator('#commenter').getByLabel(/^Commentaire/)).toHaveValue(body);
    await expect(page.locator('#commenter').getByLabel('Nom')).toHaveValue('Sans JS');
  });

  test('a reply works through the reply page', async ({ page }) => {
    await page.goto(`/articles/${OPEN_SLUG}`);
    const firstReply = page.getByRole('link', { name: /^Répondre à/ }).first();
    await firstReply.click();
    const replyBody = uniqueText('Réponse sans JS');
    await page.getByLabel('Nom').fill('Sans JS');
    await page.getByLabel('E-mail').fill('sansjs2@exemple.fr');
    await page.getByLabel(/^Commentaire/).fill(replyBody);
    await page.getByRole('button', { name: 'Publier la réponse' }).click();
    await expect(page.locator('.comment-list--replies .comment', { hasText: replyBody })).toBeVisible();
  });
});
