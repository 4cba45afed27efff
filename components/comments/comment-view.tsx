import type { PublicComment } from '@/lib/comments/queries';
import { formatDateTime } from '@/lib/format-date';
import { CommentBody } from './comment-body';

type Props = {
  comment: Pick<PublicComment, 'id' | 'authorName' | 'authorWebsite' | 'body' | 'isAuthor' | 'createdAt'>;
  children?: React.ReactNode;
};

export function CommentView({ comment, children }: Props) {
  const anchor = `comment-${comment.id}`;
  return (
    <article className={comment.isAuthor ? 'comment comment--author' : 'comment'} id={anchor} tabIndex={-1} aria-labelledby={`${anchor}-author`}>
      <header className="comment__header">
        <span className="comment__author" id={`${anchor}-author`}>
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
          <time dateTime={comment.createdAt}>{formatDateTime(new Date(comment.createdAt))}</time>
        </a>
      </header>
      <CommentBody body={comment.body} />
      {children}
    </article>
  );
}
