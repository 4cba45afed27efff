// Next's configuration in plain JavaScript: a production server worker reads it without compiling
// TypeScript, so it never loads SWC's native module. Building and `next dev` load the rest
// (headers, redirects, the book file's check) from next.build-config.ts through tsx.
import { PHASE_PRODUCTION_SERVER } from 'next/constants.js';
import { runtimeConfig } from './lib/next-runtime-config.mjs';

/** @param {string} phase */
export default async function config(phase) {
  // At run time the headers and redirects are read from the build's routes manifest.
  if (phase === PHASE_PRODUCTION_SERVER) return runtimeConfig;
  const { tsImport } = await import('tsx/esm/api');
  const { buildConfig } = await tsImport('./next.build-config.ts', import.meta.url);
  return buildConfig();
}
