import type { DisplayComment } from '@/lib/comments/comment-display';
import { CommentBody } from './comment-body';

type Props = { comment: DisplayComment; children?: React.ReactNode };

export function CommentView({ comment, children }: Props) {
  const anchor = `comment-${comment.id}`;
  return (
    <article className={comment.isAuthor ? 'comment comment--author' : 'comment'} id={anchor} tabIndex={-1}>
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
        <a className="comment__permalink" href={`#${anchor}`}>
          <time dateTime={comment.createdAt}>{comment.dateText}</time>
        </a>
        {comment.isEdited ? <span className="comment__edited">modifié</span> : null}
      </header>
      <CommentBody paragraphs={comment.paragraphs} />
      {children}
    </article>
  );
}
