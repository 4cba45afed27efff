import { db } from '@/lib/db';
import { authorizeAdminRequest } from '@/lib/admin/api-guard';
import { getIpHashSalt } from '@/lib/config';
import { recordPersonalDataExport } from '@/lib/privacy/erasure';
import { streamPersonalDataExport } from '@/lib/privacy/personal-data';
import { subjectInput } from '@/lib/privacy/subject';

/**
 * `POST /api/admin/donnees-personnelles` with the form field `email`: everything the site holds
 * about the address, as a JSON download, streamed. A POST, so the address never sits in a URL
 * (history, logs); recorded in the audit log under the address's keyed hash.
 */
export async function POST(request: Request) {
  const author = await authorizeAdminRequest(request, { isWrite: true });
  if (author instanceof Response) return author;
  const form = await request.formData().catch(() => null);
  const email = form?.get('email');
  const parsed = subjectInput.safeParse({ email: typeof email === 'string' ? email : undefined });
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message ?? 'Adresse invalide.' }, { status: 400 });
  const salt = getIpHashSalt();
  await recordPersonalDataExport(db, parsed.data.email, author.email, salt);
  const name = `donnees-personnelles-${new Date().toISOString().slice(0, 10)}.json`;
  return new Response(streamPersonalDataExport(db, parsed.data.email, salt), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' },
  });
}
