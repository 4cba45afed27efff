import { db } from '@/lib/db';
import { getAnyArticle } from '@/lib/content/articles';
import { authorizeAdminRequest } from '@/lib/admin/api-guard';
import { articleStateInput, listArticleOverviews, updateArticleState } from '@/lib/admin/articles';
import { readJsonBody } from '@/lib/http/read-json-body';

type Context = { params: Promise<{ slug: string }> };

/** `PATCH {"commentsOpen": false}` or `{"closesAt": "2026-12-01T18:00:00+01:00" | null}`, for scripts. */
export async function PATCH(request: Request, { params }: Context) {
  const author = await authorizeAdminRequest(request, { isWrite: true });
  if (author instanceof Response) return author;
  const article = await getAnyArticle((await params).slug);
  if (!article) return Response.json({ error: "Cet article n'existe pas." }, { status: 404 });

  const body = await readJsonBody(request, 4096);
  if (!body.ok) return Response.json({ error: body.message }, { status: body.status });
  const change = articleStateInput.safeParse(body.value);
  if (!change.success) return Response.json({ error: change.error.issues[0]?.message ?? 'Requête invalide.' }, { status: 400 });

  await updateArticleState(db, article, change.data, author.email);
  const [overview] = await listArticleOverviews(db, [article]);
  return Response.json(overview);
}
