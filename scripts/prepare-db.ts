// Migrates the database of DATABASE_URL and seeds it when empty. Run by `npm start`, `npm run build`
// and the tests.
import { getConfig } from '@/lib/config';
import { createPrismaClient } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate-database';
import { readArticles } from '@/lib/content/load-articles';
import { seed } from '@/prisma/seed';

const url = getConfig().DATABASE_URL;
const migration = await migrateDatabase(url);
if (migration.applied.length > 0) console.log(`Migrations appliquées : ${migration.applied.join(', ')}`);
const db = createPrismaClient(url);
try {
  const seeded = await seed(db, await readArticles());
  if (seeded.articlesCreated || seeded.commentsCreated) {
    console.log(`Données initiales : ${seeded.articlesCreated} article(s), ${seeded.commentsCreated} commentaire(s).`);
  }
} finally {
  await db.$disconnect();
}
