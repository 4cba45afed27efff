import { authorizeAdminRequest } from '@/lib/admin/api-guard';
import { receiveUpload } from '@/lib/import/uploads';

/** A form's answer: the page to show next (303: the browser follows it with a GET). */
function seeOther(location: string, isRefused = false) {
  // A refused upload may still be arriving: the connection is closed rather than read to its end.
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store', ...(isRefused ? { Connection: 'close' } : {}) } });
}

/**
 * `POST` of the import page's form (multipart/form-data: `fichier`, `format`): the file is streamed
 * to a private temporary file, then the author is sent to its preview, `/admin/import?fichier=<token>`.
 * A route handler rather than a server action, which would read the whole body into memory
 * (serverActions.bodySizeLimit); proxy.ts never matches this path, so Next does not buffer it either.
 */
export async function POST(request: Request) {
  const author = await authorizeAdminRequest(request, { isWrite: true });
  if (author instanceof Response) return author.status === 401 ? seeOther('/admin/connexion', true) : author;
  const upload = await receiveUpload(request);
  return upload.ok ? seeOther(`/admin/import?fichier=${upload.token}`) : seeOther(`/admin/import?erreur=${upload.error}`, true);
}
