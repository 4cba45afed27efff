import Link from 'next/link';
import type { ArticleOverview } from '@/lib/admin/articles';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { TableScroll } from '@/components/admin/table-scroll';

type Row = ArticleOverview & { state: 'draft' | 'scheduled' | 'published'; publishAt: Date };

function stateLabel(row: Row): string {
  if (row.state === 'draft') return 'Brouillon';
  if (row.state === 'scheduled') return `Programmé pour le ${formatDateTime(row.publishAt)}`;
  return `Publié le ${formatDate(row.date)}`;
}

/** Every article of content/ with where it stands for readers, its comments, and its preview. */
export function ArticlePublicationTable({ rows }: { rows: Row[] }) {
  return (
    <TableScroll label="Tableau des articles">
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">Article</th>
            <th scope="col">État</th>
            <th scope="col">Commentaires publiés</th>
            <th scope="col">En attente</th>
            <th scope="col">Voir</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.slug} data-slug={row.slug}>
              <th scope="row">{row.title}</th>
              <td className="article-publication">{stateLabel(row)}</td>
              <td>{row.published}</td>
              <td>{row.pending}</td>
              <td>
                {row.state === 'published' ? (
                  <a href={`/articles/${row.slug}`}>
                    Lire<span className="visually-hidden"> « {row.title} »</span>
                  </a>
                ) : (
                  <Link href={`/admin/articles/${row.slug}/apercu`}>
                    Aperçu<span className="visually-hidden"> de « {row.title} »</span>
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
