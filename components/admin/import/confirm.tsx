'use client';

import Link from 'next/link';
import { useActionState, useEffect, useRef } from 'react';
import { useFormStatus } from 'react-dom';
import { confirmImport } from '@/lib/import/actions';
import { FORMAT_LABELS } from '@/lib/import/detect-format';
import { MAP_FIELDS, UPLOAD_GONE, initialImportFormState, type ImportFormState, type ImportPreview, type ImportSummary } from '@/lib/import/form-state';
import { ImportCountsTable } from './counts-table';
import { TableScroll } from '../table-scroll';

/** Unmatched posts offered for mapping; past this many, the command's --map is the way. */
const MAX_UNMATCHED_SHOWN = 200;

type ArticleChoice = { slug: string; title: string };
type Props = { token: string; preview: ImportPreview; articles: ArticleChoice[] };

function ImportButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
      {pending ? 'Import en cours…' : 'Importer'}
    </button>
  );
}

function plural(count: number, one: string, many: string) {
  return `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`;
}

function Source({ report }: { report: ImportSummary }) {
  return (
    <p className="muted">
      Format : {FORMAT_LABELS[report.format]} · source : {report.source}
    </p>
  );
}

/** The mapping of the posts that match no article: a choice of article each, or none. */
function UnmatchedPosts({ report, articles }: { report: ImportSummary; articles: ArticleChoice[] }) {
  const shown = report.unmatched.slice(0, MAX_UNMATCHED_SHOWN);
  return (
    <fieldset>
      <legend>Billets sans article correspondant ({report.unmatched.length.toLocaleString('fr-FR')})</legend>
      <p className="field__hint">Rien n’est importé pour eux, sauf si vous les rattachez à un article.</p>
      <TableScroll label="Billets sans article correspondant">
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Billet</th>
              <th scope="col">Commentaires</th>
              <th scope="col">Rattacher à</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((post, index) => {
              const name = post.title ?? post.key;
              return (
                <tr key={post.key}>
                  <th scope="row">
                    {name}
                    {post.url ? <span className="muted"> {post.url}</span> : null}
                  </th>
                  <td>{post.comments}</td>
                  <td>
                    <input type="hidden" name={MAP_FIELDS.post} value={post.key} />
                    <label htmlFor={`rattacher-${index}`} className="visually-hidden">
                      Rattacher « {name} » à
                    </label>
                    <select id={`rattacher-${index}`} name={MAP_FIELDS.article} defaultValue="">
                      <option value="">Ne pas importer</option>
                      {articles.map((article) => (
                        <option key={article.slug} value={article.slug}>
                          {article.title}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {report.unmatched.length > shown.length ? (
        <p className="field__hint">
          Et {plural(report.unmatched.length - shown.length, 'autre billet', 'autres billets')}, non importés : la commande « npm run import -- fichier --map
          ancien=nouveau » les rattache.
        </p>
      ) : null}
    </fieldset>
  );
}

/** The sentence that says what an import did, read out when it ends. */
function doneSentence({ totals, failed }: ImportSummary) {
  const failures = failed.length > 0 ? ` ${plural(failed.length, 'article n’a pas pu être importé', 'articles n’ont pas pu être importés')}.` : '';
  return `Import terminé : ${plural(totals.added, 'commentaire ajouté', 'commentaires ajoutés')}, ${totals.existing.toLocaleString('fr-FR')} déjà là.${failures}`;
}

/** What the import did: the counts per article, the articles it could not write, and what was left out. */
function ImportDone({ name, report, status }: { name: string; report: ImportSummary; status: React.ReactNode }) {
  return (
    <section aria-labelledby="import-resultat">
      <h2 id="import-resultat">Import de {name}</h2>
      {status}
      <Source report={report} />
      <ImportCountsTable report={report} />
      {report.failed.length > 0 ? (
        <div className="notice notice--error">
          <p>Articles non importés :</p>
          <ul>
            {report.failed.map((article) => (
              <li key={article.slug}>
                {article.title} : {article.message}.
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.unmatched.length > 0 ? <p>{plural(report.unmatched.length, 'billet sans article n’a pas été importé', 'billets sans article n’ont pas été importés')}.</p> : null}
      <p>
        <Link href="/admin/import">Importer un autre fichier</Link> · <Link href="/admin/journal">Journal</Link>
      </p>
    </section>
  );
}

/**
 * The preview of an uploaded file and its confirmation. The import is the server action
 * confirmImport (useActionState): without JavaScript, the page comes back with its result, so this
 * shows the state's report before anything else, even once the upload is gone.
 */
export function ImportConfirm({ token, preview, articles }: Props) {
  const [state, formAction] = useActionState<ImportFormState, FormData>(confirmImport, initialImportFormState);
  const statusRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (state.status !== 'idle') statusRef.current?.focus();
  }, [state]);

  const message = state.status === 'done' ? doneSentence(state.report) : state.status === 'error' ? state.message : '';
  const status = (
    <p ref={statusRef} tabIndex={-1} role="status" aria-live="polite" className={state.status === 'error' ? 'form-status form-status--error' : 'form-status'}>
      {message}
    </p>
  );
  if (state.status === 'done') return <ImportDone name={state.name} report={state.report} status={status} />;
  if (preview.status !== 'ready') {
    return (
      <section aria-labelledby="import-apercu">
        <h2 id="import-apercu">Aperçu</h2>
        {status}
        <p className="notice notice--error" role="alert">
          {preview.status === 'missing' ? UPLOAD_GONE : `Ce fichier ne peut pas être importé (${preview.name}) : ${preview.message}`}
        </p>
      </section>
    );
  }
  const { report } = preview;
  return (
    <section aria-labelledby="import-apercu">
      <h2 id="import-apercu">Aperçu : {preview.name}</h2>
      <Source report={report} />
      <p>
        Rien n’est encore écrit : {plural(report.totals.added, 'commentaire à ajouter', 'commentaires à ajouter')},{' '}
        {report.totals.existing.toLocaleString('fr-FR')} déjà là.
      </p>
      <ImportCountsTable report={report} />
      {status}
      <form action={formAction} className="comment-form">
        <input type="hidden" name="fichier" value={token} />
        {report.unmatched.length > 0 ? <UnmatchedPosts report={report} articles={articles} /> : null}
        <p className="field__hint">Chaque article est importé en entier ou pas du tout ; importer deux fois le même fichier n’ajoute rien.</p>
        <ImportButton />
      </form>
    </section>
  );
}
