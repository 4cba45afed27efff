import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { E2E_SERVER_ENV } from '../server-settings';

export type ExtraServer = { url: string; stop: () => Promise<void> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `npm start` (scripts/start.mjs) on `port`, on the e2e server's build and database, with `env`
 * over the e2e settings: one worker, so a per-process limit is the server's. Resolves when the
 * home page answers; `stop` sends SIGTERM to its process group and waits for it.
 */
export async function startExtraServer(port: number, env: Record<string, string | undefined>, logFile: string): Promise<ExtraServer> {
  const url = `http://127.0.0.1:${port}`;
  // No e-mail from these servers: the notification tests count the e2e server's.
  const merged: NodeJS.ProcessEnv = { ...process.env, ...E2E_SERVER_ENV, PORT: String(port), NEXTAUTH_URL: url, WEB_CONCURRENCY: '1', SMTP_URL: undefined };
  for (const [name, value] of Object.entries(env)) {
    merged[name] = value;
  }
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const log = openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], { env: merged, stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => {
    exited = true;
  });
  const stop = async () => {
    if (!exited && child.pid) process.kill(-child.pid, 'SIGTERM');
    await gone;
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`scripts/start.mjs on port ${port} exited; see ${logFile}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`no answer on ${url} within 120 s; see ${logFile}`);
    }
    try {
      const response = await fetch(`${url}/`);
      await response.arrayBuffer();
      if (response.ok) return { url, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
}
