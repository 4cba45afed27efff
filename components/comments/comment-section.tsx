import type { CommentThread } from '@/lib/comments/queries';
import { formatCommentCount } from '@/lib/comments/format';
import { CLOSED_MESSAGE } from '@/lib/comments/messages';
import { formatDateTime } from '@/lib/format-date';
import { CommentList } from './comment-list';
import { CommentForm } from './comment-form';

type Props = { slug: string; thread: CommentThread };

export function CommentSection({ slug, thread }: Props) {
  return (
    <section className="comments" aria-labelledby="commentaires">
      <h2 id="commentaires">{formatCommentCount(thread.count)}</h2>
      <CommentList slug={slug} comments={thread.comments} canReply={thread.isOpen} />
      {thread.isOpen ? (
        <>
          {thread.closesAt ? (
            <p className="comments__notice">Les commentaires fermeront le {formatDateTime(new Date(thread.closesAt))}.</p>
          ) : null}
          <CommentForm slug={slug} />
        </>
      ) : (
        <p className="comments__closed">{CLOSED_MESSAGE}</p>
      )}
    </section>
  );
}
