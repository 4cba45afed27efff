// `npm start`: migrates and seeds the database, builds when the sources changed, then serves on
// PORT (3000) with one `next start` per core (scripts/serve-workers.mjs). The build holds no data:
// pages read the database at request time, so one build serves any database.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import nextEnv from '@next/env';
import { serveWorkers, workerCount } from './serve-workers.mjs';

const root = process.cwd();
// .env / .env.production, as `next start` reads them, so the database scripts see the same settings.
nextEnv.loadEnvConfig(root, false);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NODE_ENV: 'production' };

/**
 * Runs one preparation step (migrations, build) and waits for it. A SIGINT or SIGTERM meanwhile
 * (Ctrl+C, `docker stop`) stops the step too, instead of leaving a `next build` running alone.
 */
function run(command, args, stepEnv = env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: stepEnv });
    const forward = (signal) => child.kill(signal);
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward);
    child.on('exit', (code, signal) => {
      for (const name of ['SIGINT', 'SIGTERM']) process.off(name, forward);
      if (code === 0) resolve();
      else process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

function* files(entry) {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (!stat.isDirectory()) {
    yield `${entry}:${stat.size}:${stat.mtimeMs}`;
    return;
  }
  for (const name of readdirSync(entry).sort()) {
    if (name === 'generated' || name === 'node_modules') continue;
    yield* files(path.join(entry, name));
  }
}

// `next build` adds its folder's types to tsconfig.json's include: that alone calls for no new build.
function tsconfigWithoutBuildFolders() {
  const text = readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
  return text.split('\n').filter((line) => !/^\s*"\.next[^"]*\/types\//.test(line)).join('\n').replace(/,(?=\s*\n)/g, '');
}

function sourceFingerprint() {
  const hash = createHash('sha256');
  for (const entry of ['app', 'components', 'lib', 'content', 'public', 'prisma', 'next.config.mjs', 'next.build-config.ts', 'package-lock.json']) {
    for (const line of files(path.join(root, entry))) hash.update(`${line}\n`);
  }
  hash.update(`${tsconfigWithoutBuildFolders()}\n`);
  // The build writes the headers, HSTS among them when SITE_URL is https:// (next.build-config.ts).
  hash.update(`https:${String(env.SITE_URL ?? '').startsWith('https://')}\n`);
  return hash.digest('hex');
}

/**
 * `npm start` on a fresh machine: a secret of its own for `name` when none is set, generated once
 * and kept out of git in data/<file>, readable by this user only.
 */
function keepSecret(name, file) {
  const secretFile = path.join(root, 'data', file);
  if (!existsSync(secretFile)) {
    mkdirSync(path.dirname(secretFile), { recursive: true });
    writeFileSync(secretFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    console.log(`${name} absent : secret créé dans data/${file} (réglez ${name} en production).`);
  }
  env[name] = readFileSync(secretFile, 'utf8').trim();
}
if (!env.AUTH_SECRET && !env.NEXTAUTH_SECRET) keepSecret('AUTH_SECRET', '.auth-secret');
if (!env.IP_HASH_SALT) keepSecret('IP_HASH_SALT', '.ip-hash-salt');
if (!env.SUBSCRIPTION_SECRET) keepSecret('SUBSCRIPTION_SECRET', '.subscription-secret');
const port = env.PORT ?? '3000';
const workers = workerCount(env.WEB_CONCURRENCY);
// next-auth builds its URLs from NEXTAUTH_URL; locally, the address the server listens on.
env.NEXTAUTH_URL ??= env.SITE_URL && !/localhost|127\.0\.0\.1/.test(env.SITE_URL) ? env.SITE_URL : `http://localhost:${port}`;

await run(bin('tsx'), ['scripts/prepare-db.ts']);

const distDir = env.NEXT_DIST_DIR ?? '.next';
const stampFile = path.join(root, distDir, 'source-fingerprint');
const fingerprint = sourceFingerprint();
const isBuilt = existsSync(path.join(root, distDir, 'BUILD_ID')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint;
if (!isBuilt || env.FORCE_BUILD === '1') {
  // The build gets no secret and a database address that answers nothing: any read of data or
  // secret at build time fails it here, rather than baking one database's state into the pages.
  const buildEnv = { ...env, DATABASE_URL: 'postgresql://next-build@127.0.0.1:9/no-database-at-build-time' };
  delete buildEnv.AUTH_SECRET;
  delete buildEnv.NEXTAUTH_SECRET;
  delete buildEnv.SUBSCRIPTION_SECRET;
  await run(bin('next'), ['build'], buildEnv);
  writeFileSync(stampFile, fingerprint);
}

// One server process per core (WEB_CONCURRENCY to choose), all on PORT.
serveWorkers({ root, port, count: workers, env });
