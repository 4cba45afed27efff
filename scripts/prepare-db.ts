// Migrates the database of DATABASE_URL and seeds it when empty. Run by `npm start`, `npm run build`
// and the tests.
import { getConfig } from '@/lib/config';
import { readArticles } from '@/lib/content/load-articles';
import { prepareDatabase } from '@/prisma/prepare';

const { migration, seeded } = await prepareDatabase(getConfig().DATABASE_URL, await readArticles());
if (migration.applied.length > 0) console.log(`Migrations appliquées : ${migration.applied.join(', ')}`);
if (seeded.articlesCreated || seeded.commentsCreated) {
  console.log(`Données initiales : ${seeded.articlesCreated} article(s), ${seeded.commentsCreated} commentaire(s).`);
}
