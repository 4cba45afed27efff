import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PURGES_AT_ONCE, purgeProxies } from '@/lib/cache/purge-proxies';

// A stand-in for nginx's purge server that answers slowly and counts the purges under way at once.
let server: Server;
const seen: string[] = [];
let inFlight = 0;
let mostAtOnce = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    inFlight++;
    mostAtOnce = Math.max(mostAtOnce, inFlight);
    seen.push(request.url ?? '');
    setTimeout(() => {
      inFlight--;
      response.writeHead(404).end();
    }, 5);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Read by the config on its first use, below.
  process.env.CACHE_PURGE_URLS = `http://127.0.0.1:${(server.address() as AddressInfo).port}/purge`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('purging the caches in front', () => {
  it('purges every page of a long thread, a few at a time, then each once more', { timeout: 20_000 }, async () => {
    const paths = Array.from({ length: 300 }, (_, index) => `/articles/long/commentaires/page/${index + 1}`);
    await purgeProxies(paths);
    expect(new Set(seen)).toEqual(new Set(paths.map((path) => `/purge${path}`)));
    // The second purge of each, a second later, goes through the same turns.
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(2 * paths.length);
    expect(mostAtOnce).toBeLessThanOrEqual(MAX_PURGES_AT_ONCE);
    expect(mostAtOnce).toBeGreaterThan(1);
  });
});
