// `npm run test:e2e:postgresql`: the whole end-to-end suite (reading, comments, admin, security)
// again, on PostgreSQL: a throwaway PostgreSQL 15 cluster, a fresh database, the same server.
// Arguments are passed to `playwright test`.
import { spawnSync } from 'node:child_process';
import { startPostgres } from '../postgres/cluster.mjs';

const port = Number(process.env.E2E_PORT ?? 3220);
const cluster = startPostgres({ port: port + 5, database: 'marketing_e2e' });
let status = 1;
try {
  const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, E2E_PORT: String(port), E2E_DATABASE_URL: cluster.url },
  });
  status = result.status ?? 1;
} finally {
  cluster.stop();
}
process.exit(status);
