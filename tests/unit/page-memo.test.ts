import { createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPageMemo } from '@/lib/cache/page-memo.cjs';

// A real HTTP server with the memo in front of a stand-in for Next that answers what each test
// says and counts the requests it gets.
const CACHED = { 'content-type': 'text/html; charset=utf-8', 'x-nextjs-cache': 'HIT', 'cache-control': 's-maxage=31536000', vary: 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding' };

type Answer = { status?: number; headers?: OutgoingHttpHeaders; body?: string; during?: () => void };

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function site(answer: (request: IncomingMessage) => Answer) {
  let version: string | null = 'v1';
  let rendered = 0;
  const memo = createPageMemo(async () => version);
  const next = (request: IncomingMessage, response: ServerResponse) => {
    rendered += 1;
    const { status = 200, headers = CACHED, body = `page ${rendered}`, during } = answer(request);
    during?.();
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value as string);
    response.statusCode = status;
    // Written in two parts, as Next streams a page.
    response.write(body.slice(0, 3));
    response.end(body.slice(3));
  };
  const server = createServer((request, response) => void memo(request, response, next));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  const { port } = server.address() as AddressInfo;
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
  return {
    get,
    rendered: () => rendered,
    setVersion: (value: string | null) => (version = value),
  };
}

/** The headers of the page itself, without those of the connection and the moment. */
const withoutTransportHeaders = (headers: IncomingMessage['headers']) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(name)));

describe('the page memo of a worker', () => {
  it('answers a fresh cached page again without Next, with the same body and headers, until the version changes', async () => {
    const s = await site(() => ({}));
    const first = await s.get('/articles/a');
    const second = await s.get('/articles/a');
    expect(s.rendered()).toBe(1);
    expect(second.body).toBe(first.body);
    expect(withoutTransportHeaders(second.headers)).toEqual(withoutTransportHeaders(first.headers));
    expect(Number(second.headers['content-length'])).toBe(Buffer.byteLength(first.body));

    s.setVersion('v2');
    expect((await s.get('/articles/a')).body).toBe('page 2');
    expect((await s.get('/articles/a')).body).toBe('page 2');
    expect(s.rendered()).toBe(2);
  });

  it('keeps one answer per path and Accept-Encoding', async () => {
    const s = await site(() => ({}));
    await s.get('/articles/a', { 'accept-encoding': 'gzip' });
    await s.get('/articles/a');
    await s.get('/articles/b');
    expect((await s.get('/articles/a', { 'accept-encoding': 'gzip' })).body).toBe('page 1');
    expect((await s.get('/articles/a')).body).toBe('page 2');
    expect((await s.get('/articles/b')).body).toBe('page 3');
    expect(s.rendered()).toBe(3);
  });

  it('never keeps a page served while a tag expired: the version is the one read before Next answered', async () => {
    let writes = 0;
    const s = await site(() => ({ during: () => writes++ === 0 && s.setVersion('v2') }));
    await s.get('/articles/a'); // a comment lands while this page is served
    expect((await s.get('/articles/a')).body).toBe('page 2');
    expect((await s.get('/articles/a')).body).toBe('page 2');
    expect(s.rendered()).toBe(2);
  });

  it.each([
    ['rendered, not from the cache', { headers: { ...CACHED, 'x-nextjs-cache': 'MISS' } }],
    ['stale', { headers: { ...CACHED, 'x-nextjs-cache': 'STALE' } }],
    ['due to render again at a closing date', { headers: { ...CACHED, 'cache-control': 's-maxage=60, stale-while-revalidate=31535940' } }],
    ['not cacheable', { headers: { ...CACHED, 'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate' } }],
    ['a 404', { status: 404 }],
    ['setting a cookie', { headers: { ...CACHED, 'set-cookie': 'a=1' } }],
    ['varying on the cookie', { headers: { ...CACHED, vary: 'Cookie, Accept-Encoding' } }],
  ])('never keeps an answer %s', async (_label, answer: Answer) => {
    const s = await site(() => answer);
    await s.get('/page');
    await s.get('/page');
    expect(s.rendered()).toBe(2);
  });

  it.each([
    ['a query string', '/articles/a?x=1', {}, 'GET'],
    ['an RSC request of the client router', '/articles/a', { rsc: '1' }, 'GET'],
    ['a prefetch', '/articles/a', { 'next-router-prefetch': '1' }, 'GET'],
    ['draft mode', '/articles/a', { cookie: 'theme=dark; __prerender_bypass=x' }, 'GET'],
    ['HEAD', '/articles/a', {}, 'HEAD'],
  ])('leaves %s to Next', async (_label, path: string, headers: Record<string, string>, method: string) => {
    const s = await site(() => ({}));
    await s.get(path, headers, method);
    await s.get(path, headers, method);
    expect(s.rendered()).toBe(2);
  });

  it('leaves everything to Next while the version cannot be read', async () => {
    const s = await site(() => ({}));
    s.setVersion(null);
    await s.get('/articles/a');
    await s.get('/articles/a');
    expect(s.rendered()).toBe(2);
  });
});
