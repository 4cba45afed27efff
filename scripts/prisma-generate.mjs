// `prisma generate` without the native schema engine: the client uses a driver adapter and needs no
// binary, but the CLI tries to download one at start-up unless told where it is (see README).
// Two clients: SQLite's (lib/generated/prisma) and PostgreSQL's (lib/generated/prisma-postgresql).
import { execFileSync } from 'node:child_process';

for (const schema of ['prisma/schema.prisma', 'prisma/postgresql/schema.prisma']) {
  execFileSync('npx', ['prisma', 'generate', '--schema', schema], {
    stdio: 'inherit',
    env: { PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1', ...process.env },
  });
}
