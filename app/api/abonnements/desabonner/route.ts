import { db } from '@/lib/db';
import { unsubscribe } from '@/lib/subscriptions/service';

/**
 * RFC 8058 one-click unsubscribe: the mail client POSTs `List-Unsubscribe=One-Click` to the
 * address of the List-Unsubscribe header; the token in it is the only credential.
 */
export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get('jeton') ?? '';
  if (!(await unsubscribe(db, token))) return Response.json({ error: 'Lien de désabonnement inconnu.' }, { status: 404 });
  return Response.json({ message: 'Désabonnement enregistré.' });
}
