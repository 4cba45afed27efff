// One server process of `npm start` (scripts/serve-workers.mjs runs one per core). It is Next's
// production server (`next()`, what `next start` runs), with Node's HTTP server in front answering
// two kinds of request itself, for which Next's per-request pipeline cost several times the work:
// - comment posts (POST /api/articles/<slug>/comments), by the app's own handler
//   (lib/comments/api/node-comment-post.ts, which instrumentation.ts hands over at start-up);
// - pages Next has just served fresh from its cache, replayed from this process's memo
//   (lib/cache/page-memo.cjs).
// Everything else goes to Next.
//
// Run as: node scripts/next-worker.mjs <port>   (all interfaces, as `next start` listens)
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLEAN_STOP_CODE } from './serve-workers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
/** A comment post's address; any other form of it (encoded, trailing slash) is left to Next. */
const COMMENT_POST_PATH = /^\/api\/articles\/([a-z0-9-]+)\/comments$/;

process.env.NODE_ENV ??= 'production';
process.title = 'next-server (marketing-2-0 worker)';

const require = createRequire(import.meta.url);
const { default: next } = await import('next');
const app = next({ dev: false, dir: root, port });
await app.prepare();
const handleWithNext = app.getRequestHandler();
// In production Next runs instrumentation.ts's register() on the first request; run it now (the
// same memoised call Next makes), so the handler is there before the first comment post.
const { ensureInstrumentationRegistered } = require('next/dist/server/lib/router-utils/instrumentation-globals.external');
await ensureInstrumentationRegistered(root, process.env.NEXT_DIST_DIR ?? '.next');

const handleCommentPost = globalThis[Symbol.for('marketing-2-0.handle-comment-post')];
if (typeof handleCommentPost !== 'function') {
  console.error('Le gestionnaire des commentaires n’a pas été chargé (instrumentation.ts) : arrêt.');
  process.exit(1);
}
// The very module Next loaded as its cacheHandler (one module cache per process): the same tag manifest.
const { expireTags, expiriesVersion } = require(path.join(root, 'lib/cache/race-safe-cache-handler.cjs'));
const { createPageMemo } = require(path.join(root, 'lib/cache/page-memo.cjs'));
const answerPage = createPageMemo(expiriesVersion);

function commentPostSlug(request) {
  if (request.method !== 'POST') return null;
  const url = request.url ?? '';
  const query = url.indexOf('?');
  return COMMENT_POST_PATH.exec(query === -1 ? url : url.slice(0, query))?.[1] ?? null;
}

function answerInternalError(request, response, error) {
  console.error(`Failed to handle request for ${request.url}`, error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end('Erreur interne du serveur.');
}

const server = createServer((request, response) => {
  const slug = commentPostSlug(request);
  const handled = slug ? handleCommentPost(request, response, slug, expireTags) : answerPage(request, response, handleWithNext);
  handled.catch((error) => answerInternalError(request, response, error));
});
server.on('error', (error) => {
  console.error('Le serveur n’a pas pu démarrer :', error.message);
  process.exit(1);
});
server.listen(port, () => console.log(`✓ Prêt : http://localhost:${port} (processus ${process.pid})`));

// As `next start` does: stop taking connections, let the requests in flight finish, then exit.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(async () => {
      await app.close();
      process.exit(CLEAN_STOP_CODE[signal]);
    });
    server.closeIdleConnections();
  });
}
