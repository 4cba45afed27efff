// The author's account and session for scripts that drive a running site over HTTP (the load
// tests, the bench): the account made by `npm run admin:set-password`, the session by next-auth's
// credentials sign-in, as the browser form does it.
import { spawnSync } from 'node:child_process';

/** Creates (or resets) the author's account in the database `env.DATABASE_URL` points to. */
export function createAdmin(env, { email, password }) {
  const result = spawnSync('node_modules/.bin/tsx', ['scripts/set-admin-password.ts', email], {
    encoding: 'utf8',
    env: { ...process.env, ...env, ADMIN_PASSWORD: password },
  });
  if (result.status !== 0) throw new Error(`set-admin-password failed: ${result.stderr}`);
}

/** Signs in at `base` (http://host:port); returns the session cookie (`name=value`). */
export async function signIn(base, { email, password }) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  const { csrfToken } = await csrf.json();
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const session = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).find((cookie) => cookie.includes('session-token'));
  if (!session) throw new Error(`sign-in failed on ${base}: ${response.status}`);
  return session;
}
