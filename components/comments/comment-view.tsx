import type { DisplayComment } from '@/lib/comments/comment-display';
import { HELD_LABEL } from '@/lib/comments/messages';
import { CommentBody } from './comment-body';

/** `isHeld`: a comment waiting for the author, shown to its writer alone (lib/comments/held/marker.ts). */
type Props = { comment: DisplayComment; isHeld?: boolean; children?: React.ReactNode };

export function CommentView({ comment, isHeld = false, children }: Props) {
  const anchor = `comment-${comment.id}`;
  const className = ['comment', comment.isAuthor ? 'comment--author' : null, isHeld ? 'comment--held' : null].filter(Boolean).join(' ');
  return (
    <article className={className} id={anchor} tabIndex={-1}>
      <header className="comment__header">
        <span className="comment__author">
          {comment.authorWebsite ? (
            <a href={comment.authorWebsite} rel="nofollow ugc noopener">
              {comment.authorName}
            </a>
          ) : (
            comment.authorName
          )}
        </span>
        {comment.isAuthor ? <span className="comment__badge">Auteur</span> : null}
        {isHeld ? <span className="comment__held">{HELD_LABEL}</span> : null}
        <a className="comment__permalink" href={`#${anchor}`}>
          <time dateTime={comment.createdAt}>{comment.dateText}</time>
        </a>
        {comment.isEdited ? <span className="comment__edited">modifié</span> : null}
      </header>
      <CommentBody paragraphs={comment.paragraphs} />
      {isHeld ? <p className="comment__held-note">Vous seul le voyez ici, jusqu’à ce que l’auteur l’ait relu.</p> : null}
      {children}
    </article>
  );
}
