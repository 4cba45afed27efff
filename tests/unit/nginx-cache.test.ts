import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NGINX, TEMPLATE, startNginx, type RunningNginx } from '../../deploy/nginx/start-nginx.mjs';
import { DEFAULT_IMPORT_MAX_BYTES } from '@/lib/config';
import { MAX_JSON_BYTES } from '@/lib/http/read-json-body';
import { freePort } from './helpers/free-port';

// The real nginx with deploy/nginx/marketing-2-0.conf.template in front of a stand-in for Next
// that answers as Next does (X-Nextjs-Cache, Cache-Control s-maxage) and counts what reaches it.
const hasNginx = existsSync(NGINX);
if (!hasNginx) console.warn(`nginx-cache.test.ts skipped: ${NGINX} is not installed (apt-get install nginx libnginx-mod-http-cache-purge).`);

/** Bodies above gzip_min_length, so compression shows. */
const PADDING = ' '.repeat(1_000);

type Answer = { status: number; headers: IncomingHttpHeaders; body: string };

let upstream: Server;
let nginx: RunningNginx;
let dir: string;
/** Requests that reached the upstream, by path (query string included). */
const reached = new Map<string, number>();
const count = (url: string) => reached.get(url) ?? 0;
/** The headers of the last request to reach the upstream, by path. */
const seen = new Map<string, IncomingHttpHeaders>();

function next(request: IncomingMessage, response: ServerResponse) {
  const url = request.url ?? '/';
  const pathname = url.split('?')[0] ?? '/';
  const n = count(url) + 1;
  reached.set(url, n);
  seen.set(url, request.headers);
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    // Compressed when asked, as Next does.
    const isGzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    const encoding = isGzip ? { 'content-encoding': 'gzip' } : {};
    const page = { 'content-type': 'text/html; charset=utf-8', 'x-nextjs-cache': 'HIT', 'cache-control': 's-maxage=31536000', ...encoding };
    // Next's own, which nginx must not key on (proxy_ignore_headers Vary).
    response.setHeader('vary', 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding');
    let delay = 0;
    if (request.method === 'POST') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(`posted ${n}: ${body}`);
      return;
    }
    if (pathname.startsWith('/miss')) response.writeHead(200, { ...page, 'x-nextjs-cache': 'MISS' });
    else if (pathname.startsWith('/short')) response.writeHead(200, { ...page, 'cache-control': 's-maxage=1' });
    // Sets a cookie on its first answer only: that answer must not be stored, the next ones may.
    else if (pathname.startsWith('/cookie') && n === 1) response.writeHead(200, { ...page, 'set-cookie': 'session=secret; Path=/; HttpOnly' });
    else if (pathname.startsWith('/_next/static/')) response.writeHead(200, { 'content-type': 'application/javascript', 'cache-control': 'public, max-age=31536000, immutable', ...encoding });
    else {
      if (pathname.startsWith('/slow')) delay = 300;
      response.writeHead(200, page);
    }
    const text = `${url} answer ${n}${PADDING}`;
    setTimeout(() => response.end(isGzip ? gzipSync(text) : text), delay);
  });
}

function send(base: string, url: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const target = new URL(base + url);
    const req = httpRequest({ host: target.hostname, port: target.port, path: target.pathname + target.search, method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const raw = Buffer.concat(chunks);
        const text = response.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text.trimEnd() });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const get = (url: string, options?: Parameters<typeof send>[2]) => send(nginx.url, url, options);
const purge = (pagePath: string) => send(nginx.purgeUrl, pagePath);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!hasNginx)('nginx cache in front of Next (deploy/nginx)', () => {
  beforeAll(async () => {
    upstream = createServer(next);
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamPort = (upstream.address() as AddressInfo).port;
    dir = mkdtempSync(path.join(os.tmpdir(), 'nginx-cache-'));
    // A free port found now may be taken by the time nginx binds it: try again with others.
    for (let attempt = 1; ; attempt++) {
      try {
        const listenPort = await freePort();
        let purgePort = await freePort();
        while (purgePort === listenPort) purgePort = await freePort();
        nginx = await startNginx({ listenPort, upstreamPorts: [upstreamPort], purgePort, dir });
        break;
      } catch (error) {
        if (attempt === 3 || !/Address already in use/.test(String(error))) throw error;
      }
    }
  }, 30_000);

  afterAll(async () => {
    await nginx?.stop();
    await new Promise((resolve) => upstream?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 15_000);

  it('keeps a page Next answered from its cache: the second GET is a HIT that does not reach Next', async () => {
    const first = await get('/page');
    expect(first.status).toBe(200);
    expect(first.headers['x-cache-status']).toBe('MISS');
    expect(first.body).toBe('/page answer 1');
    const second = await get('/page');
    expect(second.headers['x-cache-status']).toBe('HIT');
    expect(second.body).toBe('/page answer 1');
    expect(count('/page')).toBe(1);
  });

  it('forgets a page on GET <purgeUrl><path> (200), and the next GET goes to Next again', async () => {
    await get('/purged');
    expect((await get('/purged')).headers['x-cache-status']).toBe('HIT');

    const purged = await purge('/purged');
    expect(purged.status).toBe(200);
    expect(purged.body).toContain('Successful purge');
    expect(purged.body).toContain('Key : /purged');

    const after = await get('/purged');
    expect(after.headers['x-cache-status']).toBe('MISS');
    expect(after.body).toBe('/purged answer 2');
    expect((await get('/purged')).headers['x-cache-status']).toBe('HIT');
    expect(count('/purged')).toBe(2);
  });

  it('answers 404 to the purge of a page that is not cached (never was, or already purged): no error for callers', async () => {
    const never = await purge('/never-requested');
    expect(never.status).toBe(404);

    await get('/twice-purged');
    expect((await purge('/twice-purged')).status).toBe(200);
    expect((await purge('/twice-purged')).status).toBe(404);
    // The purge server still answers (a worker crash would have ended the connection instead).
    expect((await purge('/never-requested')).status).toBe(404);
    expect((await send(nginx.purgeUrl.replace(/\/purge$/, ''), '/elsewhere')).status).toBe(404);
  });

  it('purges a path with encoded characters under the same key as the page (both decoded)', async () => {
    await get('/articles/caf%C3%A9');
    expect((await get('/articles/caf%C3%A9')).headers['x-cache-status']).toBe('HIT');
    expect((await purge('/articles/caf%C3%A9')).status).toBe(200);
    expect((await get('/articles/caf%C3%A9')).headers['x-cache-status']).toBe('MISS');
  });

  it('sends every request with a query string to Next and stores none of them (?_rsc= included)', async () => {
    await get('/query');
    for (const query of ['?x=1', '?x=1', '?_rsc=abc12', '?_rsc=abc12']) {
      const answer = await get(`/query${query}`);
      expect(answer.headers['x-cache-status']).toBe('BYPASS');
      expect(answer.body).toMatch(new RegExp(`^/query\\${query} answer`));
    }
    expect(count('/query?x=1')).toBe(2);
    expect(count('/query?_rsc=abc12')).toBe(2);
    // The page without a query string kept its own copy.
    const plain = await get('/query');
    expect(plain.headers['x-cache-status']).toBe('HIT');
    expect(plain.body).toBe('/query answer 1');
  });

  it('sends a signed-in author (next-auth cookie) to Next both ways, but not other cookies', async () => {
    await get('/signed');
    const cookies = ['next-auth.session-token=abc', 'theme=dark; __Secure-next-auth.session-token=abc', '__Host-next-auth.csrf-token=xyz'];
    for (const cookie of cookies) {
      const answer = await get('/signed', { headers: { cookie } });
      expect(answer.headers['x-cache-status']).toBe('BYPASS');
    }
    expect(count('/signed')).toBe(1 + cookies.length);
    expect((await get('/signed', { headers: { cookie: 'theme=dark' } })).headers['x-cache-status']).toBe('HIT');

    // An author's first visit is not stored for the others.
    await get('/signed-first', { headers: { cookie: 'next-auth.session-token=abc' } });
    expect((await get('/signed-first')).headers['x-cache-status']).toBe('MISS');
  });

  it('never looks up nor stores React Server Component requests (RSC, Next-Router-*, Next-Action headers)', async () => {
    const rscHeaders: Record<string, string>[] = [{ rsc: '1' }, { 'next-router-prefetch': '1' }, { 'next-router-state-tree': '%5B%22%22%5D' }, { 'next-action': 'abc123' }];
    for (const headers of rscHeaders) {
      const answer = await get('/rsc', { headers });
      expect(answer.headers['x-cache-status']).toBe('BYPASS');
    }
    expect(count('/rsc')).toBe(rscHeaders.length);
    // None of those answers was stored in the page's place.
    expect((await get('/rsc')).headers['x-cache-status']).toBe('MISS');
    expect((await get('/rsc')).headers['x-cache-status']).toBe('HIT');
  });

  it('never stores what Next did not answer from its own cache (X-Nextjs-Cache: MISS)', async () => {
    for (let i = 0; i < 3; i++) expect((await get('/miss')).headers['x-cache-status']).toBe('MISS');
    expect(count('/miss')).toBe(3);
  });

  it('never stores an answer with Set-Cookie, so no visitor gets another one’s cookie from the cache', async () => {
    const first = await get('/cookie');
    expect(first.headers['set-cookie']).toEqual(['session=secret; Path=/; HttpOnly']);
    expect(first.headers['x-cache-status']).toBe('MISS');
    // Not stored: the next anonymous GET reaches Next, whose answer (without a cookie) is stored.
    const second = await get('/cookie');
    expect(second.headers['x-cache-status']).toBe('MISS');
    expect(second.headers['set-cookie']).toBeUndefined();
    const third = await get('/cookie');
    expect(third.headers['x-cache-status']).toBe('HIT');
    expect(third.headers['set-cookie']).toBeUndefined();
    expect(third.body).toBe('/cookie answer 2');
    expect(count('/cookie')).toBe(2);
  });

  it('keeps a page for its s-maxage only (1 s: gone within 1 to 2 s, nginx counts whole seconds)', async () => {
    const stored = Date.now();
    expect((await get('/short')).headers['x-cache-status']).toBe('MISS');
    expect((await get('/short')).headers['x-cache-status']).toBe('HIT');
    let answer: Answer;
    do {
      await sleep(100);
      answer = await get('/short');
    } while (answer.headers['x-cache-status'] === 'HIT' && Date.now() - stored < 3_000);
    const elapsed = Date.now() - stored;
    expect(answer.headers['x-cache-status']).toBe('EXPIRED');
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(2_300);
    expect(count('/short')).toBe(2);
  });

  it('passes POST through to Next, leaving the cached page as it was', async () => {
    await get('/form');
    const posted = await get('/form', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(posted.status).toBe(200);
    expect(posted.body).toBe('posted 2: hello');
    expect(posted.headers['x-cache-status']).not.toBe('HIT');
    expect(count('/form')).toBe(2);
    const page = await get('/form');
    expect(page.headers['x-cache-status']).toBe('HIT');
    expect(page.body).toBe('/form answer 1');
  });

  it('refuses bodies above the app’s own limit (413) without reaching Next, and lets one at the limit through', async () => {
    const answer = await get('/big', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(MAX_JSON_BYTES + 1) });
    expect(answer.status).toBe(413);
    expect(count('/big')).toBe(0);
    const atLimit = await get('/big', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(MAX_JSON_BYTES) });
    expect(atLimit.status).not.toBe(413);
    expect(count('/big')).toBe(1);
  });

  it('takes an import upload up to the app’s own limit, and sends a larger one back to the form (303) without reaching Next', async () => {
    const location = /location = \/api\/admin\/import \{[^}]*client_max_body_size (\d+)m;/.exec(readFileSync(TEMPLATE, 'utf8'));
    expect(Number(location?.[1]) * 1024 * 1024).toBe(DEFAULT_IMPORT_MAX_BYTES);
    const upload = await get('/api/admin/import', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(MAX_JSON_BYTES * 3) });
    expect(upload.status).toBe(200);
    expect(count('/api/admin/import')).toBe(1);
    // nginx answers on the declared length alone: nothing more needs sending.
    const tooLarge = await get('/api/admin/import', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(DEFAULT_IMPORT_MAX_BYTES + 1) } });
    expect(tooLarge.status).toBe(303);
    expect(tooLarge.headers.location).toBe('/admin/import?erreur=trop-volumineux');
    expect(count('/api/admin/import')).toBe(1);
    // Elsewhere, the comment's limit still holds.
    expect((await get('/api/admin/importer', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(MAX_JSON_BYTES * 3) })).status).toBe(413);
  });

  it('never caches /admin and /api/, even when Next says HIT', async () => {
    for (const url of ['/admin', '/admin/x', '/api/x']) {
      for (let i = 0; i < 2; i++) {
        const answer = await get(url);
        expect(answer.status).toBe(200);
        expect(answer.headers['x-cache-status']).toBeUndefined();
      }
      expect(count(url)).toBe(2);
    }
  });

  it("never caches a writer's held comments, even when Next says HIT, nor queues them behind the cache lock", async () => {
    const held = '/articles/un-article/commentaires/en-attente';
    for (const cookie of ['m20-en-attente-preuve=a.b', 'm20-en-attente-preuve=c.d']) {
      const answer = await get(held, { headers: { cookie, 'accept-encoding': 'gzip' } });
      expect(answer.status).toBe(200);
      expect(answer.headers['x-cache-status']).toBeUndefined();
      // Each browser's request reaches Next with its own cookie.
      expect(seen.get(held)?.cookie).toBe(cookie);
      expect(seen.get(held)?.['accept-encoding']).toBeUndefined();
    }
    const started = Date.now();
    await Promise.all(Array.from({ length: 6 }, () => get(held)));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(count(held)).toBe(8);
    // The article's own pages are still cached as before.
    await get('/articles/un-article/commentaires/page/2');
    expect((await get('/articles/un-article/commentaires/page/2')).headers['x-cache-status']).toBe('HIT');
  });

  it('sends one request to Next for a burst of misses on the same page (proxy_cache_lock)', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => get('/slow')));
    expect(count('/slow')).toBe(1);
    for (const answer of answers) expect(answer.body).toBe('/slow answer 1');
  });

  it('lets bursts for build assets through at once: never stored, not queued behind the cache lock', async () => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 6 }, () => get('/_next/static/chunks/main.js')));
    // Behind the lock they would come one per 0.5 s.
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(count('/_next/static/chunks/main.js')).toBe(6);
    for (const answer of answers) expect(answer.headers['x-cache-status']).toBeUndefined();
  });

  it('forwards Host, X-Forwarded-*, X-Real-IP and keeps the connection to Next open', async () => {
    await get('/headers', { headers: { 'accept-encoding': 'gzip, br', 'x-forwarded-for': '203.0.113.9' } });
    const headers = seen.get('/headers');
    const port = new URL(nginx.url).port;
    expect(headers?.host).toBe(`127.0.0.1:${port}`);
    expect(headers?.['x-forwarded-host']).toBe(`127.0.0.1:${port}`);
    // nginx appends the address it saw: the last entry is the one a client cannot forge.
    expect(headers?.['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(headers?.['x-forwarded-proto']).toBe('http');
    expect(headers?.['x-real-ip']).toBe('127.0.0.1');
    expect(headers?.connection).toBeUndefined();
  });

  it('asks Next for gzip on pages only, whatever the client asked; never on the admin, the API or build assets', async () => {
    await get('/asked', { headers: { 'accept-encoding': 'br' } });
    expect(seen.get('/asked')?.['accept-encoding']).toBe('gzip');
    for (const url of ['/admin/asked', '/api/asked', '/_next/static/asked.js']) {
      await get(url, { headers: { 'accept-encoding': 'gzip, br' } });
      expect(seen.get(url)?.['accept-encoding'], url).toBeUndefined();
    }
    // nginx compresses those itself, for the clients that ask.
    expect((await get('/api/compressed', { headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding']).toBe('gzip');
  });

  it('stores the page compressed once: gzip as stored for those who ask, decompressed for the others', async () => {
    const gzipped = await get('/compressed', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    const plain = await get('/compressed');
    expect(plain.headers['x-cache-status']).toBe('HIT');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(gzipped.body);
    expect((await get('/compressed', { headers: { 'accept-encoding': 'br' } })).headers['x-cache-status']).toBe('HIT');
    expect(count('/compressed')).toBe(1);
    // The copy on disk is the compressed one Next sent.
    const files = readdirSync(path.join(dir, 'cache'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    const stored = files.map((entry) => readFileSync(path.join(entry.parentPath, entry.name))).find((file) => file.includes('\nKEY: /compressed\n'));
    expect(stored?.toString('latin1')).toMatch(/\r\ncontent-encoding: gzip\r\n/i);
  });
});
