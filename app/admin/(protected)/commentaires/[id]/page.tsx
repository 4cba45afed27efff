import Link from 'next/link';
import { notFound } from 'next/navigation';
import { db } from '@/lib/db';
import { requireAuthor } from '@/lib/auth';
import { moderate, postAuthorReply, saveCommentText } from '@/lib/admin/actions';
import { listRevisions } from '@/lib/admin/moderation';
import { firstParam } from '@/lib/http/search-params';
import { formatDateTime } from '@/lib/format-date';
import { commentPermalinkPath } from '@/lib/paths';
import { Notice } from '@/components/admin/notice';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CommentAdminPage({ params, searchParams }: Props) {
  await requireAuthor();
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id < 1) notFound();
  const query = await searchParams;
  const comment = await db.comment.findUnique({
    where: { id },
    select: { id: true, articleSlug: true, authorName: true, authorEmail: true, authorWebsite: true, body: true, status: true, createdAt: true, editedAt: true },
  });
  if (!comment) notFound();
  const revisions = await listRevisions(db, id);
  const returnTo = `/admin/commentaires/${id}`;
  return (
    <div className="narrow">
      <p>
        <Link href="/admin/commentaires">← Modération</Link>
      </p>
      <h1>Commentaire de {comment.authorName}</h1>
      <Notice ok={firstParam(query.ok)} error={firstParam(query.erreur)} />
      <p className="muted">
        {comment.authorEmail} · {formatDateTime(comment.createdAt)} · statut : {comment.status} ·{' '}
        <a href={commentPermalinkPath(comment.articleSlug, comment.id)}>voir sur le site</a>
        {comment.editedAt ? ` · modifié le ${formatDateTime(comment.editedAt)}` : ''}
      </p>
      <form action={moderate} className="inline-form">
        <input type="hidden" name="returnTo" value={returnTo} />
        {comment.status === 'pending' ? (
          <button type="submit" name="single" value={`approve:${id}`} className="button button--small">
            Approuver
          </button>
        ) : null}
        {comment.status === 'spam' || comment.status === 'deleted' ? (
          <button type="submit" name="single" value={`restore:${id}`} className="button button--small">
            Restaurer
          </button>
        ) : null}
        {comment.status === 'pending' || comment.status === 'published' ? (
          <button type="submit" name="single" value={`spam:${id}`} className="button button--small">
            Indésirable
          </button>
        ) : null}
        {comment.status !== 'deleted' ? (
          <button type="submit" name="single" value={`delete:${id}`} className="button button--small">
            Supprimer
          </button>
        ) : null}
      </form>
      <form action={saveCommentText} className="comment-form">
        <input type="hidden" name="id" value={id} />
        <div className="field">
          <label htmlFor="edit-body">Texte du commentaire</label>
          <textarea id="edit-body" name="body" rows={8} defaultValue={comment.body} />
        </div>
        <button type="submit" className="button">
          Enregistrer le texte
        </button>
      </form>
      {revisions.length > 0 ? (
        <section aria-labelledby="versions">
          <h2 id="versions">Versions précédentes</h2>
          <ol className="revisions">
            {revisions.map((revision) => (
              <li key={revision.id}>
                <p className="muted">
                  Remplacée le {formatDateTime(revision.replacedAt)} par {revision.editedBy === 'reader' ? 'la personne qui l’a écrit' : 'vous'}
                </p>
                <p className="excerpt">{revision.body}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <form action={postAuthorReply} className="comment-form">
        <input type="hidden" name="parentId" value={id} />
        <div className="field">
          <label htmlFor="reply-body">Répondre en tant qu’auteur</label>
          <textarea id="reply-body" name="body" rows={6} />
        </div>
        <button type="submit" className="button">
          Publier la réponse de l’auteur
        </button>
      </form>
    </div>
  );
}
