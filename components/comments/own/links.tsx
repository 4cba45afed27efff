import { ownCommentDeletePath, ownCommentEditPath } from '@/lib/comments/own/marker';

/** « Modifier » and « Supprimer » under a comment its reader wrote, shown by the page's script only to them. */
export function OwnCommentLinks({ slug, commentId }: { slug: string; commentId: number }) {
  return (
    <p className="comment__own">
      <a href={ownCommentEditPath(slug, commentId)}>
        Modifier<span className="visually-hidden"> votre commentaire</span>
      </a>
      <a href={ownCommentDeletePath(slug, commentId)}>
        Supprimer<span className="visually-hidden"> votre commentaire</span>
      </a>
    </p>
  );
}
