import { getConfig } from '@/lib/config';
import { purgeOne } from './purge-one';

/** Purged again after this: a page the cache was still receiving during the write may have landed after the first purge. */
const SECOND_PURGE_AFTER_MS = 1000;

/**
 * Purge requests in flight at once from this process. nginx takes 64 connections at a time from
 * one address (limit_conn, deploy/nginx), shared by the server's processes: a whole thread's pages
 * (thousands after an import) sent at once would mostly be refused (429) and stay cached.
 */
export const MAX_PURGES_AT_ONCE = 8;
let inFlight = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when fewer than MAX_PURGES_AT_ONCE purges are under way; a finished one hands its place to the next waiting. */
async function inTurn(work: () => Promise<void>): Promise<void> {
  if (inFlight < MAX_PURGES_AT_ONCE) inFlight++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  }
}

type Purges = { running: Promise<void> | null; next: Promise<void> | null };
/** Per URL: the purge under way, and the one that will start after it. */
const purges = new Map<string, Purges>();
const secondPurges = new Set<string>();

/**
 * Purges `path` on `base`, by a request that starts after this call: a burst of writes to one
 * article shares one purge in flight and the one after it, instead of sending one each.
 */
function purgeAfterNow(base: string, path: string): Promise<void> {
  const key = `${base}${path}`;
  let state = purges.get(key);
  if (!state) purges.set(key, (state = { running: null, next: null }));
  const current = state;
  if (!current.running) {
    current.running = inTurn(() => purgeOne(base, path)).finally(() => {
      current.running = null;
      if (!current.next) purges.delete(key);
    });
    return current.running;
  }
  current.next ??= current.running.then(() => {
    current.next = null;
    return purgeAfterNow(base, path);
  });
  return current.next;
}

/**
 * Asks each HTTP cache in front (CACHE_PURGE_URLS) to forget `paths`, after a write has committed,
 * and waits for it: the writer's next load is fresh. Nothing to do when none is set.
 */
export async function purgeProxies(paths: string[]): Promise<void> {
  const bases = getConfig().CACHE_PURGE_URLS;
  if (bases.length === 0 || paths.length === 0) return;
  await Promise.all(bases.flatMap((base) => paths.map((path) => purgeAfterNow(base, path))));
  for (const base of bases) {
    for (const path of paths) {
      const key = `${base}${path}`;
      if (secondPurges.has(key)) continue;
      secondPurges.add(key);
      setTimeout(() => {
        secondPurges.delete(key);
        void purgeAfterNow(base, path);
      }, SECOND_PURGE_AFTER_MS).unref();
    }
  }
}
