import 'server-only';
import { getAuthor, type Author } from '@/lib/auth';

/**
 * The guard of every admin route handler: 401 JSON without a session; 403 for a write whose
 * Origin is another site (a browser always sends Origin on cross-site writes; scripts send none).
 */
export async function authorizeAdminRequest(request: Request, { isWrite }: { isWrite: boolean }): Promise<Author | Response> {
  if (isWrite && isCrossSite(request)) return Response.json({ error: 'Requête d’un autre site refusée.' }, { status: 403 });
  const author = await getAuthor();
  if (!author) return Response.json({ error: 'Connexion requise.' }, { status: 401 });
  return author;
}

function isCrossSite(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
