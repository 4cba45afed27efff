import { getArticle } from '@/lib/content/articles';
import { clientIpFrom } from '@/lib/client-ip';
import { getCommentThread } from '@/lib/comments/queries';
import { invalidateComments } from '@/lib/comments/invalidate';
import { answerCommentPost } from '@/lib/comments/api/answer-comment-post';
import { readJsonBody } from '@/lib/http/read-json-body';
import { notifyAuthorAfterResponse } from '@/lib/notifications/notify-author';

type Context = { params: Promise<{ slug: string }> };

export async function GET(_request: Request, { params }: Context) {
  const article = await getArticle((await params).slug);
  if (!article) return Response.json({ error: "Cet article n'existe pas." }, { status: 404 });
  const thread = await getCommentThread(article);
  return Response.json({ open: thread.isOpen, count: thread.count, comments: thread.comments });
}

// Under `npm start` the worker processes answer these posts themselves, before Next's pipeline
// (lib/comments/api/node-comment-post.ts, the same answerCommentPost); this handler serves them
// under `next dev` and `next start`, and addresses written another way (`%2D`, a final slash).
export async function POST(request: Request, { params }: Context) {
  const { slug } = await params;
  const answer = await answerCommentPost(slug, () => readJsonBody(request), clientIpFrom(request.headers));
  if (answer.posted) {
    invalidateComments(slug);
    notifyAuthorAfterResponse(answer.posted);
  }
  return Response.json(answer.json, { status: answer.status, headers: answer.headers });
}
