import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientIpFrom } from '@/lib/client-ip';
import { commentsTag } from '@/lib/comments/cache-tags';
import { readJson } from '@/lib/http/read-json-body';
import { SECURITY_HEADERS } from '@/lib/http/security-headers';
import { notifyAuthorOfComment } from '@/lib/notifications/notify-author';
import { answerCommentPost } from './answer-comment-post';

/**
 * `POST /api/articles/<slug>/comments` answered straight from Node's HTTP server, before Next's
 * request pipeline: the same answer as the route handler (answerCommentPost), for a quarter of the
 * CPU (Next spends about 1.7 ms per request on routing, web streams and async context, the post
 * itself 0.3 ms). The worker processes of `npm start` (scripts/next-worker.mjs) call it.
 * `expireTags` is the cache handler's: revalidateTag() only works inside Next's request context.
 */
export async function handleCommentPost(
  request: IncomingMessage,
  response: ServerResponse,
  slug: string,
  expireTags: (tags: string[]) => Promise<void>,
): Promise<void> {
  // As Next does: a request that names no client address is from the socket's peer.
  const forwardedFor = request.headers['x-forwarded-for'] ?? request.socket.remoteAddress;
  const headers = { get: (name: string) => (name === 'x-forwarded-for' ? forwardedFor : request.headers[name])?.toString() ?? null };
  const answer = await answerCommentPost(
    slug,
    () => readJson({ contentType: request.headers['content-type'], contentLength: request.headers['content-length'], chunks: bodyChunks(request) }),
    clientIpFrom(headers),
  );
  if (answer.posted) await expireTags([commentsTag(slug)]);
  const json = JSON.stringify(answer.json);
  response.writeHead(answer.status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(json)),
    ...answer.headers,
  });
  response.end(json);
  if (answer.posted) void notifyAuthorOfComment(answer.posted).catch((error) => console.error('notifyAuthorOfComment failed', error));
}

/**
 * The body's chunks. Stopping early (a body too large) does not destroy the request, which would
 * cut the socket before the 413 is sent: Node discards the rest once the answer has been written.
 */
function bodyChunks(request: IncomingMessage): AsyncIterator<Uint8Array> {
  const chunks = request[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return { next: () => chunks.next(), return: async () => ({ done: true, value: undefined }) };
}

/** Where the worker processes find handleCommentPost once the app is loaded (instrumentation.ts puts it there). */
export const COMMENT_POST_HANDLER = Symbol.for('marketing-2-0.handle-comment-post');

export function offerCommentPostHandler(): void {
  (globalThis as Record<symbol, unknown>)[COMMENT_POST_HANDLER] = handleCommentPost;
}
