// npm run admin:delete-account -- auteur@exemple.fr
// Deletes the author's account. Its open sessions end with it: getAuthor() finds no account for them.
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { createPrismaClient } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate-database';

const email = z.email().safeParse(process.argv[2]?.trim().toLowerCase());
if (!email.success) {
  console.error('Usage : npm run admin:delete-account -- auteur@exemple.fr');
  process.exit(2);
}

const url = getConfig().DATABASE_URL;
await migrateDatabase(url);
const db = createPrismaClient(url);
const isDeleted = await db.$transaction(async (tx) => {
  const { count } = await tx.adminUser.deleteMany({ where: { email: email.data } });
  if (count > 0) await tx.auditLog.create({ data: { actor: 'console', action: 'account.delete', target: email.data } });
  return count > 0;
});
await db.$disconnect();
if (!isDeleted) {
  console.error(`Aucun compte pour ${email.data}.`);
  process.exit(1);
}
console.log(`Compte ${email.data} supprimé ; ses sessions ouvertes sont fermées.`);
