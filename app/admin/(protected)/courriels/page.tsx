import Link from 'next/link';
import { db } from '@/lib/db';
import { requireAuthor } from '@/lib/auth';
import { allowedOutboxActions, countOutboxMessages, countWaitingNotices, listOutboxMessages } from '@/lib/admin/outbox';
import { pageParam } from '@/lib/http/search-params';
import { formatDateTime } from '@/lib/format-date';
import { RetryMessageForm } from '@/components/admin/retry-message-form';
import { TableScroll } from '@/components/admin/table-scroll';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATUS_LABEL: Record<string, string> = { waiting: 'En attente', sent: 'Envoyé', failed: 'En échec' };
const KIND_LABEL: Record<string, string> = {
  'author-notification': 'Notification à l’auteur',
  'subscription-confirmation': 'Confirmation d’abonnement',
  'subscriber-notification': 'Annonce à un abonné',
  'approval-notice': 'Commentaire approuvé',
};

export default async function OutboxPage({ searchParams }: Props) {
  await requireAuthor();
  const page = pageParam((await searchParams).page);
  const [counts, notices, { rows, pageCount }] = await Promise.all([countOutboxMessages(db), countWaitingNotices(db), listOutboxMessages(db, page)]);
  return (
    <>
      <h1>Courriels</h1>
      <dl className="outbox-counts">
        <div>
          <dt>En attente</dt>
          <dd>{counts.waiting}</dd>
        </div>
        <div>
          <dt>Envoyés</dt>
          <dd>{counts.sent}</dd>
        </div>
        <div>
          <dt>En échec</dt>
          <dd>{counts.failed}</dd>
        </div>
        <div>
          <dt>Annonces à regrouper</dt>
          <dd>{notices}</dd>
        </div>
      </dl>
      <p>
        Les nouveaux commentaires sont annoncés aux abonnés par un seul e-mail par discussion et par période de regroupement : ils
        attendent ici d’être regroupés.
      </p>
      {rows.length === 0 ? (
        <p>Aucun courriel.</p>
      ) : (
        <TableScroll label="Tableau des courriels">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">Écrit le</th>
                <th scope="col">À</th>
                <th scope="col">Sujet</th>
                <th scope="col">État</th>
                <th scope="col">Tentatives</th>
                <th scope="col">Détails</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-message-id={row.id}>
                  <td>{formatDateTime(row.createdAt)}</td>
                  <td>{row.to}</td>
                  <td>
                    {row.subject}
                    <br />
                    <span className="muted">{KIND_LABEL[row.kind] ?? row.kind}</span>
                  </td>
                  <td className="outbox-status">{STATUS_LABEL[row.status] ?? row.status}</td>
                  <td>{row.attempts}</td>
                  <td className="muted">
                    {row.status === 'sent' && row.sentAt ? `Envoyé le ${formatDateTime(row.sentAt)}` : null}
                    {row.status === 'waiting' && row.attempts > 0 ? `Nouvelle tentative le ${formatDateTime(row.nextAttemptAt)} — ` : null}
                    {row.status !== 'sent' && row.lastError ? <span className="outbox-error">{row.lastError}</span> : null}
                  </td>
                  <td>
                    <RetryMessageForm id={row.id} canRetry={allowedOutboxActions(row.status).includes('retry')} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav aria-label="Pages" className="pagination">
        {page > 1 ? <Link href={`/admin/courriels?page=${page - 1}`}>← Plus récents</Link> : null}
        {page < pageCount ? <Link href={`/admin/courriels?page=${page + 1}`}>Plus anciens →</Link> : null}
      </nav>
    </>
  );
}
