import type { ThreadPage } from '@/lib/comments/queries';
import { formatCommentCount, formatCommentPageHeading } from '@/lib/comments/format';
import { homePageOf, threadPagePath } from '@/lib/comments/paging';
import { toDisplayThread } from '@/lib/comments/comment-display';
import { CLOSED_MESSAGE } from '@/lib/comments/messages';
import { newCommentsPlace } from '@/lib/comments/held/placement';
import { formatDateTime } from '@/lib/format-date';
import { getCollectionNotice } from '@/lib/privacy/terms';
import { CommentList } from './comment-list';
import { CommentForm } from './comment-form';
import { CommentPagesLinks, CommentPagesNav } from './comment-pages-nav';

type Props = { slug: string; thread: ThreadPage };

export async function CommentSection({ slug, thread }: Props) {
  const pathOf = threadPagePath(slug, thread);
  const isHome = thread.page === homePageOf(thread.pageCount);
  const pages = { page: thread.page, pageCount: thread.pageCount, pathOf };
  const newCommentsAt = newCommentsPlace(isHome, thread.order);
  return (
    <section className="comments" aria-labelledby="commentaires">
      <CommentPagesLinks {...pages} />
      {/* The article's page counts the whole thread; the others say where the reader is. */}
      <h2 id="commentaires">{isHome ? formatCommentCount(thread.count) : formatCommentPageHeading(thread.page)}</h2>
      <CommentList slug={slug} comments={toDisplayThread(thread.comments)} canReply={thread.isOpen} newCommentsAt={newCommentsAt} />
      <CommentPagesNav {...pages} />
      {thread.isOpen ? (
        <>
          {thread.closesAt ? (
            <p className="comments__notice">Les commentaires fermeront le {formatDateTime(new Date(thread.closesAt))}.</p>
          ) : null}
          <CommentForm slug={slug} pagePath={pathOf(thread.page)} showsHeldInThread={newCommentsAt !== null} notice={await getCollectionNotice()} />
        </>
      ) : (
        <p className="comments__closed">{CLOSED_MESSAGE}</p>
      )}
    </section>
  );
}
