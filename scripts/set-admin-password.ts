// npm run admin:set-password -- auteur@exemple.fr
// Sets (or changes) the author's password. The password is read from ADMIN_PASSWORD, or asked for.
import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { createPrismaClient } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate-database';
import { hashPassword } from '@/lib/auth/password';

const email = z.email().safeParse(process.argv[2]?.trim().toLowerCase());
if (!email.success) {
  console.error('Usage : npm run admin:set-password -- auteur@exemple.fr');
  process.exit(2);
}

let password = process.env.ADMIN_PASSWORD;
if (!password) {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  password = await prompt.question('Mot de passe (12 caractères au moins) : ');
  prompt.close();
}
if (password.length < 12) {
  console.error('Mot de passe trop court : 12 caractères au moins.');
  process.exit(2);
}

const url = getConfig().DATABASE_URL;
await migrateDatabase(url);
const db = createPrismaClient(url);
const passwordHash = await hashPassword(password);
await db.adminUser.upsert({ where: { email: email.data }, create: { email: email.data, passwordHash }, update: { passwordHash } });
await db.auditLog.create({ data: { actor: 'console', action: 'password.set', target: email.data } });
await db.$disconnect();
console.log(`Mot de passe enregistré pour ${email.data}. Connexion : /admin/connexion`);
