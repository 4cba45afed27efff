// Starts the server for the end-to-end tests on a brand-new database (see server-settings.ts),
// with the author's accounts the admin tests sign in with, and nginx with the site's cache config
// in front of it (deploy/nginx), which the app purges (CACHE_PURGE_URLS).
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const url = process.env.DATABASE_URL ?? '';
if (url.startsWith('file:')) {
  const file = url.replace(/^file:/, '');
  if (!file.includes('tests/.tmp/')) throw new Error('serve.mjs only runs on the tests/.tmp database');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
} else if (!/^postgresql:\/\/[^/]*@127\.0\.0\.1:\d+\//.test(url)) {
  // PostgreSQL: the fresh database of the throwaway cluster that run-on-postgresql.mjs started.
  throw new Error('serve.mjs only runs on a SQLite file in tests/.tmp or a PostgreSQL cluster on 127.0.0.1');
}

for (const account of (process.env.E2E_ADMIN_ACCOUNTS ?? '').split(',').filter(Boolean)) {
  const result = spawnSync('node_modules/.bin/tsx', ['scripts/set-admin-password.ts', account], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// A local SMTP receiver for the author's notifications: each message, parsed, one JSON line.
const mailbox = process.env.E2E_MAILBOX;
if (mailbox && process.env.SMTP_URL) {
  rmSync(mailbox, { force: true });
  const receiver = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => {
          const header = (key) => mail.headerLines.find((line) => line.key === key)?.line.replace(/\r?\n[ \t]+/g, ' ');
          const received = { to: mail.to?.text, from: mail.from?.text, replyTo: mail.replyTo?.text, subject: mail.subject, text: mail.text, html: mail.html || undefined };
          appendFileSync(mailbox, `${JSON.stringify({ ...received, listUnsubscribe: header('list-unsubscribe'), listUnsubscribePost: header('list-unsubscribe-post') })}\n`);
          done();
        })
        .catch(done);
    },
  });
  receiver.listen(Number(new URL(process.env.SMTP_URL).port), '127.0.0.1');
}

// Under /tmp: nginx's workers (www-data) must be able to reach the cache's folder.
const proxyPort = Number(process.env.E2E_PROXY_PORT);
if (proxyPort) {
  const { startNginx } = await import('../../deploy/nginx/start-nginx.mjs');
  const dir = mkdtempSync(path.join(tmpdir(), 'm20-e2e-nginx-'));
  const purgePort = Number(new URL(process.env.CACHE_PURGE_URLS.split(',')[0]).port);
  const proxy = await startNginx({ listenPort: proxyPort, upstreamPorts: [Number(process.env.PORT)], purgePort, dir });
  process.on('exit', () => {
    // SIGTERM: nginx's master stops its workers too (a SIGKILL would leave them on the ports).
    process.kill(proxy.pid, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });
}

await import('../../scripts/start.mjs');
