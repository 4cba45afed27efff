import type { SiteSettings } from '@/lib/settings';
import type { CommentRow } from '../insert-comments';
import type { ChangedPages } from '../paging';
import { editableUntil } from '../own/secret';
import type { StoredComment } from './result';
import type { PostingDecision, PostingQuery } from './rules';

type Accepted = Extract<PostingDecision, { ok: true }>;

/** The reader's fields as stored (validated and cleaned by the schema), and the hash of its edit secret if one was issued. */
export type NewComment = { authorName: string; authorWebsite: string | null; body: string; editSecretHash: string | null };

/** What the stored row and the poster's answer both say of an accepted post. */
function postedFields(query: PostingQuery, comment: NewComment, decision: Accepted) {
  return {
    articleSlug: query.slug,
    parentId: decision.parentId,
    authorName: comment.authorName,
    authorEmail: query.email,
    authorWebsite: comment.authorWebsite,
    body: comment.body,
    status: decision.status,
    createdAt: query.now,
  };
}

/** The row a reader's accepted post stores, on either database. */
export function newCommentRow(query: PostingQuery, comment: NewComment, decision: Accepted): CommentRow {
  return {
    ...postedFields(query, comment, decision),
    isAuthor: false,
    ipHash: query.ipHash,
    bodyHash: query.bodyHash,
    editSecretHash: comment.editSecretHash,
  };
}

/** What the poster is told of the comment once stored, on either database. */
export function storedComment(
  stored: { id: number; query: PostingQuery; comment: NewComment; decision: Accepted; changed: ChangedPages | null },
  settings: SiteSettings,
): StoredComment {
  const { id, query, comment, decision, changed } = stored;
  return {
    id,
    ...postedFields(query, comment, decision),
    heldBecause: decision.heldBecause,
    changed,
    editableUntil: comment.editSecretHash ? editableUntil(query.now, settings.editWindowMinutes) : null,
  };
}
