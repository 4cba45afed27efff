// Starts the server for the end-to-end tests on a brand-new database (see server-settings.ts).
import { rmSync } from 'node:fs';

const file = process.env.DATABASE_URL?.replace(/^file:/, '');
if (!file || !file.includes('tests/.tmp/')) throw new Error('serve.mjs only runs on the tests/.tmp database');
for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });

await import('../../scripts/start.mjs');
