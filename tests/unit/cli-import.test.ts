import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NGINX, startNginx, type RunningNginx } from '../../deploy/nginx/start-nginx.mjs';
import { freePort } from './helpers/free-port';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

// `npm run import` as the author runs it on a deployed site: the real nginx cache in front of a
// stand-in for Next, which must forget the pages of the threads the import filled.
const hasNginx = existsSync(NGINX);
const run = promisify(execFile);
const OPEN = 'le-marketing-2-0-c-est-quoi';

let upstream: Server;
let nginx: RunningNginx;
let dir: string;
let temp: TempDatabase;

const cacheStatus = async (pagePath: string) => (await fetch(`${nginx.url}${pagePath}`)).headers.get('x-cache-status');

describe.skipIf(!hasNginx)('npm run import', () => {
  beforeAll(async () => {
    upstream = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-nextjs-cache': 'HIT', 'cache-control': 's-maxage=31536000' });
      response.end(`${request.url} ${'x'.repeat(1_000)}`);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    dir = mkdtempSync(path.join(os.tmpdir(), 'cli-import-'));
    const listenPort = await freePort();
    let purgePort = await freePort();
    while (purgePort === listenPort) purgePort = await freePort();
    nginx = await startNginx({ listenPort, upstreamPorts: [(upstream.address() as AddressInfo).port], purgePort, dir });
    temp = await createTempDatabase();
  }, 30_000);

  afterAll(async () => {
    await temp?.cleanup();
    await nginx?.stop();
    await new Promise((resolve) => upstream?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 15_000);

  it('imports a WordPress export into the database and has the cache in front forget the pages it changed', async () => {
    // The replies pages of the comments to be: those of the comment that gets replies must go.
    const repliesPaths = Array.from({ length: 6 }, (_, index) => `/articles/${OPEN}/commentaires/${index + 1}/reponses`);
    for (const pagePath of [`/articles/${OPEN}`, '/', '/articles/autre', ...repliesPaths]) {
      await fetch(`${nginx.url}${pagePath}`);
      expect(await cacheStatus(pagePath)).toBe('HIT');
    }
    const { stdout } = await run('npx', ['tsx', 'scripts/import-comments.ts', 'tests/fixtures/import/wordpress.xml'], {
      env: { ...process.env, DATABASE_URL: temp.url, CACHE_PURGE_URLS: nginx.purgeUrl, IP_HASH_SALT: 'sel-de-la-commande-import-1234567890' },
    });
    expect(stdout).toContain('Import terminé');
    expect(stdout).toMatch(/Cache HTTP : les pages de 2 article\(s\) purgées sur 1 cache\(s\)\./);
    expect(await temp.db.comment.count({ where: { articleSlug: OPEN } })).toBeGreaterThan(0);
    expect(await cacheStatus(`/articles/${OPEN}`)).not.toBe('HIT');
    expect(await cacheStatus('/')).not.toBe('HIT');
    // A page the import did not touch stays in the cache.
    expect(await cacheStatus('/articles/autre')).toBe('HIT');
    const parent = await temp.db.comment.findFirstOrThrow({ where: { importId: '101' } });
    const other = await temp.db.comment.findFirstOrThrow({ where: { importId: '104' } });
    expect(await cacheStatus(`/articles/${OPEN}/commentaires/${parent.id}/reponses`)).not.toBe('HIT');
    expect(await cacheStatus(`/articles/${OPEN}/commentaires/${other.id}/reponses`)).toBe('HIT');
  }, 60_000);
});
