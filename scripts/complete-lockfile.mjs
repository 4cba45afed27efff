// Adds to package-lock.json the platform packages this machine's registry does not serve
// (macOS, Windows, Android… builds of @next/swc and unrs-resolver). npm writes no entry for a
// package it cannot fetch, and `npm ci` then refuses the lockfile as out of sync. Each entry added
// is an optional dependency that npm skips where it does not apply. Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location}/node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[hoisted]) continue;
    const version = /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range) ? range : range.replace(/^[\^~=]/, '');
    lock.packages[hoisted] = { version, optional: true };
    added += 1;
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${added} entrée(s) ajoutée(s) à ${file}.`);
