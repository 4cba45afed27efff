import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README's settings table against the code: every environment variable the site's code reads
// is listed once, and nothing else. Then every relative link of the README and docs/ leads to a file.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/**
 * The site's code: what `npm start`, the server and the admin's commands run. tests/ and bench/
 * are not the site (their own variables are in docs/tests.md and docs/mesurer.md), nor are the
 * configurations of the test runners at the root.
 */
const SOURCE_FOLDERS = ['lib', 'app', 'components', 'scripts', 'prisma', 'deploy'];
const SKIPPED = new Set(['lib/generated', 'playwright.config.ts', 'vitest.config.ts']);
const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;

/**
 * Read by the code, but set by the tools around it, never by the person who runs the site: not
 * settings, so not in the table.
 */
const SET_BY_TOOLS: Record<string, string> = {
  NEXT_PHASE: 'set by Next (phase-production-build during `next build`)',
  NEXT_RUNTIME: 'set by Next (nodejs or edge)',
  PATH: 'the system’s search path, where lib/db/postgres-backup.ts looks for pg_dump and pg_restore',
  npm_config_force: 'set by npm when `npm run db:restore <file> --force` is typed without `--`',
};

/**
 * The files that take process.env whole, and how their reads are found. A new one fails the test
 * until it is added here, with a way to find what it reads.
 *  - schema: lib/config.ts validates the environment with a zod object whose keys are the names;
 *  - copy: a copy of process.env named `env`, read as `env.NAME` (found by ENV_COPY_READ below);
 *  - passed on: handed whole to a child process, nothing read here.
 */
const WHOLE_ENVIRONMENT: Record<string, 'schema' | 'copy' | 'passed on'> = {
  'lib/config.ts': 'schema',
  'scripts/start.mjs': 'copy',
  'lib/db/postgres-backup.ts': 'copy',
  'scripts/prisma-generate.mjs': 'passed on',
};

const DOT_READ = /process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g;
const BRACKET_READ = /process\.env\[\s*(['"`])([A-Za-z_][A-Za-z0-9_]*)\1\s*\]/g;
const COMPUTED_READ = /process\.env\[(?!\s*(['"`])[A-Za-z_][A-Za-z0-9_]*\1\s*\])/g;
const WHOLE_READ = /process\.env(?![.[\w])/g;
/** `env.NAME` (or `connection.env.NAME`) on a copy of process.env, unless it is assigned (`=`, not `==` or `??=`). */
const ENV_COPY_READ = /\benv\.([A-Z][A-Z0-9_]*)\b(?!\s*=(?!=))/g;
/** A key of the environment schema: `  NAME: z…`, at the object's first level. */
const SCHEMA_KEY = /^ {2}([A-Z][A-Z0-9_]*):\s/gm;

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
      const file = path.posix.join(folder, entry.name);
      if (SKIPPED.has(file) || entry.name === 'node_modules') continue;
      if (entry.isDirectory()) walk(file);
      else if (SOURCE_FILE.test(entry.name)) files.push(file);
    }
  };
  for (const folder of SOURCE_FOLDERS) walk(folder);
  for (const entry of readdirSync(ROOT, { withFileTypes: true })) {
    if (entry.isFile() && SOURCE_FILE.test(entry.name) && !SKIPPED.has(entry.name)) files.push(entry.name);
  }
  return files.sort();
}

type Scan = { names: Map<string, string[]>; problems: string[] };

/** Every variable name the site's code reads, with the files that read it, and what the scan could not follow. */
function scanCode(): Scan {
  const names = new Map<string, string[]>();
  const problems: string[] = [];
  const found = (name: string, file: string) => names.set(name, [...new Set([...(names.get(name) ?? []), file])]);
  for (const file of sourceFiles()) {
    const text = read(file);
    for (const match of text.matchAll(DOT_READ)) found(match[1]!, file);
    for (const match of text.matchAll(BRACKET_READ)) found(match[2]!, file);
    for (const match of text.matchAll(ENV_COPY_READ)) found(match[1]!, file);
    if (COMPUTED_READ.test(text)) problems.push(`${file}: process.env[…] with a computed name`);
    COMPUTED_READ.lastIndex = 0;
    if (WHOLE_READ.test(text)) {
      const way = WHOLE_ENVIRONMENT[file];
      if (!way) problems.push(`${file}: takes process.env whole; add it to WHOLE_ENVIRONMENT with the way its reads are found`);
      if (way === 'schema') for (const match of text.matchAll(SCHEMA_KEY)) found(match[1]!, file);
    }
    WHOLE_READ.lastIndex = 0;
  }
  for (const [file, way] of Object.entries(WHOLE_ENVIRONMENT)) {
    if (!existsSync(path.join(ROOT, file)) || !WHOLE_READ.test(read(file))) problems.push(`${file}: listed in WHOLE_ENVIRONMENT (${way}) but no longer takes process.env whole`);
    WHOLE_READ.lastIndex = 0;
  }
  return { names, problems };
}

/** The lines of a Markdown section, from its `## title` to the next `## `. */
function section(markdown: string, title: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  if (start < 0) return [];
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

type Table = { header: string | undefined; names: string[]; badRows: string[] };

/** The settings table of the README: one variable per row, its name alone in backticks in the first cell. */
function settingsTable(): Table {
  const rows = section(read('README.md'), 'Réglages').filter((line) => line.startsWith('|'));
  const [header, separator, ...body] = rows;
  const badRows: string[] = [];
  const names: string[] = [];
  if (!separator || !/^\|(\s*-+\s*\|)+$/.test(separator.replace(/:/g, ''))) badRows.push(`separator: ${separator}`);
  for (const row of body) {
    const firstCell = row.split('|')[1]?.trim() ?? '';
    const name = /^`([A-Za-z_][A-Za-z0-9_]*)`$/.exec(firstCell)?.[1];
    if (name) names.push(name);
    else badRows.push(row);
  }
  return { header, names, badRows };
}

describe('the README’s settings table', () => {
  const table = settingsTable();
  const code = scanCode();
  const settings = [...code.names.keys()].filter((name) => !(name in SET_BY_TOOLS));

  it('is a table « Variable | Défaut | Effet » under « ## Réglages », one variable name per row', () => {
    expect(table.header?.replace(/\s+/g, ' ')).toBe('| Variable | Défaut | Effet |');
    expect(table.badRows).toEqual([]);
    expect(table.names.length).toBeGreaterThan(0);
  });

  it('lists each variable once', () => {
    const repeated = table.names.filter((name, index) => table.names.indexOf(name) !== index);
    expect(repeated).toEqual([]);
  });

  it('follows every read of the environment in the code', () => {
    expect(code.problems).toEqual([]);
  });

  it('lists every variable the code reads', () => {
    const missing = settings.filter((name) => !table.names.includes(name)).map((name) => `${name} (${code.names.get(name)!.join(', ')})`);
    expect(missing, 'read by the code, missing from the README’s table').toEqual([]);
  });

  it('lists only variables the code reads', () => {
    const unread = table.names.filter((name) => !settings.includes(name));
    expect(unread, 'in the README’s table, read nowhere in the code (or set by the tools)').toEqual([]);
  });
});

const LINK = /\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;

function documents(): string[] {
  return ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
}

describe('the documentation', () => {
  it('has a README of 150 lines at most and docs/ files under 200 lines each', () => {
    const lineCount = (file: string) => read(file).replace(/\n$/, '').split('\n').length;
    const tooLong = documents()
      .map((file) => ({ file, lines: lineCount(file), limit: file === 'README.md' ? 150 : 199 }))
      .filter(({ lines, limit }) => lines > limit)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(tooLong).toEqual([]);
  });

  it('links only to files that exist', () => {
    const broken: string[] = [];
    for (const file of documents()) {
      // Links in code blocks are examples, not links.
      const text = read(file).replace(/^```[\s\S]*?^```/gm, '');
      for (const match of text.matchAll(LINK)) {
        const target = match[1]!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(target.split('#')[0]!)));
        if (resolved.startsWith('..') || !existsSync(path.join(ROOT, resolved))) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
