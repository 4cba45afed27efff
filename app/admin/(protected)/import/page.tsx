import type { Metadata } from 'next';
import { requireAuthor } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { listAllArticles } from '@/lib/content/articles';
import { firstParam } from '@/lib/http/search-params';
import { previewUpload } from '@/lib/import/admin-import';
import { uploadErrorMessage } from '@/lib/import/form-state';
import { ImportConfirm } from '@/components/admin/import/confirm';
import { ImportUploadForm } from '@/components/admin/import/upload-form';

export const metadata: Metadata = { title: 'Importer des commentaires' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Upload → preview (`?fichier=<token>`, a dry run of the file kept on the server) → import. */
export default async function ImportPage({ searchParams }: Props) {
  await requireAuthor();
  const params = await searchParams;
  const token = firstParam(params.fichier);
  const maxBytes = getConfig().IMPORT_MAX_BYTES;
  const [articles, preview] = await Promise.all([listAllArticles(), token ? previewUpload(token) : null]);
  return (
    <>
      <h1>Importer des commentaires</h1>
      <p>
        Les conversations d’un ancien blog : chaque billet est rattaché à l’article de même slug, adresse ou titre, les commentaires déjà là ne sont pas
        ajoutés deux fois, et aucune notification n’est envoyée.
      </p>
      {token && preview ? <ImportConfirm token={token} preview={preview} articles={articles.map(({ slug, title }) => ({ slug, title }))} /> : null}
      <ImportUploadForm error={uploadErrorMessage(firstParam(params.erreur), maxBytes)} maxBytes={maxBytes} hasPreview={Boolean(token)} />
    </>
  );
}
