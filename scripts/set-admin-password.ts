// npm run admin:set-password -- auteur@exemple.fr
// Sets (or changes) the author's password and ends every session opened before. The password is read
// from ADMIN_PASSWORD, or asked for without echo on a terminal, or read as the first line of piped stdin.
import { createInterface } from 'node:readline';
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

/** Reads what is typed up to Enter, in raw mode so the terminal does not display it. */
async function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  process.stdout.write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve) => {
    let typed: string[] = [];
    const finish = (answer: string | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stdout.write('\n');
      if (answer === null) process.exit(130);
      resolve(answer);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(typed.join(''));
        if (char === '\u0003') return finish(null);
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed.push(char);
      }
    };
    input.on('data', onData);
  });
}

/** The first line of piped stdin (a script's), or an empty string. */
async function readFirstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) return line;
  return '';
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (!process.stdin.isTTY) return readFirstLine();
  const password = await askHidden('Mot de passe (12 caractères au moins, non affiché) : ');
  // Nothing is displayed: a typing error would otherwise go unnoticed.
  if (password.length >= 12 && (await askHidden('Confirmez le mot de passe : ')) !== password) {
    console.error('Les deux saisies diffèrent : mot de passe inchangé.');
    process.exit(2);
  }
  return password;
}

const password = await readPassword();
if (password.length < 12) {
  console.error('Mot de passe trop court : 12 caractères au moins.');
  process.exit(2);
}

const url = getConfig().DATABASE_URL;
await migrateDatabase(url);
const db = createPrismaClient(url);
const passwordHash = await hashPassword(password);
// The new version in the same write as the hash: no session of the old password outlives it.
await db.adminUser.upsert({
  where: { email: email.data },
  create: { email: email.data, passwordHash },
  update: { passwordHash, sessionVersion: { increment: 1 } },
});
await db.auditLog.create({ data: { actor: 'console', action: 'password.set', target: email.data } });
await db.$disconnect();
console.log(`Mot de passe enregistré pour ${email.data} ; toute session ouverte avant est fermée. Connexion : /admin/connexion`);
