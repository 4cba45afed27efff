import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '@/lib/db';
import { getAuthSecret, getIpHashSalt } from '@/lib/config';
import { clientAddressFrom } from '@/lib/client-ip';
import { hashIp } from '@/lib/fingerprint';
import { authenticateAuthor } from './authenticate';
import { currentSessionVersion } from './session-version';

declare module 'next-auth' {
  interface Session {
    /** The account's session version when this session signed in (lib/auth/session-version.ts). */
    sessionVersion?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    sessionVersion?: number;
  }
}

/** next-auth hands `authorize` the request headers as a plain object. */
function headersOf(raw: unknown): Headers {
  const headers = new Headers();
  if (raw && typeof raw === 'object') {
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) headers.set(name, value.join(', '));
    }
  }
  return headers;
}

export const authOptions: NextAuthOptions = {
  // Read when a request needs it, not when the module loads: `next build` has no secret.
  get secret() {
    return getAuthSecret();
  },
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
        const ip = clientAddressFrom(headersOf(request?.headers));
        const result = await authenticateAuthor(db, email, password, hashIp(ip, getIpHashSalt()));
        // next-auth passes the message of a thrown error to the sign-in form.
        if (!result.ok) throw new Error(result.message);
        return { id: result.email, email: result.email, name: 'Auteur' };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      // Only at sign-in: later requests keep the version the session was issued under.
      if (user?.email) {
        const version = await currentSessionVersion(db, user.email);
        return { ...token, email: user.email, sessionVersion: version ?? undefined };
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, sessionVersion: token.sessionVersion };
    },
  },
};
