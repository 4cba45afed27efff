import Link from 'next/link';
import { db } from '@/lib/db';
import { requireAuthor } from '@/lib/auth';
import { listActions } from '@/lib/audit';
import { pageParam } from '@/lib/http/search-params';
import { formatDateTime } from '@/lib/format-date';
import { TableScroll } from '@/components/admin/table-scroll';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditLogPage({ searchParams }: Props) {
  await requireAuthor();
  const page = pageParam((await searchParams).page);
  const { rows, pageCount } = await listActions(db, page);
  return (
    <>
      <h1>Journal des actions</h1>
      <TableScroll label="Tableau du journal">
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Quand</th>
              <th scope="col">Qui</th>
              <th scope="col">Action</th>
              <th scope="col">Sur</th>
              <th scope="col">Détails</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{formatDateTime(row.createdAt)}</td>
                <td>{row.actor}</td>
                <td>{row.action}</td>
                <td>{row.target}</td>
                <td className="muted">{row.details}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <nav aria-label="Pages" className="pagination">
        {page > 1 ? <Link href={`/admin/journal?page=${page - 1}`}>← Plus récents</Link> : null}
        {page < pageCount ? <Link href={`/admin/journal?page=${page + 1}`}>Plus anciens →</Link> : null}
      </nav>
    </>
  );
}
