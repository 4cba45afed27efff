/** A cache in front that does not answer within this is left to the pages' own lifetime. */
const PURGE_TIMEOUT_MS = 2000;

/**
 * Asks the cache at `base` (one of CACHE_PURGE_URLS) to forget `path`. A failure is logged, never
 * thrown: the write it follows has committed. The app goes through purge-proxies.ts; scripts, here.
 */
export async function purgeOne(base: string, path: string): Promise<void> {
  try {
    const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(PURGE_TIMEOUT_MS) });
    // 404: the cache held no copy of it, which is as good.
    if (!response.ok && response.status !== 404) throw new Error(`HTTP ${response.status}`);
    await response.body?.cancel();
  } catch (error) {
    console.error(`Cache HTTP : purge de ${path} impossible sur ${base} (${(error as Error).message}).`);
  }
}
