import { db } from '@/lib/db';
import { getArticle } from '@/lib/content/articles';
import { clientAddressFrom } from '@/lib/client-ip';
import { parsePageRequest, readCommentPage } from '@/lib/comments/api-page';
import { commentPermalinkPath } from '@/lib/paths';
import { getThreadPage } from '@/lib/comments/queries';
import { postComment } from '@/lib/comments/service';
import { readJsonBody } from '@/lib/http/read-json-body';

type Context = { params: Promise<{ slug: string }> };

const notFound = () => Response.json({ error: "Cet article n'existe pas." }, { status: 404 });

export async function GET(request: Request, { params }: Context) {
  const article = await getArticle((await params).slug);
  if (!article) return notFound();
  const page = parsePageRequest(article.slug, new URL(request.url).searchParams);
  if (!page.ok) return Response.json({ error: page.message }, { status: 400 });
  const countPublished = async () => (await getThreadPage(article, 'home'))?.count ?? 0;
  return Response.json(await readCommentPage(db, article, page.value, new Date(), countPublished));
}

const STATUS_OF = { invalid: 400, 'not-found': 404, closed: 403, 'rate-limited': 429, duplicate: 409, failed: 503 } as const;

export async function POST(request: Request, { params }: Context) {
  const { slug } = await params;
  if (!(await getArticle(slug))) return notFound();

  const body = await readJsonBody(request);
  if (!body.ok) {
    // Over the limit, the rest of the body is not read: the connection ends with the answer.
    const headers = body.status === 413 ? { Connection: 'close' } : undefined;
    return Response.json({ error: body.message }, { status: body.status, headers });
  }

  const result = await postComment(slug, body.value, { db, ip: clientAddressFrom(request.headers) });
  if (!result.ok) {
    const headers = result.retryAfterSeconds ? { 'Retry-After': String(result.retryAfterSeconds) } : undefined;
    return Response.json({ error: result.message, fieldErrors: result.fieldErrors }, { status: STATUS_OF[result.reason], headers });
  }
  const { comment } = result;
  return Response.json(
    {
      message: result.message,
      // Why a held comment waits (all | links | first-comment): a client may say it in its own words.
      ...(comment.heldBecause ? { heldBecause: comment.heldBecause } : {}),
      comment: {
        id: comment.id,
        parentId: comment.parentId,
        authorName: comment.authorName,
        authorWebsite: comment.authorWebsite,
        body: comment.body,
        status: comment.status,
        createdAt: comment.createdAt.toISOString(),
        url: commentPermalinkPath(slug, comment.id),
      },
    },
    { status: comment.status === 'published' ? 201 : 202, headers: { Location: commentPermalinkPath(slug, comment.id) } },
  );
}
