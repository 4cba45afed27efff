// Lighthouse (mobile emulation, its default) run by its CLI on the local Chromium, offline.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/chromium.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** The four category scores (0–100) of `url`, or `{ error }` when Lighthouse is missing or fails. */
export async function lighthouseScores(url, outputFile) {
  const cli = path.join(process.cwd(), 'node_modules', '.bin', 'lighthouse');
  if (!existsSync(cli)) return { error: 'lighthouse not installed' };
  const flags = ['--headless=new', ...CHROMIUM_ARGS];
  const args = [url, '--quiet', '--output=json', `--output-path=${outputFile}`, `--only-categories=${CATEGORIES.join(',')}`, `--chrome-flags=${flags.join(' ')}`];
  const env = { ...process.env, CHROME_PATH: CHROMIUM_PATH };
  const code = await new Promise((resolve) => {
    const child = spawn(cli, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      if (exitCode !== 0) console.error(stderr.slice(-2000));
      resolve(exitCode);
    });
  });
  if (code !== 0 || !existsSync(outputFile)) return { error: `lighthouse exited with ${code}` };
  const report = JSON.parse(readFileSync(outputFile, 'utf8'));
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((report.categories[id]?.score ?? 0) * 100)]));
  const audits = report.audits;
  return {
    scores,
    metrics: {
      fcp: audits['first-contentful-paint']?.numericValue,
      lcp: audits['largest-contentful-paint']?.numericValue,
      tbt: audits['total-blocking-time']?.numericValue,
      cls: audits['cumulative-layout-shift']?.numericValue,
    },
    // Lighthouse's own CPU benchmark of the machine: its 4× slowdown assumes a fast desktop.
    benchmarkIndex: report.environment?.benchmarkIndex,
    failed: Object.values(audits)
      .filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode === 'binary')
      .map((audit) => audit.id),
  };
}
