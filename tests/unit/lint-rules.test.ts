import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint keeps our code on Next's public interfaces: each way of reaching next/dist fails it.
// The snippets are linted as text, never run; the private paths are put together here so that no
// line of this file names one.
const PRIVATE = (module: string) => ['next', 'dist', module].join('/');
const FILE_SYSTEM_CACHE = PRIVATE('server/lib/incremental-cache/file-system-cache');

describe('the lint rule against Next.js internals', () => {
  const eslint = new ESLint();
  const errorsOf = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((message) => message.message.includes('next/dist')).length;
  };

  it.each([
    [`import FileSystemCache from '${FILE_SYSTEM_CACHE}';`, 'lib/a.ts'],
    [`export { tagsManifest } from '${PRIVATE('server/lib/incremental-cache/tags-manifest.external')}';`, 'lib/b.ts'],
    [`const m = await import('${PRIVATE('server/lib/router-utils/instrumentation-globals.external')}');`, 'scripts/c.mjs'],
    [`const x = require('${FILE_SYSTEM_CACHE}');`, 'lib/cache/d.cjs'],
    [`const p = require.resolve('${PRIVATE('bin/next')}');`, 'scripts/e.cjs'],
  ])('fails %s', async (code, file) => {
    expect(await errorsOf(code, file)).toBe(1);
  });

  it('lets the public entry points through', async () => {
    expect(await errorsOf("import { revalidateTag } from 'next/cache';\nimport next from 'next';\nexport { revalidateTag, next };", 'lib/f.ts')).toBe(0);
  });
});
