import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback port free right now (another process may take it before it is used: callers retry). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
