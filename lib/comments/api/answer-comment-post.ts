import { db } from '@/lib/db';
import { getArticle } from '@/lib/content/articles';
import type { JsonBody } from '@/lib/http/read-json-body';
import { postComment, type StoredComment } from '@/lib/comments/service';

/** What the comments API answers to a POST. */
export type CommentPostAnswer = {
  status: number;
  headers: Record<string, string>;
  json: unknown;
  /** The stored comment, when there is one: the caller expires the article's cache and notifies the author. */
  posted: StoredComment | null;
};

const STATUS_OF = { invalid: 400, 'not-found': 404, closed: 403, 'rate-limited': 429, duplicate: 409, failed: 503 } as const;

const answer = (status: number, json: unknown, headers: Record<string, string> = {}): CommentPostAnswer => ({ status, headers, json, posted: null });

/**
 * `POST /api/articles/<slug>/comments`: the article must exist (checked before the body is read),
 * then the comment is posted with every rule of postComment. 201 when published, 202 when held for
 * moderation, a French message and the field errors otherwise.
 */
export async function answerCommentPost(slug: string, readBody: () => Promise<JsonBody>, ip: string): Promise<CommentPostAnswer> {
  if (!(await getArticle(slug))) return answer(404, { error: "Cet article n'existe pas." });

  const body = await readBody();
  if (!body.ok) return answer(body.status, { error: body.message });

  const result = await postComment(slug, body.value, { db, ip });
  if (!result.ok) {
    const headers: Record<string, string> = result.retryAfterSeconds ? { 'Retry-After': String(result.retryAfterSeconds) } : {};
    return answer(STATUS_OF[result.reason], { error: result.message, fieldErrors: result.fieldErrors }, headers);
  }
  const { comment } = result;
  const location = `/articles/${slug}#comment-${comment.id}`;
  return {
    status: comment.status === 'published' ? 201 : 202,
    headers: { Location: location },
    json: {
      message: result.message,
      comment: {
        id: comment.id,
        parentId: comment.parentId,
        authorName: comment.authorName,
        authorWebsite: comment.authorWebsite,
        body: comment.body,
        status: comment.status,
        createdAt: comment.createdAt.toISOString(),
        url: location,
      },
    },
    posted: comment,
  };
}
