import type { Page } from '@playwright/test';
import { OPEN_SLUG, expect, test, uniqueText } from './fixtures';
import { fillComment } from './comment-form';
import { mailsTo } from './mailbox';

/** A link of an e-mail, as a path of the server under test (the e-mails name SITE_URL). */
function linkIn(text: string, path: string): string {
  const link = new RegExp(`https?://[^\\s]+${path.replace(/[?]/g, '\\?')}[^\\s]+`).exec(text)?.[0];
  if (!link) throw new Error(`no ${path} link in: ${text}`);
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

/** Ticks the boxes, posts through the form and follows the e-mailed confirmation link's button. */
async function subscribeAndConfirm(page: Page, email: string, boxes: string[]) {
  await page.goto(`/articles/${OPEN_SLUG}`);
  const form = page.locator('#commenter');
  await fillComment(page, { name: 'Abonnée', email, body: uniqueText('Je veux suivre la discussion') });
  for (const box of boxes) await form.getByRole('checkbox', { name: box }).check();
  await form.getByRole('button', { name: 'Publier le commentaire' }).click();
  await expect(form.getByRole('status')).toContainText('Un e-mail vous a été envoyé pour confirmer votre abonnement.');

  await expect.poll(() => mailsTo(email).length, { timeout: 10_000 }).toBe(1);
  const [confirmation] = mailsTo(email);
  expect(confirmation?.subject).toMatch(/^Confirmez votre abonnement aux commentaires de/);
  expect(confirmation?.html).toContain('Confirmer mon abonnement');
  // Following the link alone confirms nothing (a mail scanner may open it): the button does.
  await page.goto(linkIn(confirmation?.text ?? '', '/abonnements/confirmer?'));
  await page.getByRole('button', { name: 'Confirmer mon abonnement' }).click();
  await expect(page.getByRole('status')).toHaveText('Abonnement confirmé : vous serez prévenu(e) par e-mail des nouveaux commentaires.');
}

const BOX_REPLIES = 'des réponses à mon commentaire';
const BOX_ARTICLE = 'de tous les nouveaux commentaires de cet article';

test('a reader ticks a box, confirms by the e-mailed link, is told of the next comment, and one click of the mail client unsubscribes', async ({ page, api }) => {
  const email = `abonnee-${Date.now().toString(36)}@exemple.fr`;
  await page.goto(`/articles/${OPEN_SLUG}`);
  const form = page.locator('#commenter');
  await expect(form.getByRole('checkbox', { name: BOX_REPLIES })).not.toBeChecked();
  await expect(form.getByRole('checkbox', { name: BOX_ARTICLE })).not.toBeChecked();
  await subscribeAndConfirm(page, email, [BOX_ARTICLE]);

  const body = uniqueText('Un nouveau commentaire pour l’abonnée <b>gras</b>');
  expect((await api.post(`/api/articles/${OPEN_SLUG}/comments`, { data: { name: 'Autre', email: 'autre@exemple.fr', body } })).status()).toBe(201);
  await expect.poll(() => mailsTo(email).filter((mail) => mail.text.includes(body)).length, { timeout: 10_000 }).toBe(1);
  const notification = mailsTo(email).find((mail) => mail.text.includes(body));
  // Another test's comment in the same second is gathered into the same e-mail: both subjects are right.
  expect(notification?.subject).toMatch(/^(Nouveau commentaire|\d+ nouveaux commentaires) sur « /);
  expect(notification?.html).toContain('&lt;b&gt;gras&lt;/b&gt;');
  expect(notification?.listUnsubscribePost).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  const oneClick = /<(https?:\/\/[^>]+)>/.exec(notification?.listUnsubscribe ?? '')?.[1];
  if (!oneClick) throw new Error(`no List-Unsubscribe address: ${notification?.listUnsubscribe}`);

  // What a mail client does for RFC 8058: one POST, no page, no JavaScript.
  const url = new URL(oneClick);
  const response = await api.post(`${url.pathname}${url.search}`, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(response.status()).toBe(200);

  // Another subscriber of the same article hears of the next comment: the silence below is the unsubscription's.
  const witness = `temoin-${Date.now().toString(36)}@exemple.fr`;
  await subscribeAndConfirm(page, witness, [BOX_ARTICLE]);
  const after = uniqueText('Après le désabonnement');
  expect((await api.post(`/api/articles/${OPEN_SLUG}/comments`, { data: { name: 'Autre', email: 'autre@exemple.fr', body: after } })).status()).toBe(201);
  await expect.poll(() => mailsTo(witness).filter((mail) => mail.text.includes(after)).length, { timeout: 10_000 }).toBe(1);
  expect(mailsTo(email).filter((mail) => mail.text.includes(after))).toEqual([]);
});

test('the page linked from every e-mail lists the address’s subscriptions and ends them one by one, then all at once, with or without JavaScript', async ({ browser, baseURL, page, api }) => {
  const email = `gestion-${Date.now().toString(36)}@exemple.fr`;
  await subscribeAndConfirm(page, email, [BOX_REPLIES, BOX_ARTICLE]);

  const body = uniqueText('Pour la page des abonnements');
  expect((await api.post(`/api/articles/${OPEN_SLUG}/comments`, { data: { name: 'Autre', email: 'autre-gestion@exemple.fr', body } })).status()).toBe(201);
  await expect.poll(() => mailsTo(email).filter((mail) => mail.text.includes(body)).length, { timeout: 10_000 }).toBe(1);
  const notification = mailsTo(email).find((mail) => mail.text.includes(body));

  await page.goto(linkIn(notification?.text ?? '', '/abonnements/desabonner?'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vos abonnements aux commentaires');
  await expect(page.getByText(email)).toBeVisible();
  const items = page.locator('.subscription-list > li');
  await expect(items).toHaveCount(2);
  const replies = items.filter({ hasText: 'les réponses à votre commentaire' });
  await replies.getByRole('button', { name: /^Me désabonner : .*les réponses à votre commentaire/ }).click();
  await expect(replies.getByRole('status')).toHaveText('C’est fait : vous ne recevrez plus ces e-mails.');

  // The rest without JavaScript: the page's buttons are plain forms.
  const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL });
  try {
    const plain = await noScript.newPage();
    await plain.goto(linkIn(notification?.text ?? '', '/abonnements/desabonner?'));
    const remaining = plain.locator('.subscription-list > li');
    await expect(remaining).toHaveCount(1);
    await expect(remaining).toContainText('tous les nouveaux commentaires');
    await plain.getByRole('button', { name: 'Me désabonner de tout', exact: true }).click();
    // The form's answer is the page again, as it now stands.
    await expect(plain.getByText('Aucun abonnement en cours')).toBeVisible();
    await expect(plain.locator('.subscription-list > li')).toHaveCount(0);
  } finally {
    await noScript.close();
  }
});

test('a forged confirmation link is refused, and a one-click unsubscribe with an unknown token is a 404', async ({ page, api }) => {
  await page.goto('/abonnements/confirmer?ids=1&expire=9999999999&signature=faux');
  await expect(page.getByRole('alert').filter({ hasText: 'Ce lien de confirmation n’est pas valide.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirmer mon abonnement' })).toHaveCount(0);
  const response = await api.post('/api/abonnements/desabonner?jeton=inconnu-inconnu-inconnu', { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(response.status()).toBe(404);
});
