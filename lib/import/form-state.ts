import type { ImportReport } from './import-comments';
import type { UploadError } from './uploads';

/** What the import page shows of a report: the counts, not the ids of the pages it changed. */
export type ImportSummary = Omit<ImportReport, 'changed'>;

/** The preview of an upload, as the import page shows it. */
export type ImportPreview =
  | { status: 'missing' }
  | { status: 'refused'; name: string; message: string }
  | { status: 'ready'; name: string; report: ImportSummary };

/** What the import's server action returns, shaped for `useActionState`. */
export type ImportFormState = { status: 'idle' } | { status: 'error'; message: string } | { status: 'done'; name: string; report: ImportSummary };

export const initialImportFormState: ImportFormState = { status: 'idle' };

/** The form's fields that map an unmatched post (its key) to an article (its slug, or empty: not imported), in pairs. */
export const MAP_FIELDS = { post: 'billet', article: 'article' } as const;

export const UPLOAD_GONE = 'Ce fichier n’est plus disponible : il a déjà été importé, ou envoyé il y a plus d’une heure. Envoyez-le à nouveau.';

const UPLOAD_ERRORS: Record<UploadError, (maxBytes: number) => string> = {
  'trop-volumineux': (maxBytes) => `Fichier trop volumineux : ${formatMegabytes(maxBytes)} au plus. Exportez moins à la fois (par période), ou utilisez la commande « npm run import ».`,
  'fichier-manquant': () => 'Choisissez un fichier d’export (il est vide ou manquant).',
  'envoi-illisible': () => 'L’envoi n’a pas pu être lu : renvoyez le fichier depuis ce formulaire.',
  'enregistrement-impossible': () => 'Le fichier n’a pas pu être enregistré sur le serveur : réessayez ; si l’erreur revient, le journal du serveur en dit la cause.',
};

/** A size as the author reads it: « 100 Mo ». */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** The French message of an upload error named in the page's address; undefined for none or an unknown one. */
export function uploadErrorMessage(code: string | undefined, maxBytes: number): string | undefined {
  return code !== undefined && Object.hasOwn(UPLOAD_ERRORS, code) ? UPLOAD_ERRORS[code as UploadError](maxBytes) : undefined;
}
