import 'server-only';
import { purgeProxies } from '@/lib/cache/purge-proxies';
import { pathsShowingComments } from './cache-tags';

/**
 * After a write to these articles' comments has committed (its transaction moved their cache tags,
 * so Next's cache renders them again): the HTTP caches in front forget the pages that show them.
 */
export async function purgeCommentPages(slugs: string[]): Promise<void> {
  await purgeProxies([...new Set(slugs.flatMap(pathsShowingComments))]);
}
