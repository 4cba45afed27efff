import http from 'node:http';
import https from 'node:https';

/** A cache in front that does not answer within this is left to the pages' own lifetime. */
const PURGE_TIMEOUT_MS = 2000;

// Kept-alive connections to the caches in front (how many at once: purge-proxies.ts): a purge per post must not open a connection each.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/** The status of a GET of `url`, its body read and dropped. node:http rather than fetch: a purge follows every post, and fetch's streams cost the server several times more. */
function statusOf(url: URL): Promise<number> {
  const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
  return new Promise((resolve, reject) => {
    const request = (protocol === 'https:' ? https : http).get(url, { agent: agents[protocol], timeout: PURGE_TIMEOUT_MS }, (response) => {
      response.on('error', reject).on('end', () => resolve(response.statusCode ?? 0));
      response.resume();
    });
    request.on('timeout', () => request.destroy(new Error(`pas de réponse en ${PURGE_TIMEOUT_MS} ms`)));
    request.on('error', reject);
  });
}

/**
 * Asks the cache at `base` (one of CACHE_PURGE_URLS) to forget `path`. A failure is logged, never
 * thrown: the write it follows has committed. The app goes through purge-proxies.ts; scripts, here.
 */
export async function purgeOne(base: string, path: string): Promise<void> {
  try {
    const url = new URL(`${base}${path}`);
    // A kept-alive connection the cache closed just as it was reused: once more, on a new one.
    const status = await statusOf(url).catch((error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? statusOf(url) : Promise.reject(error)));
    // 404: the cache held no copy of it, which is as good.
    if ((status < 200 || status > 299) && status !== 404) throw new Error(`HTTP ${status}`);
  } catch (error) {
    console.error(`Cache HTTP : purge de ${path} impossible sur ${base} (${(error as Error).message}).`);
  }
}
