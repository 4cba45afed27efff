import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const NEXT_PRIVATE = 'next/dist/… est interne à Next.js : passez par ses interfaces publiques (next, next/cache, next/server…).';
const NEXT_PRIVATE_PATTERN = { regex: '^next/dist(/|$)', message: NEXT_PRIVATE };
// The primitives that end cached pages: only the write path (lib/write/visible-change.ts) uses them,
// so no write can change what readers see without moving its tags and purging the caches in front.
const WRITE_PATH =
  'Une écriture que les lecteurs voient passe par changeVisibly (lib/write/visible-change.ts) : lui seul déplace les tags de cache et purge les caches HTTP.';
const CACHE_PRIMITIVES = { regex: '(^|/)(cache/(tag-versions\\.cjs|purge-proxies|purge-one)|purge-plan)$', message: WRITE_PATH };

const config = [
  ...nextVitals,
  ...nextTypescript,
  // The reader's pages link with plain <a>: each is a static, cached document, and next/link would
  // add a script to every first visit (see app/layout.tsx). The admin keeps next/link.
  {
    files: ['app/layout.tsx', 'app/not-found.tsx', 'app/(site)/**', 'components/articles/**', 'components/comments/**'],
    rules: { '@next/next/no-html-link-for-pages': 'off' },
  },
  // Only Next's public interfaces: its private modules (next/dist/…) change without notice between
  // releases, and the site must keep running on plain `next start`.
  {
    rules: {
      'no-restricted-imports': ['error', { patterns: [NEXT_PRIVATE_PATTERN, CACHE_PRIMITIVES] }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='require'] > Literal.arguments[value=/^next\\/dist(\\/|$)/]", message: NEXT_PRIVATE },
        { selector: "CallExpression[callee.property.name='resolve'] > Literal.arguments[value=/^next\\/dist(\\/|$)/]", message: NEXT_PRIVATE },
        { selector: "ImportExpression > Literal.source[value=/^next\\/dist(\\/|$)/]", message: NEXT_PRIVATE },
      ],
    },
  },
  // The write path itself, the cache layer's own modules (the handler reads the tag versions) and
  // their tests may reach the primitives.
  {
    files: ['lib/write/visible-change.ts', 'lib/cache/**', 'tests/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NEXT_PRIVATE_PATTERN] }] },
  },
  // CommonJS on purpose: modules Next or the scripts load at run time, without compiling them.
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { ignores: ['.next/**', '.next-*/**', 'bench/results/**', 'node_modules/**', 'lib/generated/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
];

export default config;
