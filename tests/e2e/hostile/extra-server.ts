import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { waitForAnswer } from '../../helpers/wait-for-answer.mjs';
import { E2E_SERVER_ENV } from '../server-settings';

export type ExtraServer = { url: string; pid: number; stop: () => Promise<void>; exited: Promise<void> };

/**
 * One production server process (scripts/next-server.mjs, what each worker of `npm start` runs) on
 * `port`, on the e2e server's build and database, which that server prepared: it never builds.
 * `env` goes over the e2e settings. Resolves when the home page answers; `stop` sends SIGTERM.
 */
export async function startExtraServer(port: number, env: Record<string, string | undefined>, logFile: string): Promise<ExtraServer> {
  const url = `http://127.0.0.1:${port}`;
  // No e-mail from these servers: the notification tests count the e2e server's.
  const merged: NodeJS.ProcessEnv = { ...process.env, ...E2E_SERVER_ENV, NODE_ENV: 'production', PORT: String(port), NEXTAUTH_URL: url, SMTP_URL: undefined };
  for (const [name, value] of Object.entries(env)) {
    merged[name] = value;
  }
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const log = openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, ['scripts/next-server.mjs'], { env: merged, stdio: ['ignore', log, log] });
  closeSync(log);
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => {
    exited = true;
  });
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    await gone;
  };
  try {
    await waitForAnswer(`${url}/`, child, 120_000);
  } catch (error) {
    await stop();
    throw new Error(`scripts/next-server.mjs: ${(error as Error).message}; see ${logFile}`);
  }
  return { url, pid: child.pid ?? 0, stop, exited: gone };
}
