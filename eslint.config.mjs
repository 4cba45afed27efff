import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTypescript,
  { ignores: ['.next/**', '.next-*/**', 'bench/results/**', 'node_modules/**', 'lib/generated/**', 'lib/cache/*.cjs', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
];

export default config;
