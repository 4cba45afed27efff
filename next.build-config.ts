import type { NextConfig } from 'next';
import { readBookFile } from './lib/book-file/read-book-file';
import { getContentDir } from './lib/config';
import { securityHeaders } from './lib/http/security-headers';
import { runtimeConfig } from './lib/next-runtime-config.mjs';

const nextConfig: NextConfig = {
  ...runtimeConfig,
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
};

/**
 * `next build` and `next dev` first check content/livre.md: a malformed book file stops them with
 * its French message, before anything is compiled (`npm start` builds again when content/ changed).
 */
export async function buildConfig(): Promise<NextConfig> {
  try {
    await readBookFile(getContentDir());
  } catch (error) {
    // Printed on its own first: Next wraps a config error in its own lines and a stack trace.
    console.error(`\nLe fichier du livre est à corriger :\n${error instanceof Error ? error.message : String(error)}\n`);
    throw error;
  }
  return nextConfig;
}
