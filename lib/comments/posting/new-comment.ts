import type { CommentRow } from '../insert-comments';
import type { PostingDecision, PostingQuery } from './rules';

/** The reader's fields as stored (validated and cleaned by the schema), and the hash of its edit secret if one was issued. */
export type NewComment = { authorName: string; authorWebsite: string | null; body: string; editSecretHash: string | null };

/** The row a reader's accepted post stores, on either database. */
export function newCommentRow(query: PostingQuery, comment: NewComment, decision: Extract<PostingDecision, { ok: true }>): CommentRow {
  return {
    articleSlug: query.slug,
    parentId: decision.parentId,
    authorName: comment.authorName,
    authorEmail: query.email,
    authorWebsite: comment.authorWebsite,
    body: comment.body,
    status: decision.status,
    isAuthor: false,
    ipHash: query.ipHash,
    bodyHash: query.bodyHash,
    createdAt: query.now,
    editSecretHash: comment.editSecretHash,
  };
}
