import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

// Parameters of Prisma's PostgreSQL URLs that libpq (pg_dump, pg_restore) rejects.
const PRISMA_ONLY_PARAMETERS = ['schema', 'connection_limit', 'pool_timeout', 'socket_timeout', 'pgbouncer', 'statement_cache_size', 'sslaccept'];

/** `pg_dump` or `pg_restore`: on PATH, else Debian's /usr/lib/postgresql/<version>/bin (newest first). */
function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    if (existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const candidate = path.join(debian, version, 'bin', name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} introuvable : installez le client PostgreSQL (Debian : apt-get install -y postgresql-client).`);
}

/** The URL as libpq takes it, with the password moved to PGPASSWORD so that it never shows in `ps`. */
function libpqConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env = { ...process.env };
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  parsed.password = '';
  for (const name of PRISMA_ONLY_PARAMETERS) parsed.searchParams.delete(name);
  return { url: parsed.toString(), env };
}

function run(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(postgresTool(tool), args, { env, encoding: 'utf8' });
  if (result.error) throw new Error(`${tool} n’a pas pu être lancé : ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${tool} a échoué (code ${result.status}) :\n${result.stderr.trim()}`);
  return result.stdout;
}

/** pg_dump in custom format to `file` (written beside it, checked with pg_restore --list, then renamed). */
export async function backupPostgres(url: string, file: string): Promise<void> {
  const connection = libpqConnection(url);
  const partial = `${file}.partiel`;
  try {
    run('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${connection.url}`], connection.env);
    run('pg_restore', ['--list', partial], connection.env);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

async function hasTables(url: string): Promise<boolean> {
  const { default: pg } = await import('pg');
  const connection = libpqConnection(url);
  const client = new pg.Client({ connectionString: connection.url, password: connection.env.PGPASSWORD });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    return Number(result.rows[0]?.n ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/** pg_restore --clean --if-exists in one transaction: the database ends as the backup, or unchanged. */
export async function restorePostgres(file: string, url: string, { force }: { force: boolean }): Promise<void> {
  const connection = libpqConnection(url);
  run('pg_restore', ['--list', file], connection.env); // a readable archive, before touching anything
  if (!force && (await hasTables(url))) {
    throw new Error('La base PostgreSQL contient déjà des tables. Serveur arrêté, relancez avec --force pour les remplacer par la sauvegarde.');
  }
  run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${connection.url}`, file], connection.env);
}
