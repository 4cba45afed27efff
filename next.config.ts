import path from 'node:path';
import type { NextConfig } from 'next';
import { readBookFile } from './lib/book-file/read-book-file';
import { getContentDir } from './lib/config';
import { securityHeaders } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  async headers() {
    const headers = securityHeaders(process.env.SITE_URL);
    return [{ source: '/:path*', headers: Object.entries(headers).map(([key, value]) => ({ key, value })) }];
  },
  // A comment's first page of replies has one address, the shorter one. Here rather than in the
  // page: a redirect from a cached page is sent with its Location twice.
  async redirects() {
    return [
      { source: '/articles/:slug/commentaires/:id/reponses/page/1', destination: '/articles/:slug/commentaires/:id/reponses', permanent: true },
    ];
  },
  // Tests and benchmarks build into their own folder so they never clobber the site's build.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // Pages and data cached in each process, kept true across processes by the database (see the file).
  cacheHandler: path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib/cache/cache-handler.cjs'),
  poweredByHeader: false,
  // Hashing each cached page for its ETag took a fifth of the server's CPU (bench); a proxy or
  // CDN in front revalidates better than the app process can.
  generateEtags: false,
  reactStrictMode: true,
  experimental: {
    // Every first visit loads React and the router, whatever the page: let Turbopack merge the
    // framework's small chunks into two big ones, shared by every route, rather than send five.
    // Article page: 2 requests fewer and 1.1 KB lighter (bench); no module is duplicated.
    turbopackChunking: { maxChunkCountPerGroup: 1, minChunkSize: 300_000, maxMergeChunkSize: 1_000_000 },
  },
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ['better-sqlite3'],
};

/**
 * `next build`, `next start` and `next dev` first check content/livre.md: a malformed book file
 * stops them with its French message, before anything is compiled or served.
 */
export default async function config(): Promise<NextConfig> {
  try {
    await readBookFile(getContentDir());
  } catch (error) {
    // Printed on its own first: Next wraps a config error in its own lines and a stack trace.
    console.error(`\nLe fichier du livre est à corriger :\n${error instanceof Error ? error.message : String(error)}\n`);
    throw error;
  }
  return nextConfig;
}
