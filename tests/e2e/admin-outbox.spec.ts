import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { OPEN_SLUG, expect, test, uniqueText } from './fixtures';
import { signIn, signedInWithoutJavaScript } from './sign-in';
import { receivedMails } from './mailbox';
import { ADMIN, E2E_SERVER_ENV } from './server-settings';

test.describe.configure({ mode: 'serial' });

/** The subjects the test SMTP receiver got. */
const receivedSubjects = () => receivedMails().map((mail) => mail.subject);

/** A message that failed its last attempt, written straight into the server's database. */
async function insertFailedMessage(subject: string): Promise<number> {
  const url = E2E_SERVER_ENV.DATABASE_URL!;
  const error = 'connect ECONNREFUSED 127.0.0.1:25';
  if (url.startsWith('file:')) {
    const sqlite = new Database(url.replace(/^file:/, ''), { timeout: 15_000 });
    try {
      // As Prisma writes a DateTime in SQLite.
      const now = new Date().toISOString().replace('Z', '+00:00');
      const row = sqlite
        .prepare<[string, string, string, string, string], { id: number }>(
          `INSERT INTO "OutboxMessage" ("kind", "to", "subject", "text", "status", "attempts", "nextAttemptAt", "lastError", "createdAt")
           VALUES ('author-notification', ?, ?, 'Un message qui n’est pas parti.', 'failed', 8, ?, ?, ?) RETURNING "id"`,
        )
        .get(ADMIN.email, subject, now, error, now);
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return row.id;
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO "OutboxMessage" ("kind", "to", "subject", "text", "status", "attempts", "nextAttemptAt", "lastError", "createdAt")
       VALUES ('author-notification', $1, $2, 'Un message qui n’est pas parti.', 'failed', 8, now(), $3, now()) RETURNING "id"`,
      [ADMIN.email, subject, error],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new Error('INSERT … RETURNING returned no row');
    return id;
  } finally {
    await client.end();
  }
}

const messageRow = (page: Page, id: number) => page.locator(`tr[data-message-id="${id}"]`);

test('the author reaches « Courriels » from the menu: counts by state and the notification of a new comment, sent', async ({ page, api }) => {
  const response = await api.post(`/api/articles/${OPEN_SLUG}/comments`, { data: { name: 'Courriel', email: 'courriel@exemple.fr', body: uniqueText('Pour la boîte d’envoi') } });
  expect(response.status()).toBe(201);

  await signIn(page);
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Courriels' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Courriels' })).toBeVisible();
  for (const label of ['En attente', 'Envoyés', 'En échec']) await expect(page.locator('.outbox-counts dt', { hasText: label })).toBeVisible();
  // The sender of the process that wrote it is woken by the commit: it is sent within moments.
  await expect(async () => {
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'Nouveau commentaire sur' }).first();
    await expect(row.locator('.outbox-status')).toHaveText('Envoyé');
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole('row').filter({ hasText: 'Nouveau commentaire sur' }).first().getByRole('button', { name: 'Réessayer' })).toHaveCount(0);
});

test('a failed message shows its error, and « Réessayer » puts it back in the queue: it is sent once', async ({ page }) => {
  const subject = uniqueText('Message en échec');
  const id = await insertFailedMessage(subject);
  await signIn(page);
  await page.goto('/admin/courriels');
  const row = messageRow(page, id);
  await expect(row.locator('.outbox-status')).toHaveText('En échec');
  await expect(row).toContainText('ECONNREFUSED');
  const failedCount = Number(await page.locator('.outbox-counts div', { hasText: 'En échec' }).locator('dd').textContent());
  expect(failedCount).toBeGreaterThanOrEqual(1);

  await row.getByRole('button', { name: 'Réessayer' }).click();
  await expect(row.getByRole('status')).toHaveText(`Message n° ${id} remis dans la file d’envoi.`);
  await expect.poll(() => receivedSubjects().filter((received) => received === subject).length, { timeout: 10_000 }).toBe(1);
  await page.reload();
  await expect(messageRow(page, id).locator('.outbox-status')).toHaveText('Envoyé');
  await expect(messageRow(page, id).getByRole('button', { name: 'Réessayer' })).toHaveCount(0);
});

test('without JavaScript, « Réessayer » works as a plain form', async ({ browser, page, baseURL, clientIp }) => {
  const subject = uniqueText('Message en échec sans JavaScript');
  const id = await insertFailedMessage(subject);
  const context = await signedInWithoutJavaScript(browser, page, baseURL, clientIp);
  try {
    const plain = await context.newPage();
    await plain.goto('/admin/courriels');
    await messageRow(plain, id).getByRole('button', { name: 'Réessayer' }).click();
    await expect(messageRow(plain, id).getByRole('status')).toHaveText(`Message n° ${id} remis dans la file d’envoi.`);
    await expect.poll(() => receivedSubjects().filter((received) => received === subject).length, { timeout: 10_000 }).toBe(1);
  } finally {
    await context.close();
  }
});

test('without a session, the page sends to the sign-in form', async ({ page }) => {
  await page.goto('/admin/courriels');
  await expect(page).toHaveURL(/\/admin\/connexion$/);
});
