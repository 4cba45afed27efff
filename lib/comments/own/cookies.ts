import 'server-only';
import { cookies } from 'next/headers';
import { usesSecureCookies } from '@/lib/config';
import { EDIT_MARKER_COOKIE, editSecretCookie, parseEditMarker, serializeEditMarker } from './marker';
import { commentPermalinkPath } from '@/lib/paths';

const articlePath = (slug: string) => `/articles/${slug}`;

/**
 * Hands the posting browser its comment's edit secret (a server action's answer, never a cached
 * page): the secret in an HttpOnly cookie for that comment's own addresses, and the comment added
 * to the article's marker, both for the window's length (see lib/comments/own/marker.ts).
 */
export async function giveEditSecret(slug: string, commentId: number, secret: string, until: Date, now = new Date()): Promise<void> {
  const jar = await cookies();
  const secure = usesSecureCookies();
  const seconds = Math.max(1, Math.floor((until.getTime() - now.getTime()) / 1000));
  jar.set(editSecretCookie(commentId), secret, { httpOnly: true, secure, sameSite: 'strict', path: commentPermalinkPath(slug, commentId), maxAge: seconds });
  const entries = [...parseEditMarker(jar.get(EDIT_MARKER_COOKIE)?.value, now.getTime()).filter((entry) => entry.id !== commentId), { id: commentId, until: until.getTime() }];
  setMarker(jar, slug, parseEditMarker(serializeEditMarker(entries), now.getTime()), now, secure);
}

/** The edit secret the browser sent for this comment, if any (only its own addresses receive it). */
export async function readEditSecret(commentId: number): Promise<string | undefined> {
  return (await cookies()).get(editSecretCookie(commentId))?.value;
}

/** After a deletion: the secret and the marker's entry go. */
export async function forgetEditSecret(slug: string, commentId: number, now = new Date()): Promise<void> {
  const jar = await cookies();
  const secure = usesSecureCookies();
  jar.set(editSecretCookie(commentId), '', { httpOnly: true, secure, sameSite: 'strict', path: commentPermalinkPath(slug, commentId), maxAge: 0 });
  setMarker(jar, slug, parseEditMarker(jar.get(EDIT_MARKER_COOKIE)?.value, now.getTime()).filter((entry) => entry.id !== commentId), now, secure);
}

type Jar = Awaited<ReturnType<typeof cookies>>;

function setMarker(jar: Jar, slug: string, entries: { id: number; until: number }[], now: Date, secure: boolean) {
  const lastUntil = Math.max(0, ...entries.map((entry) => entry.until));
  const seconds = Math.floor((lastUntil - now.getTime()) / 1000);
  jar.set(EDIT_MARKER_COOKIE, entries.length > 0 ? serializeEditMarker(entries) : '', {
    httpOnly: false,
    secure,
    sameSite: 'lax',
    path: articlePath(slug),
    maxAge: entries.length > 0 ? Math.max(1, seconds) : 0,
  });
}
