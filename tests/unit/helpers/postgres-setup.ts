// Vitest global setup of the `postgresql` project: one throwaway PostgreSQL cluster for the run;
// each test creates its own database on it (helpers/temp-database.ts), found with inject().
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
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

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's URL, given to this project's tests only (never through process.env). */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = startPostgres({ port: await freePort(), database: 'postgres_tests' });
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
