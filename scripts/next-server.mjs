// One production server process: Next's documented custom server (`next()` + `getRequestHandler()`),
// here only to set what `next start` cannot: Node's time-outs and limits against slow or stuck
// clients, and the socket's peer at the end of X-Forwarded-For. Every request goes to Next.
import { createServer } from 'node:http';
import next from 'next';
import { countSetting } from './serve-workers.mjs';

/** Limits against slow or stuck clients (README « Servir »). */
export const SERVER_LIMITS = {
  /** All of a request's headers must arrive within this (a slow trickle is cut). */
  headersTimeoutMs: 10_000,
  /** The whole request, body included: a body that never ends is cut after this. */
  requestTimeoutMs: 20_000,
  /** An idle kept-alive connection is closed after this: above the proxy's own (deploy/nginx). */
  keepAliveTimeoutMs: 30_000,
  /** A client may send this many requests on one connection, then opens another. */
  maxRequestsPerSocket: 1_000,
};

/**
 * A proxy adds the address it received the connection from to X-Forwarded-For; this server does
 * the same as the last hop. Next alone writes it only when the header is absent, so a client
 * could otherwise choose the address the limits see (lib/client-ip.ts reads the chain).
 */
function appendPeerAddress(request) {
  const peer = request.socket.remoteAddress;
  if (!peer) return;
  const forwarded = request.headers['x-forwarded-for'];
  request.headers['x-forwarded-for'] = forwarded ? `${forwarded}, ${peer}` : peer;
}

const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, dir: process.cwd(), port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer(
  {
    headersTimeout: SERVER_LIMITS.headersTimeoutMs,
    requestTimeout: SERVER_LIMITS.requestTimeoutMs,
    keepAliveTimeout: SERVER_LIMITS.keepAliveTimeoutMs,
    // How often Node looks for requests past their time-outs (its default would let them run 30 s more).
    connectionsCheckingInterval: 1_000,
  },
  (request, response) => {
    appendPeerAddress(request);
    handle(request, response);
  },
);
server.maxRequestsPerSocket = SERVER_LIMITS.maxRequestsPerSocket;
// Counted here rather than by `server.maxConnections`: under the cluster module, a connection that
// setting refuses goes back to the primary, which holds it unanswered instead of closing it.
// MAX_CONNECTIONS: the connections one process holds at once; the next ones are closed on arrival.
const connectionCap = countSetting('MAX_CONNECTIONS', process.env.MAX_CONNECTIONS, 1_000, 'connexions');
let openConnections = 0;
server.on('connection', (socket) => {
  openConnections += 1;
  socket.once('close', () => {
    openConnections -= 1;
  });
  if (openConnections > connectionCap) socket.destroy();
});
server.listen(port, () => console.log(`Prêt : http://localhost:${port} (processus ${process.pid})`));

/**
 * SIGINT or SIGTERM: no new connection; the requests in flight finish, kept-alive connections are
 * closed as soon as they are idle, then Next's own clean-up (its `after()` work) and exit 0.
 */
let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
  server.close(async () => {
    clearInterval(closeIdle);
    await app.close().catch((error) => console.error(error));
    process.exit(0);
  });
  server.closeIdleConnections();
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop);
