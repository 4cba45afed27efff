import type { Article } from '@/lib/content/articles';
import type { OwnComment, OwnCommentRefusal } from '@/lib/comments/own/comment';
import { toDisplayComment } from '@/lib/comments/comment-display';
import { ownCommentDeletePath, ownCommentEditPath } from '@/lib/comments/own/marker';
import { commentPermalinkPath } from '@/lib/paths';
import { formatTime } from '@/lib/format-date';
import { CommentView } from '../comment-view';
import { OwnCommentDeleteForm } from './delete-form';
import { OwnCommentEditForm } from './edit-form';

type Props = {
  article: Pick<Article, 'slug' | 'title'>;
  commentId: number;
  mode: 'edit' | 'delete';
  found: { ok: true; comment: OwnComment; until: Date } | OwnCommentRefusal;
};

const displayed = (comment: OwnComment) =>
  toDisplayComment({ ...comment, createdAt: comment.createdAt.toISOString(), editedAt: comment.editedAt?.toISOString() ?? null });

/** The writer's page for one comment (never cached: it reads their secret cookie): edit it, or delete it. */
export function OwnCommentPage({ article, commentId, mode, found }: Props) {
  const back = commentPermalinkPath(article.slug, commentId);
  const title = mode === 'edit' ? 'Modifier votre commentaire' : 'Supprimer votre commentaire';
  return (
    <div className="page narrow">
      <p>
        <a href={found.ok && found.comment.status === 'published' ? back : `/articles/${article.slug}`}>← Retour à « {article.title} »</a>
      </p>
      <h1>{title}</h1>
      {!found.ok ? (
        <p className="notice notice--error" role="alert">
          {found.message}
        </p>
      ) : (
        <>
          <p className="notice">
            Possible jusqu’à {formatTime(found.until)}, depuis ce navigateur.
            {found.comment.status === 'pending' ? ' Votre commentaire attend la relecture de l’auteur.' : ''}
          </p>
          {mode === 'edit' ? (
            <>
              <OwnCommentEditForm slug={article.slug} commentId={commentId} body={found.comment.body} />
              <p>
                <a href={ownCommentDeletePath(article.slug, commentId)}>Supprimer ce commentaire</a>
              </p>
            </>
          ) : (
            <>
              <CommentView comment={displayed(found.comment)} />
              <p>Le commentaire sera supprimé pour de bon ; les réponses qu’il a reçues restent.</p>
              <OwnCommentDeleteForm slug={article.slug} commentId={commentId} />
              <p>
                <a href={ownCommentEditPath(article.slug, commentId)}>Plutôt le modifier</a>
              </p>
            </>
          )}
        </>
      )}
    </div>
  );
}
