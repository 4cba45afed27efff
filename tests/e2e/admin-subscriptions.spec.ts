import { OPEN_SLUG, expect, test, uniqueText } from './fixtures';
import { signIn } from './sign-in';
import { mailsTo } from './mailbox';

const commentsApi = `/api/articles/${OPEN_SLUG}/comments`;

test('a held comment sends nothing until the author approves it, then its writer gets one e-mail; the dashboard counts the subscribers', async ({ page, api }) => {
  const email = `retenue-${Date.now().toString(36)}@exemple.fr`;
  // The address is confirmed once, through the e-mailed link.
  const first = await api.post(commentsApi, { data: { name: 'Retenue', email, body: uniqueText('Je suis la discussion'), notifyArticle: true } });
  expect(first.status()).toBe(201);
  await expect.poll(() => mailsTo(email).length, { timeout: 10_000 }).toBe(1);
  const link = /https?:\/\/\S+\/abonnements\/confirmer\?\S+/.exec(mailsTo(email)[0]?.text ?? '')?.[0];
  if (!link) throw new Error('no confirmation link');
  await page.goto(`${new URL(link).pathname}${new URL(link).search}`);
  await page.getByRole('button', { name: 'Confirmer mon abonnement' }).click();
  await expect(page.getByRole('status')).toHaveText('Abonnement confirmé : vous serez prévenu(e) par e-mail des nouveaux commentaires.');

  // A held comment, with the replies box: the address is known, so no second confirmation.
  const body = uniqueText('Mes deux liens https://trois.example https://quatre.example');
  const held = await api.post(commentsApi, { data: { name: 'Retenue', email, body, notifyReplies: true } });
  expect(held.status()).toBe(202);
  expect((await held.json()).message).toContain('Votre adresse est déjà confirmée');
  await new Promise((resolve) => setTimeout(resolve, 2500));
  expect(mailsTo(email).map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Confirmez/)]);

  await signIn(page);
  await expect(page.locator(`tr[data-slug="${OPEN_SLUG}"] td`).nth(2)).toHaveText(/^[1-9]\d*$/);
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Modération' }).click();
  const row = page.locator('tr', { hasText: body.slice(0, 30) });
  await row.getByRole('button', { name: /^Approuver/ }).click();
  await expect(page.getByRole('status')).toContainText('1 commentaire(s)');

  await expect.poll(() => mailsTo(email).filter((mail) => mail.subject.startsWith('Votre commentaire')).length, { timeout: 10_000 }).toBe(1);
  const notice = mailsTo(email).find((mail) => mail.subject.startsWith('Votre commentaire'));
  expect(notice?.subject).toMatch(/ est publié$/);
  expect(notice?.text).toContain(body);
  expect(notice?.html).toContain('https://trois.example https://quatre.example');
  expect(notice?.listUnsubscribePost).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  // Its own comment is never announced to its writer.
  expect(mailsTo(email).filter((mail) => mail.subject.startsWith('Nouveau'))).toEqual([]);
});
