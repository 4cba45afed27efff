import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { db } from './db';
import { authOptions } from './auth/options';
import { isSessionCurrent } from './auth/session-version';

export type Author = { email: string };

/**
 * The signed-in author, or null. Reads and checks the signed session cookie on the server, then that
 * the account still exists and its password has not been set since the session began.
 */
export async function getAuthor(): Promise<Author | null> {
  // Only at request time: a page that asks is never rendered by the build (no secret there).
  await connection();
  const session = await getServerSession(authOptions);
  const email = session?.user?.email;
  if (!email) return null;
  // A signed cookie stays valid until it expires: the database says whether its session was revoked.
  return (await isSessionCurrent(db, email, session.sessionVersion)) ? { email } : null;
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
