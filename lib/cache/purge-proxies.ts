import 'server-only';
import { getConfig } from '@/lib/config';

/** A cache in front that does not answer within this is left to the pages' own lifetime. */
const PURGE_TIMEOUT_MS = 2000;
/** Purged again after this: a page the cache was still receiving during the write may have landed after the first purge. */
const SECOND_PURGE_AFTER_MS = 1000;

async function purgeOnce(paths: string[]): Promise<void> {
  const { CACHE_PURGE_URLS } = getConfig();
  await Promise.all(
    CACHE_PURGE_URLS.flatMap((base) =>
      paths.map(async (path) => {
        try {
          const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(PURGE_TIMEOUT_MS) });
          // 404: the cache held no copy of it, which is as good.
          if (!response.ok && response.status !== 404) throw new Error(`HTTP ${response.status}`);
          await response.body?.cancel();
        } catch (error) {
          console.error(`Cache HTTP : purge de ${path} impossible sur ${base} (${(error as Error).message}).`);
        }
      }),
    ),
  );
}

/**
 * Asks each HTTP cache in front (CACHE_PURGE_URLS) to forget `paths`, after a write has committed,
 * and waits for it: the writer's next load is fresh. Nothing to do when none is set.
 */
export async function purgeProxies(paths: string[]): Promise<void> {
  if (getConfig().CACHE_PURGE_URLS.length === 0 || paths.length === 0) return;
  await purgeOnce(paths);
  setTimeout(() => void purgeOnce(paths), SECOND_PURGE_AFTER_MS).unref();
}
