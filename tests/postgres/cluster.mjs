// A throwaway PostgreSQL 15 cluster for the tests: initdb into a temporary folder as the
// `postgres` user (PostgreSQL refuses to run as root), listening on 127.0.0.1 only, trust
// authentication, stopped and removed afterwards. Debian's server binaries are used as they are.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN_CANDIDATES = [process.env.POSTGRES_BIN, '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];

export function postgresBinDir() {
  const dir = BIN_CANDIDATES.find((candidate) => candidate && existsSync(path.join(candidate, 'initdb')));
  if (!dir) throw new Error('PostgreSQL server binaries not found (apt-get install postgresql-15, or set POSTGRES_BIN)');
  return dir;
}

const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the postgres user when we are root (as on CI), else as ourselves. */
function runAsPostgres(binary, args, options = {}) {
  const [command, fullArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  const result = spawnSync(command, fullArgs, { encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`${path.basename(binary)} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

/**
 * Starts a cluster on `port` and creates `database`. Returns its URL and `stop()`.
 * fsync is off: the tests need speed, not durability across power loss.
 */
export function startPostgres({ port, database = 'marketing' }) {
  const bin = postgresBinDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'm20-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = path.join(dir, 'data');
  if (isRoot) execFileSync('chown', ['postgres', dir]);
  runAsPostgres(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const options = [
    `-c listen_addresses=127.0.0.1`,
    `-c port=${port}`,
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  runAsPostgres(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  runAsPostgres(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]);
  const url = `postgresql://postgres@127.0.0.1:${port}/${database}`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    try {
      runAsPostgres(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // A run that is interrupted must not leave its cluster behind; then the signal does what it would
  // have done, unless someone else listens for it.
  function onSignal(signal) {
    stop();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  }
  process.once('exit', stop);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { url, dir, port, stop };
}
