// Vitest global setup of the `postgresql` project: one throwaway PostgreSQL cluster for the run;
// each test creates its own database on it (helpers/temp-database.ts).
import { createServer } from 'node:net';
import { startPostgres } from '../../postgres/cluster.mjs';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export default async function setup() {
  const cluster = startPostgres({ port: await freePort(), database: 'postgres_tests' });
  process.env.TEST_POSTGRES_URL = cluster.url;
  return () => cluster.stop();
}
