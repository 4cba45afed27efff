// The benchmark's upper bound: a plain Node server that streams files from a folder, nothing else
// (no compression, no caching beyond the OS's). Usage: node bench/static-server.mjs <folder> <port>
// A request for /a/b is answered with <folder>/a/b.html.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const [folder, port] = process.argv.slice(2);
if (!folder || !port) throw new Error('usage: node bench/static-server.mjs <folder> <port>');
const rootDir = path.resolve(folder);

const server = createServer((request, response) => {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  const file = path.join(rootDir, `${pathname === '/' ? '/index' : pathname}.html`);
  let size;
  try {
    if (!file.startsWith(rootDir + path.sep)) throw new Error('outside');
    size = statSync(file).size;
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': size });
  createReadStream(file).pipe(response);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), '127.0.0.1', () => console.log(`static server on http://127.0.0.1:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
