// The server under test, started as `npm start` does (node scripts/start.mjs: prepare-db, build
// when needed, the server workers), in its own process group: the crash test kills the whole group.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** True while any process of the group `pgid` is alive. */
export function isGroupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts scripts/start.mjs with `env` (output appended to `logFile`) and waits until `readyUrl`
 * answers 200. Returns { child, pid, exited } where `exited` resolves with { code, signal }.
 */
export async function startSite({ env, readyUrl, logFile, timeoutMs = 240_000 }) {
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['scripts/start.mjs'], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  let exit = null;
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
  });
  const site = { child, pid: child.pid, exited, startedAt: performance.now() };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit) throw new Error(`scripts/start.mjs exited (${JSON.stringify(exit)}); see ${logFile}`);
    if (Date.now() > deadline) {
      killGroup(site);
      throw new Error(`the site did not answer on ${readyUrl} within ${timeoutMs / 1000} s; see ${logFile}`);
    }
    try {
      const response = await fetch(readyUrl);
      await response.arrayBuffer();
      if (response.ok) return site;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
}

/** SIGKILL to every process of the site's group (start.mjs, its workers, anything they started). */
export function killGroup(site) {
  try {
    process.kill(-site.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Waits until no process of the group is left. */
export async function waitGroupGone(site, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (isGroupAlive(site.pid)) {
    if (Date.now() > deadline) throw new Error(`process group ${site.pid} still alive after ${timeoutMs} ms`);
    await sleep(20);
  }
}
