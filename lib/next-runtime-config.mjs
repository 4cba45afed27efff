// The part of Next's configuration the production server reads at run time, in plain JavaScript:
// next.config.mjs gives it alone to a production server, and next.build-config.ts builds with it.
import path from 'node:path';

/** @type {import('next').NextConfig} */
export const runtimeConfig = {
  // Tests and benchmarks build into their own folder so they never clobber the site's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
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
    turbopackChunking: { maxChunkCountPerGroup: 1, minChunkSize: 300_000, maxMergeChunkSize: 1_000_000 },
  },
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ['better-sqlite3'],
};
