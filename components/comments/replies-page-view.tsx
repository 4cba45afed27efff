import type { Article } from '@/lib/content/articles';
import type { RepliesPage } from '@/lib/comments/queries';
import { repliesPagePath } from '@/lib/comments/paging';
import { commentPermalinkPath } from '@/lib/paths';
import { formatReplyCount } from '@/lib/comments/format';
import { toDisplayComment } from '@/lib/comments/comment-display';
import { CommentView } from './comment-view';
import { RepliesList } from './comment-list';
import { OwnCommentControls } from './own/controls';
import { CommentPagesLinks, CommentPagesNav } from './comment-pages-nav';

type Props = { article: Pick<Article, 'slug' | 'title'>; replies: RepliesPage };

/** A comment and its replies, a page at a time: where a long conversation goes when it does not fit under the article. */
export function RepliesPageView({ article, replies }: Props) {
  const pathOf = (page: number) => repliesPagePath(article.slug, replies.comment.id, page);
  const pages = { page: replies.page, pageCount: replies.pageCount, pathOf };
  return (
    <div className="page narrow">
      <CommentPagesLinks {...pages} />
      <p>
        <a href={commentPermalinkPath(article.slug, replies.comment.id)}>← Retour à « {article.title} »</a>
      </p>
      <h1 id="reponses">Réponses à {replies.comment.authorName}</h1>
      <section className="comments" aria-labelledby="reponses">
        <CommentView comment={toDisplayComment(replies.comment)}>
          <OwnCommentControls slug={article.slug} commentId={replies.comment.id} />
        </CommentView>
        <h2>
          {formatReplyCount(replies.replyCount)}
          {replies.pageCount > 1 ? ` — page ${replies.page} sur ${replies.pageCount}` : ''}
        </h2>
        {replies.replies.length > 0 ? <RepliesList slug={article.slug} replies={replies.replies.map(toDisplayComment)} /> : null}
        <CommentPagesNav {...pages} label="Pages des réponses" latestLabel="Dernières réponses" />
      </section>
    </div>
  );
}
