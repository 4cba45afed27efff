import { getArticle } from '@/lib/content/articles';
import { clientIpFrom } from '@/lib/client-ip';
import { getCommentThread } from '@/lib/comments/queries';
import { purgeCommentPages } from '@/lib/comments/purge-comment-pages';
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

export async function POST(request: Request, { params }: Context) {
  const { slug } = await params;
  const answer = await answerCommentPost(slug, () => readJsonBody(request), clientIpFrom(request.headers));
  if (answer.posted) {
    if (answer.posted.status === 'published') await purgeCommentPages([slug]);
    notifyAuthorAfterResponse(answer.posted);
  }
  return Response.json(answer.json, { status: answer.status, headers: answer.headers });
}
