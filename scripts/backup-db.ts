// npm run db:backup [-- <fichier>]
// Online backup of the database of DATABASE_URL (safe while the server runs), by default into
// backups/<nom>-<horodatage>.db (SQLite) or .dump (PostgreSQL, pg_dump custom format).
import nextEnv from '@next/env';
import { getConfig } from '@/lib/config';
import { backupDatabase, shownPath } from '@/lib/db/backup';

// .env / .env.production, as `npm start` reads them: the same database.
nextEnv.loadEnvConfig(process.cwd(), false);

const [destination] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
try {
  const result = await backupDatabase(getConfig().DATABASE_URL, destination);
  const size = `${(result.bytes / 1024).toFixed(0)} Ko`;
  const detail = result.comments === null ? size : `${size}, ${result.comments} commentaire(s), intégrité vérifiée`;
  console.log(`Sauvegarde écrite : ${shownPath(result.file)} (${detail}).`);
} catch (error) {
  console.error(`Sauvegarde impossible : ${(error as Error).message}`);
  process.exit(1);
}
