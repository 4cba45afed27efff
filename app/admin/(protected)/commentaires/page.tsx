import Link from 'next/link';
import { db } from '@/lib/db';
import { requireAuthor } from '@/lib/auth';
import { moderate } from '@/lib/admin/actions';
import { COMMENT_STATUSES, listCommentsForModeration, type CommentStatus } from '@/lib/admin/moderation';
import { firstParam, pageParam } from '@/lib/http/search-params';
import { formatDateTime } from '@/lib/format-date';
import { Notice } from '@/components/admin/notice';
import { TableScroll } from '@/components/admin/table-scroll';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATUS_LABELS: Record<CommentStatus, string> = { pending: 'En attente', published: 'Publiés', spam: 'Indésirables', deleted: 'Supprimés' };

export default async function ModerationPage({ searchParams }: Props) {
  await requireAuthor();
  const params = await searchParams;
  const statusParam = firstParam(params.statut);
  const status = (COMMENT_STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as CommentStatus) : undefined;
  const search = firstParam(params.q) ?? '';
  const article = firstParam(params.article);
  const page = pageParam(params.page);
  const { rows, total, pageCount } = await listCommentsForModeration(db, { status, search, article, page });

  const query = (overrides: Record<string, string | number | undefined>) => {
    const values = new URLSearchParams();
    for (const [key, value] of Object.entries({ statut: status, q: search || undefined, article, page, ...overrides })) {
      if (value !== undefined && value !== '') values.set(key, String(value));
    }
    return `/admin/commentaires?${values}`;
  };
  const returnTo = query({});

  return (
    <>
      <h1>Modération</h1>
      <Notice ok={firstParam(params.ok)} error={firstParam(params.erreur)} />
      <form method="get" action="/admin/commentaires" className="filters" role="search">
        <div className="field">
          <label htmlFor="filter-status">Statut</label>
          <select id="filter-status" name="statut" defaultValue={status ?? ''}>
            <option value="">Tous</option>
            {COMMENT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-search">Auteur, e-mail ou texte</label>
          <input id="filter-search" name="q" type="search" defaultValue={search} />
        </div>
        {article ? <input type="hidden" name="article" value={article} /> : null}
        <button type="submit" className="button">
          Rechercher
        </button>
      </form>
      <p>
        {total.toLocaleString('fr-FR')} commentaire{total > 1 ? 's' : ''} · page {page} sur {pageCount}
      </p>
      <form action={moderate}>
        <input type="hidden" name="returnTo" value={returnTo} />
        <div className="bulk-actions">
          <label htmlFor="bulk-action">Action sur la sélection</label>
          <select id="bulk-action" name="action" defaultValue="approve">
            <option value="approve">Approuver</option>
            <option value="spam">Indésirable</option>
            <option value="delete">Supprimer</option>
            <option value="restore">Restaurer</option>
          </select>
          <button type="submit" className="button button--small">
            Appliquer
          </button>
        </div>
        <TableScroll label="Tableau des commentaires">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Sélection</span>
                </th>
                <th scope="col">Auteur</th>
                <th scope="col">Commentaire</th>
                <th scope="col">Statut</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((comment) => (
                <tr key={comment.id} data-comment-id={comment.id}>
                  <td>
                    <input type="checkbox" name="ids" value={comment.id} id={`select-${comment.id}`} aria-label={`Sélectionner le commentaire de ${comment.authorName}`} />
                  </td>
                  <td>
                    <strong>{comment.authorName}</strong>
                    {comment.isAuthor ? ' (auteur)' : ''}
                    <br />
                    <span className="muted">{comment.authorEmail}</span>
                    <br />
                    <span className="muted">{formatDateTime(comment.createdAt)}</span>
                  </td>
                  <td>
                    <Link href={`/articles/${comment.articleSlug}`}>{comment.articleSlug}</Link>
                    <p className="excerpt">{comment.body.length > 300 ? `${comment.body.slice(0, 300)}…` : comment.body}</p>
                  </td>
                  <td>{STATUS_LABELS[comment.status as CommentStatus] ?? comment.status}</td>
                  <td className="row-actions">
                    {comment.status !== 'published' ? (
                      <button type="submit" name="single" value={`${comment.status === 'pending' ? 'approve' : 'restore'}:${comment.id}`} className="link-button">
                        {comment.status === 'pending' ? 'Approuver' : 'Restaurer'}
                        <span className="visually-hidden"> le commentaire de {comment.authorName}</span>
                      </button>
                    ) : null}
                    <Link href={`/admin/commentaires/${comment.id}`}>
                      Modifier ou répondre<span className="visually-hidden"> ({comment.authorName})</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </form>
      <nav aria-label="Pages" className="pagination">
        {page > 1 ? <Link href={query({ page: page - 1 })}>← Page précédente</Link> : null}
        {page < pageCount ? <Link href={query({ page: page + 1 })}>Page suivante →</Link> : null}
      </nav>
    </>
  );
}
