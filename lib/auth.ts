import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { authOptions } from './auth/options';

export type Author = { email: string };

/** The signed-in author, or null. Reads and checks the signed session cookie on the server. */
export async function getAuthor(): Promise<Author | null> {
  // Only at request time: a page that asks is never rendered by the build (no secret there).
  await connection();
  const session = await getServerSession(authOptions);
  const email = session?.user?.email;
  return email ? { email } : null;
}

/**
 * The guard of every admin page and server action: without a session, to the sign-in page.
 * (Admin route handlers use `getAuthor()` and answer 401 instead.)
 */
export async function requireAuthor(): Promise<Author> {
  const author = await getAuthor();
  if (!author) redirect('/admin/connexion');
  return author;
}
