import { FORMAT_LABELS, IMPORT_FORMATS } from '@/lib/import/detect-format';
import { formatMegabytes } from '@/lib/import/form-state';
import { UPLOAD_FIELDS } from '@/lib/import/uploads';

type Props = { error?: string; maxBytes: number; hasPreview: boolean };

/**
 * The upload: a plain form posted to the route handler that streams the file to disk (a server
 * action would hold it whole in memory), with or without JavaScript alike.
 */
export function ImportUploadForm({ error, maxBytes, hasPreview }: Props) {
  return (
    <section aria-labelledby="import-envoi">
      <h2 id="import-envoi">{hasPreview ? 'Envoyer un autre fichier' : 'Envoyer un export'}</h2>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/api/admin/import" encType="multipart/form-data" className="comment-form">
        <div className="field">
          <label htmlFor="import-fichier">Fichier d’export</label>
          <input id="import-fichier" name={UPLOAD_FIELDS.file} type="file" required aria-describedby="import-fichier-aide" />
          <p className="field__hint" id="import-fichier-aide">
            WordPress (Outils → Exporter), Disqus, Movable Type ou TypePad, ou l’export complet de ce site ; {formatMegabytes(maxBytes)} au plus. Rien n’est
            écrit avant votre confirmation, après l’aperçu.
          </p>
        </div>
        <div className="field">
          <label htmlFor="import-format">Format</label>
          <select id="import-format" name={UPLOAD_FIELDS.format} defaultValue="">
            <option value="">Reconnu d’après le fichier</option>
            {IMPORT_FORMATS.map((format) => (
              <option key={format} value={format}>
                {FORMAT_LABELS[format].replace(/^./, (letter) => letter.toUpperCase())}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Envoyer et voir l’aperçu
        </button>
      </form>
    </section>
  );
}
