// npm run db:restore -- <sauvegarde> [--force]
// Puts a backup made by `npm run db:backup` in place of the database of DATABASE_URL. Stop the
// server first; an existing database is replaced only with --force (SQLite: kept beside it first).
import nextEnv from '@next/env';
import { getConfig } from '@/lib/config';
import { restoreDatabase, shownPath } from '@/lib/db/backup';

nextEnv.loadEnvConfig(process.cwd(), false);

const args = process.argv.slice(2);
const [source, ...extra] = args.filter((arg) => !arg.startsWith('--'));
// `npm run db:restore x.db --force` (without `--`) gives --force to npm, which passes it on as npm_config_force.
const force = args.includes('--force') || process.env.npm_config_force === 'true';
if (!source || extra.length > 0) {
  console.error('Usage : npm run db:restore -- <sauvegarde> [--force]');
  process.exit(2);
}
try {
  const result = await restoreDatabase(source, getConfig().DATABASE_URL, { force });
  if (result.previousKeptIn) console.log(`Ancienne base gardée dans ${shownPath(result.previousKeptIn)}.`);
  const count = result.comments === null ? '' : ` (${result.comments} commentaire(s))`;
  console.log(`Base restaurée depuis ${source}${count}. Relancez le serveur : npm start.`);
} catch (error) {
  console.error(`Restauration impossible : ${(error as Error).message}`);
  process.exit(1);
}
