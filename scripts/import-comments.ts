// npm run import -- <fichier> [--dry-run] [--map ancien=nouveau]… [--format wxr|disqus|mt|json]
// Imports the comments of a WordPress (WXR), Disqus, Movable Type/TypePad or site export into the
// database of DATABASE_URL, all or nothing. --dry-run shows what would be imported and writes nothing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import nextEnv from '@next/env';
import { getConfig, getIpHashSalt } from '@/lib/config';
import { createPrismaClient } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate-database';
import { IMPORT_FORMATS, type ImportFormat } from '@/lib/import/detect-format';
import { importComments, type ImportReport } from '@/lib/import/import-comments';
import { readFileBytes } from '@/lib/import/source-text';

const USAGE = 'Usage : npm run import -- <fichier> [--dry-run] [--map ancien=nouveau]… [--format wxr|disqus|mt|json]';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

// .env / .env.production, as `npm start` reads them: the same database.
nextEnv.loadEnvConfig(process.cwd(), false);

let args: ReturnType<typeof parseOptions>;
function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, map: { type: 'string', multiple: true, default: [] }, format: { type: 'string' } },
  });
}
try {
  args = parseOptions();
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const [file, ...extra] = args.positionals;
if (!file || extra.length > 0) fail(USAGE);
if (!existsSync(file)) fail(`Fichier introuvable : ${file}`);
const format = args.values.format;
if (format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(format)) fail(`Format inconnu « ${format} » : wxr, disqus, mt ou json.`);
const map = new Map<string, string>();
for (const pair of args.values.map) {
  const at = pair.lastIndexOf('=');
  if (at <= 0 || at === pair.length - 1) fail(`--map ${pair} : attendu ancien=nouveau (slug, adresse ou titre de l’ancien billet = slug de l’article).`);
  map.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
}

/**
 * The salt the running site hashes addresses with: IP_HASH_SALT, else the one `npm start` keeps in
 * data/.ip-hash-salt. Another salt would make imported hashes match nothing the site computes.
 */
function siteIpHashSalt(): string {
  const kept = path.join(process.cwd(), 'data', '.ip-hash-salt');
  if (!getConfig().IP_HASH_SALT && existsSync(kept)) return readFileSync(kept, 'utf8').trim();
  return getIpHashSalt();
}

function printReport(report: ImportReport) {
  const title = report.dryRun ? 'Aperçu (rien n’est écrit)' : 'Import terminé';
  console.log(`${title} — format ${report.format}, source ${report.source}`);
  for (const article of report.articles) {
    const state = article.stateChange === 'close' ? ', commentaires fermés' : article.stateChange === 'restore' ? ', état rétabli' : '';
    console.log(
      `  ${article.slug} : ${article.added} ${report.dryRun ? 'à ajouter' : 'ajouté(s)'}, ${article.existing} déjà là, ${article.replies} réponse(s), ` +
        `${article.held} en attente, ${article.spam} indésirable(s), ${article.skipped} écarté(s)${state}`,
    );
  }
  const { totals } = report;
  console.log(`  Total : ${totals.added} ajouté(s), ${totals.existing} déjà là, ${totals.held} en attente, ${totals.spam} indésirable(s), ${totals.skipped} écarté(s)`);
  for (const article of report.failed) console.error(`  ÉCHEC ${article.slug} : ${article.message}.`);
  if (report.unmatched.length > 0) {
    console.log(`Billets sans article correspondant (rien n’est importé pour eux ; --map ancien=nouveau pour les rattacher) :`);
    for (const post of report.unmatched) console.log(`  ${post.title ?? post.key}${post.url ? ` <${post.url}>` : ''} : ${post.comments} commentaire(s) [${post.key}]`);
  }
}

/** Each article's write purged the HTTP caches in front (CACHE_PURGE_URLS) after its commit, as every write does (lib/write/visible-change.ts). */
function reportPurges(report: ImportReport) {
  const bases = getConfig().CACHE_PURGE_URLS;
  if (bases.length === 0 || report.changed.length === 0) return;
  console.log(`Cache HTTP : les pages de ${report.changed.length} article(s) purgées sur ${bases.length} cache(s).`);
}

const url = getConfig().DATABASE_URL;
await migrateDatabase(url);
const db = createPrismaClient(url);
try {
  const result = await importComments(
    { bytes: readFileBytes(file), format: format as ImportFormat | undefined, dryRun: args.values['dry-run'], map },
    { db, actor: 'console', ipHashSalt: siteIpHashSalt() },
  );
  if (!result.ok) fail(result.message, 1);
  printReport(result.report);
  reportPurges(result.report);
  if (result.report.failed.length > 0) process.exitCode = 1;
} finally {
  await db.$disconnect();
}
