import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '@/lib/db';
import { getAuthSecret, getConfig } from '@/lib/config';
import { hashIp } from '@/lib/comments/fingerprint';
import { authenticateAuthor } from './authenticate';

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.at(-1) : value;
}

export const authOptions: NextAuthOptions = {
  secret: getAuthSecret(),
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  pages: { signIn: '/admin/connexion', error: '/admin/connexion' },
  providers: [
    CredentialsProvider({
      name: 'Auteur',
      credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Mot de passe', type: 'password' } },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === 'string' ? credentials.email : '';
        const password = typeof credentials?.password === 'string' ? credentials.password : '';
        if (!email || !password) throw new Error('Indiquez votre e-mail et votre mot de passe.');
        const forwarded = headerOf(request?.headers, 'x-forwarded-for');
        const ip = forwarded?.split(',').map((part) => part.trim()).filter(Boolean).at(-1) ?? 'inconnue';
        const result = await authenticateAuthor(db, email, password, hashIp(ip, getConfig().IP_HASH_SALT));
        // next-auth passes the message of a thrown error to the sign-in form.
        if (!result.ok) throw new Error(result.message);
        return { id: result.email, email: result.email, name: 'Auteur' };
      },
    }),
  ],
};
