// The server under test, started as `npm start` does (node scripts/start.mjs: prepare-db, build
// when needed, the server workers), in its own process group: the crash test kills the whole group.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { waitForAnswer } from '../helpers/wait-for-answer.mjs';

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
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const site = { child, pid: child.pid, exited, startedAt: performance.now() };
  try {
    await waitForAnswer(readyUrl, child, timeoutMs);
  } catch (error) {
    killGroup(site);
    throw new Error(`scripts/start.mjs: ${error.message}; see ${logFile}`);
  }
  return site;
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
