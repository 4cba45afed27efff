// Starts the server for the end-to-end tests on a brand-new database (see server-settings.ts),
// with the author's accounts the admin tests sign in with.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const file = process.env.DATABASE_URL?.replace(/^file:/, '');
if (!file || !file.includes('tests/.tmp/')) throw new Error('serve.mjs only runs on the tests/.tmp database');
for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });

for (const account of (process.env.E2E_ADMIN_ACCOUNTS ?? '').split(',').filter(Boolean)) {
  const result = spawnSync('node_modules/.bin/tsx', ['scripts/set-admin-password.ts', account], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await import('../../scripts/start.mjs');
