import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTypescript,
  // The reader's pages link with plain <a>: each is a static, cached document, and next/link would
  // add a script to every first visit (see app/layout.tsx). The admin keeps next/link.
  {
    files: ['app/layout.tsx', 'app/not-found.tsx', 'app/(site)/**', 'components/articles/**', 'components/comments/**'],
    rules: { '@next/next/no-html-link-for-pages': 'off' },
  },
  // CommonJS on purpose: modules Next or the scripts load at run time, without compiling them.
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { ignores: ['.next/**', '.next-*/**', 'bench/results/**', 'node_modules/**', 'lib/generated/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
];

export default config;
