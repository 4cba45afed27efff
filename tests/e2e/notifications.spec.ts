import { OPEN_SLUG, expect, test, uniqueText } from './fixtures';
import { receivedMails } from './mailbox';
import { ADMIN } from './server-settings';

const mailsMentioning = (text: string) => receivedMails().filter((mail) => mail.text.includes(text));

test('the author gets an e-mail for a new comment, with its text and link', async ({ api }) => {
  const body = uniqueText('Bravo pour le livre');
  const response = await api.post(`/api/articles/${OPEN_SLUG}/comments`, { data: { name: 'Notifiée', email: 'notifiee@exemple.fr', body } });
  expect(response.status()).toBe(201);
  const { comment } = await response.json();
  await expect.poll(() => mailsMentioning(body).length, { timeout: 10_000 }).toBe(1);
  const [mail] = mailsMentioning(body);
  expect(mail).toMatchObject({ to: ADMIN.email, replyTo: 'notifiee@exemple.fr', subject: 'Nouveau commentaire sur « Le marketing 2.0, c\'est quoi\u202F? »' });
  expect(mail?.text).toContain('Notifiée <notifiee@exemple.fr> a écrit :');
  expect(mail?.text).toContain(`/articles/${OPEN_SLUG}/commentaires/${comment.id}`);
});

test('a held comment is announced as waiting for moderation', async ({ api }) => {
  const body = uniqueText('Liens https://a.example https://b.example');
  expect((await api.post(`/api/articles/${OPEN_SLUG}/comments`, { data: { name: 'Retenue', email: 'retenue@exemple.fr', body } })).status()).toBe(202);
  await expect.poll(() => mailsMentioning(body).length, { timeout: 10_000 }).toBe(1);
  expect(mailsMentioning(body)[0]?.subject).toMatch(/^Commentaire en attente de modération sur/);
});

test('a refused comment sends no e-mail', async ({ api }) => {
  const body = uniqueText('Fermé');
  expect((await api.post('/api/articles/en-librairie-le-15-mai/comments', { data: { name: 'X', email: 'x@exemple.fr', body } })).status()).toBe(403);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(mailsMentioning(body)).toEqual([]);
});
