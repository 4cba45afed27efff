// The site under test, started exactly as in production: `node scripts/start.mjs` (migrate + seed,
// `next build`, the server workers) on a fresh database and build folder. The build is timed from its
// output: from `next build`'s banner to the first worker's ready line (scripts/next-server.mjs).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { waitForAnswer } from '../../tests/helpers/wait-for-answer.mjs';
import { stopTree } from './processes.mjs';

const root = process.cwd();
const BUILD_BANNER = /▲ Next\.js/;
const READY_LINE = /Prêt : http/;

/** Deletes the database (and its WAL files) and the build folder, so every run starts the same. */
export function resetState({ databaseFile, distDir, tmpDir }) {
  mkdirSync(tmpDir, { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${databaseFile}${suffix}`, { force: true });
  rmSync(path.join(root, distDir), { recursive: true, force: true });
}

/**
 * Runs scripts/start.mjs with `settings` added to the environment and waits until `url` answers.
 * Returns the process, the build's duration (ms) and the build's output.
 */
export async function startSite(settings, url, logFile, timeoutMs = 300_000) {
  const log = createWriteStream(logFile);
  const env = { ...process.env, ...settings, FORCE_BUILD: '1', NEXT_TELEMETRY_DISABLED: '1' };
  const child = spawn(process.execPath, ['scripts/start.mjs'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const banners = [];
  const lines = [];
  let pending = '';
  const onData = (chunk) => {
    log.write(chunk);
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (BUILD_BANNER.test(line) || READY_LINE.test(line)) banners.push({ at: performance.now(), index: lines.length - 1 });
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  try {
    await waitForAnswer(url, child, timeoutMs);
  } catch (error) {
    await stopTree(child.pid);
    throw new Error(`scripts/start.mjs: ${error.message}; see ${logFile}:\n${lines.slice(-30).join('\n')}`);
  }
  const [buildBanner, startBanner] = banners; // the build's banner, then the first ready line
  const buildMs = buildBanner && startBanner ? startBanner.at - buildBanner.at : NaN;
  const buildOutput = buildBanner ? lines.slice(buildBanner.index, startBanner?.index).join('\n') : '';
  return { child, buildMs, buildOutput };
}
