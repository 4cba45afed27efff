import 'server-only';
import { after } from 'next/server';
import { db } from '@/lib/db';
import { purgeProxies } from '@/lib/cache/purge-proxies';
import { getConfig } from '@/lib/config';
import type { ChangedPages } from './paging';
import { planPurge } from './purge-plan';

/**
 * After a write to these articles' comments has committed (its transaction moved their cache tags,
 * so Next's cache renders them again): the HTTP caches in front forget the pages that show them
 * (planPurge), those of the plan's `now` before the answer, the rest just after it.
 */
export async function purgeCommentPages(changes: (string | ChangedPages)[]): Promise<void> {
  if (getConfig().CACHE_PURGE_URLS.length === 0) return;
  const { now, later } = await planPurge(db, changes);
  await purgeProxies(now);
  if (later.length > 0) after(() => purgeProxies(later));
}
