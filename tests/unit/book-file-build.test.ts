import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const LINKED = ['app', 'components', 'lib', 'public', 'node_modules', 'prisma', 'scripts', 'instrumentation.ts', 'proxy.ts'];
const COPIED = ['package.json', 'tsconfig.json', 'next.config.mjs', 'next.build-config.ts', 'eslint.config.mjs'];

let project: string;

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NEXT_DIST_DIR: '.next-book-check', NEXT_TELEMETRY_DISABLED: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

// The real `next build`, on a copy of the project whose book file has a wrong ISBN: next.build-config.ts
// checks content/livre.md before compiling anything.
describe('next build with a malformed content/livre.md', () => {
  beforeAll(() => {
    project = mkdtempSync(path.join(os.tmpdir(), 'book-file-build-'));
    for (const name of LINKED) if (existsSync(path.join(root, name))) symlinkSync(path.join(root, name), path.join(project, name));
    for (const name of COPIED) copyFileSync(path.join(root, name), path.join(project, name));
    cpSync(path.join(root, 'content'), path.join(project, 'content'), { recursive: true });
    const shipped = readFileSync(path.join(root, 'content/livre.md'), 'utf8');
    writeFileSync(path.join(project, 'content/livre.md'), shipped.replace(/^isbn:.*$/m, 'isbn: 978-0-306-40615-8'));
  });

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('stops before compiling, with the French message naming the line and the field', async () => {
    const isbnLine = readFileSync(path.join(project, 'content/livre.md'), 'utf8').split('\n').findIndex((line) => line.startsWith('isbn:')) + 1;
    const { code, output } = await run(path.join(root, 'node_modules/.bin/next'), ['build'], project);
    expect(code).not.toBe(0);
    expect(output).toContain(`content/livre.md, ligne ${isbnLine} (isbn) : ISBN-13 invalide : le chiffre de contrôle devrait être 7, pas 8.`);
    expect(output).not.toMatch(/Compiled successfully/);
    expect(existsSync(path.join(project, '.next-book-check', 'BUILD_ID'))).toBe(false);
  }, 180_000);
});
