// Several server processes (scripts/next-server.mjs: Next's production server with its time-outs
// and limits) that share one port (Node's cluster module: this process accepts the connections and
// hands them to the workers in turn). A Next.js server handles its requests on one thread; one
// worker per core lets a multi-core machine serve and accept comments on all of them. They share
// nothing in memory: rate limits, sessions, settings and the cache's tag versions are in the
// database (lib/cache/cache-handler.cjs).
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import path from 'node:path';

/** More workers than this by default would cost memory for little: set WEB_CONCURRENCY. */
const DEFAULT_MAX_WORKERS = 4;
/** WORKER_HEAP_MB's default: V8 collects before its heap outgrows what a 1 GB machine can give. */
const DEFAULT_WORKER_HEAP_MB = 192;
/** V8's young generation per half: its default (16 MB) stays resident whatever the load. */
const SEMI_SPACE_MB = 4;
/** glibc's malloc arenas: one per thread by default, each keeping its freed memory. */
const DEFAULT_MALLOC_ARENAS = '2';
/** A worker that ended on its own is replaced, unless workers keep dying (a bug, not an accident). */
const MAX_RESTARTS_PER_MINUTE = 5;
/** Stopping: the workers finish the requests in flight; one that never ends is killed after this. */
const STOP_GRACE_MS = 30_000;

/**
 * A count read from the environment: `fallback` when unset, else an integer of 1 or more, or the
 * server does not start (a French message names the variable).
 */
export function countSetting(name, setting, fallback, unit) {
  if (setting === undefined || setting === '') return fallback;
  const count = Number(setting);
  if (!Number.isInteger(count) || count < 1) {
    console.error(`${name} : nombre entier de ${unit} attendu (1 ou plus), reçu « ${setting} ».`);
    process.exit(1);
  }
  return count;
}

/** WEB_CONCURRENCY (the usual name for it), or one worker per core up to DEFAULT_MAX_WORKERS. */
export function workerCount(setting) {
  return countSetting('WEB_CONCURRENCY', setting, Math.min(availableParallelism(), DEFAULT_MAX_WORKERS), 'processus');
}

/**
 * What each worker runs with: the V8 heap limit (WORKER_HEAP_MB), a small young generation and
 * few malloc arenas, so a worker's memory follows its live data (docs/exploitation.md, mémoire).
 */
export function workerMemory(env) {
  const heapMb = countSetting('WORKER_HEAP_MB', env.WORKER_HEAP_MB, DEFAULT_WORKER_HEAP_MB, 'Mo');
  return {
    execArgv: [...process.execArgv, `--max-old-space-size=${heapMb}`, `--max-semi-space-size=${SEMI_SPACE_MB}`],
    env: { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || DEFAULT_MALLOC_ARENAS },
  };
}

/**
 * Runs `count` workers of scripts/next-server.mjs on `port` in `root` with `env`, replaces one that dies,
 * and on SIGINT or SIGTERM stops them all and exits: 0 when every worker stopped cleanly.
 */
export function serveWorkers({ root, port, count, env }) {
  const memory = workerMemory(env);
  cluster.setupPrimary({ exec: path.join(root, 'scripts', 'next-server.mjs'), cwd: root, execArgv: memory.execArgv });
  const listening = new WeakSet();
  const restarts = [];
  let stopSignal = null;
  let exitCode = 0;

  const start = () => cluster.fork({ ...env, ...memory.env, PORT: String(port) });
  cluster.on('listening', (worker) => listening.add(worker));
  cluster.on('exit', (worker, code, signal) => {
    if (stopSignal) {
      if (code !== 0) exitCode = code || 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts[0] < now - 60_000) restarts.shift();
    // Never listened (port taken, bad settings): a new one would fail the same way.
    if (!listening.has(worker) || restarts.length > MAX_RESTARTS_PER_MINUTE) {
      console.error(`Un processus serveur s'est arrêté (${signal ?? `code ${code}`}) : arrêt du site.`);
      stop('SIGTERM', code || 1);
      return;
    }
    console.error(`Un processus serveur s'est arrêté (${signal ?? `code ${code}`}) : remplacé.`);
    start();
  });

  function stop(signal, code = 0) {
    if (!stopSignal) {
      stopSignal = signal;
      exitCode = code;
      setTimeout(() => {
        console.error(`Arrêt : requêtes toujours en cours après ${STOP_GRACE_MS / 1000} s, arrêt forcé.`);
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      }, STOP_GRACE_MS).unref();
    }
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(exitCode);
    for (const worker of workers) worker?.process.kill(signal);
  }
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));

  for (let index = 0; index < count; index++) start();
}
