// `prisma generate` without the native schema engine: the client uses a driver adapter and needs no
// binary, but the CLI tries to download one at start-up unless told where it is (see README).
import { execFileSync } from 'node:child_process';

execFileSync('npx', ['prisma', 'generate'], {
  stdio: 'inherit',
  env: { PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1', ...process.env },
});
