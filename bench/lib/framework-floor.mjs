// The framework's floor: the smallest App Router page (a heading and a paragraph, no client
// component), built by the site's own Next and React and measured by the same Lighthouse, so the
// report tells what React and the router cost a reader's page before any of the site's code.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitForAnswer } from '../../tests/helpers/wait-for-answer.mjs';
import { stopTree } from './processes.mjs';

const FILES = {
  'app/layout.jsx': 'export default function RootLayout({ children }) {\n  return (\n    <html lang="fr">\n      <body>{children}</body>\n    </html>\n  );\n}\n',
  'app/page.jsx':
    'export default function Page() {\n  return (\n    <main>\n      <h1>Marketing 2.0</h1>\n      <p>Une page de l’App Router sans composant client : React et le routeur seuls.</p>\n    </main>\n  );\n}\n',
  // The site's node_modules is linked in from outside this folder: Turbopack must be allowed to read it.
  'next.config.mjs': "export default { turbopack: { root: '/' }, poweredByHeader: false };\n",
  'package.json': '{ "private": true, "type": "module" }\n',
};

/**
 * Builds the floor page in a folder of its own and serves it with `next start` on `port`.
 * Returns its URL and `stop()`, or throws with the build's output.
 */
export async function startFrameworkFloor(port) {
  const dir = mkdtempSync(path.join(tmpdir(), 'm20-framework-floor-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  symlinkSync(path.join(process.cwd(), 'node_modules'), path.join(dir, 'node_modules'));
  const next = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  delete env.NEXT_DIST_DIR;
  const build = spawnSync(process.execPath, [next, 'build'], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
  if (build.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the framework floor did not build:\n${(build.stdout + build.stderr).slice(-2000)}`);
  }
  const child = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, env, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    await stopTree(child.pid);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForAnswer(url, child, 30_000);
  } catch (error) {
    await stop();
    throw new Error(`the framework floor: ${error.message}`);
  }
  return { url, stop };
}
