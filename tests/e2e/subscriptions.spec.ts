import { existsSync, readFileSync } from 'node:fs';
import { OPEN_SLUG, expect, test, uniqueText } from './fixtures';
import { fillComment } from './comment-form';
import { E2E_MAILBOX_FILE } from './server-settings';

type Mail = { to: string; subject: string; text: string };

function mailsTo(address: string): Mail[] {
  if (!existsSync(E2E_MAILBOX_FILE)) return [];
  return readFileSync(E2E_MAILBOX_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Mail)
    .filter((mail) => mail.to === address);
}

/** A link of an e-mail, as a path of the server under test (the e-mails name SITE_URL). */
function linkIn(text: string, path: string): string {
  const link = new RegExp(`https?://[^\\s]+${path.replace(/[?]/g, '\\?')}[^\\s]+`).exec(text)?.[0];
  if (!link) throw new Error(`no ${path} link in: ${text}`);
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

test('a reader ticks a box, confirms by the e-mailed link, is told of the next comment and unsubscribes from it', async ({ page, api }) => {
  const email = `abonnee-${Date.now().toString(36)}@exemple.fr`;
  await page.goto(`/articles/${OPEN_SLUG}`);
  const form = page.locator('#commenter');
  await expect(form.getByRole('checkbox', { name: 'des réponses à mon commentaire' })).not.toBeChecked();
  await expect(form.getByRole('checkbox', { name: 'de tous les nouveaux commentaires de cet article' })).not.toBeChecked();
  await fillComment(page, { name: 'Abonnée', email, body: uniqueText('Je veux suivre la discussion') });
  await form.getByRole('checkbox', { name: 'de tous les nouveaux commentaires de cet article' }).check();
  await form.getByRole('button', { name: 'Publier le commentaire' }).click();
  await expect(form.getByRole('status')).toContainText('Un e-mail vous a été envoyé pour confirmer votre abonnement.');

  await expect.poll(() => mailsTo(email).length, { timeout: 10_000 }).toBe(1);
  const [confirmation] = mailsTo(email);
  expect(confirmation?.subject).toMatch(/^Confirmez votre abonnement aux commentaires de/);
  // Following the link alone confirms nothing (a mail scanner may open it): the button does.
  await page.goto(linkIn(confirmation?.text ?? '', '/abonnements/confirmer?'));
  await page.getByRole('button', { name: 'Confirmer mon abonnement' }).click();
  await expect(page.getByRole('status')).toHaveText('Abonnement confirmé : vous serez prévenu(e) par e-mail des nouveaux commentaires.');

  const body = uniqueText('Un nouveau commentaire pour l’abonnée');
  expect((await api.post(`/api/articles/${OPEN_SLUG}/comments`, { data: { name: 'Autre', email: 'autre@exemple.fr', body } })).status()).toBe(201);
  await expect.poll(() => mailsTo(email).filter((mail) => mail.text.includes(body)).length, { timeout: 10_000 }).toBe(1);
  const notification = mailsTo(email).find((mail) => mail.text.includes(body));
  expect(notification?.subject).toMatch(/^Nouveau commentaire sur/);

  await page.goto(linkIn(notification?.text ?? '', '/abonnements/desabonner?'));
  await page.getByRole('button', { name: 'Me désabonner' }).click();
  await expect(page.getByRole('status')).toHaveText('C’est fait : vous ne recevrez plus ces e-mails.');

  const after = uniqueText('Après le désabonnement');
  expect((await api.post(`/api/articles/${OPEN_SLUG}/comments`, { data: { name: 'Autre', email: 'autre@exemple.fr', body: after } })).status()).toBe(201);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(mailsTo(email).filter((mail) => mail.text.includes(after))).toEqual([]);
});

test('a forged confirmation link is refused, and a one-click unsubscribe with an unknown token is a 404', async ({ page, api }) => {
  await page.goto('/abonnements/confirmer?ids=1&expire=9999999999&signature=faux');
  await expect(page.getByRole('alert').filter({ hasText: 'Ce lien de confirmation n’est pas valide.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirmer mon abonnement' })).toHaveCount(0);
  const response = await api.post('/api/abonnements/desabonner?jeton=inconnu-inconnu-inconnu', { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(response.status()).toBe(404);
});
