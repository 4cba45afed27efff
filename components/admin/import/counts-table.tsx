import Link from 'next/link';
import type { ArticleReport } from '@/lib/import/import-comments';
import type { ImportSummary } from '@/lib/import/form-state';
import { TableScroll } from '../table-scroll';

const STATE_LABELS: Record<NonNullable<ArticleReport['stateChange']>, string> = { close: 'Fermés par l’import', restore: 'État rétabli' };

/** Per article, what an import would do (the preview) or did. */
export function ImportCountsTable({ report }: { report: ImportSummary }) {
  const isPreview = report.dryRun;
  const { totals } = report;
  return (
    <TableScroll label={isPreview ? 'Aperçu par article' : 'Import par article'}>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">Article</th>
            <th scope="col">{isPreview ? 'À ajouter' : 'Ajoutés'}</th>
            <th scope="col">Déjà là</th>
            <th scope="col">Réponses</th>
            <th scope="col">En attente</th>
            <th scope="col">Indésirables</th>
            <th scope="col">Écartés</th>
            <th scope="col">Commentaires</th>
          </tr>
        </thead>
        <tbody>
          {report.articles.map((article) => (
            <tr key={article.slug} data-slug={article.slug}>
              <th scope="row">
                <Link href={`/articles/${article.slug}`}>{article.title}</Link>
              </th>
              <td>{article.added}</td>
              <td>{article.existing}</td>
              <td>{article.replies}</td>
              <td>{article.held}</td>
              <td>{article.spam}</td>
              <td>{article.skipped}</td>
              <td>{article.stateChange ? STATE_LABELS[article.stateChange] : 'Inchangés'}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-slug="total">
            <th scope="row">Total</th>
            <td>{totals.added}</td>
            <td>{totals.existing}</td>
            <td>{totals.replies}</td>
            <td>{totals.held}</td>
            <td>{totals.spam}</td>
            <td>{totals.skipped}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
