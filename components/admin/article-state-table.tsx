import Link from 'next/link';
import type { ArticleOverview } from '@/lib/admin/articles';
import { scheduleClosing, setCommentsOpen } from '@/lib/admin/actions';
import { formatDateTime, toParisDateTimeInput } from '@/lib/format-date';
import { TableScroll } from '@/components/admin/table-scroll';

function stateLabel(article: ArticleOverview): string {
  if (!article.isOpen) return article.closedAt ? `Fermés depuis le ${formatDateTime(article.closedAt)}` : 'Fermés';
  return article.closesAt ? `Ouverts, fermeture le ${formatDateTime(article.closesAt)}` : 'Ouverts';
}

export function ArticleStateTable({ articles }: { articles: ArticleOverview[] }) {
  return (
    <section aria-labelledby="articles-admin">
      <h2 id="articles-admin">Articles</h2>
      <TableScroll label="Tableau des articles">
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Article</th>
              <th scope="col">Publiés</th>
              <th scope="col">En attente</th>
              <th scope="col">Abonnés</th>
              <th scope="col">Commentaires</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((article) => (
              <tr key={article.slug} data-slug={article.slug}>
                <th scope="row">
                  <Link href={`/articles/${article.slug}`}>{article.title}</Link>
                </th>
                <td>{article.published}</td>
                <td>
                  {article.pending > 0 ? (
                    <Link href={`/admin/commentaires?statut=pending&article=${article.slug}`}>{article.pending}</Link>
                  ) : (
                    0
                  )}
                </td>
                <td>{article.subscribers}</td>
                <td className="article-state">{stateLabel(article)}</td>
                <td>
                  <form action={setCommentsOpen}>
                    <input type="hidden" name="slug" value={article.slug} />
                    <input type="hidden" name="open" value={article.isOpen ? 'false' : 'true'} />
                    <button type="submit" className="button button--small">
                      {article.isOpen ? 'Fermer les commentaires' : 'Rouvrir les commentaires'}
                      <span className="visually-hidden"> de « {article.title} »</span>
                    </button>
                  </form>
                  <form action={scheduleClosing} className="inline-form">
                    <input type="hidden" name="slug" value={article.slug} />
                    <label htmlFor={`closes-${article.slug}`}>Fermer le (heure de Paris)</label>
                    <input
                      id={`closes-${article.slug}`}
                      name="closesAt"
                      type="datetime-local"
                      defaultValue={article.closesAt ? toParisDateTimeInput(article.closesAt) : undefined}
                    />
                    <button type="submit" className="button button--small">
                      Programmer<span className="visually-hidden"> la fermeture de « {article.title} »</span>
                    </button>
                    {article.closesAt ? (
                      <button type="submit" name="cancel" value="true" className="link-button">
                        Annuler la programmation
                      </button>
                    ) : null}
                  </form>
                  <p>
                    Export : <a href={`/api/admin/export?format=json&article=${article.slug}`}>JSON</a> ·{' '}
                    <a href={`/api/admin/export?format=csv&article=${article.slug}`}>CSV</a>
                  </p>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
