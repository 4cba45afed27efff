import { z } from 'zod';
import type { Database } from '@/lib/db/client';
import type { Article } from '@/lib/content/load-articles';
import { readSettings } from '@/lib/settings';
import { defaultArticleState, isCommentingOpen } from './article-state';

export const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

/** Largest value of a Prisma `Int` (32 bits on both databases): beyond it the query would fail. */
const MAX_ID = 2_147_483_647;

export const LIMIT_MESSAGE = `Le paramètre limit doit être un nombre entier entre 1 et ${MAX_PAGE_SIZE}.`;
export const CURSOR_MESSAGE = 'Le paramètre cursor est invalide : reprenez la lecture à la première page, ou passez le nextCursor d’une réponse tel quel.';
export const OTHER_ARTICLE_CURSOR_MESSAGE = 'Ce curseur appartient à un autre article : reprenez la lecture à la première page de celui-ci.';

/** A comment as the JSON API shows it: flat (parentId), with its permalink; no e-mail, no IP hash. */
export type ApiComment = {
  id: number;
  parentId: number | null;
  authorName: string;
  authorWebsite: string | null;
  body: string;
  isAuthor: boolean;
  createdAt: string;
  url: string;
};

export type ApiCommentPage = { open: boolean; count: number; comments: ApiComment[]; nextCursor: string | null };

/** One page to read: the comments after `afterId` (0: from the first), at most `limit` of them. */
export type PageRequest = { limit: number; afterId: number };

export type PageRequestResult = { ok: true; value: PageRequest } | { ok: false; message: string };

/** What a cursor carries: a version, so that its format can change, and the article it was made for. */
const cursorPayload = z.strictObject({ v: z.literal(1), slug: z.string().min(1), after: z.number().int().min(1).max(MAX_ID) });
type CursorPayload = z.infer<typeof cursorPayload>;

// Digits only: Number() would also take ' 5', '1e2', '0x10' or '5.0'.
const limitParam = z.string().regex(/^[0-9]{1,3}$/).transform(Number).pipe(z.number().int().min(1).max(MAX_PAGE_SIZE));

/** The cursor that resumes reading `slug` after the comment `afterId`. Opaque to clients: base64url of JSON. */
export function encodeCursor(slug: string, afterId: number): string {
  const payload: CursorPayload = { v: 1, slug, after: afterId };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** A cursor back from a client, or null if it is not one that encodeCursor made. */
export function decodeCursor(cursor: string): CursorPayload | null {
  // Buffer skips characters outside the alphabet instead of refusing them: check them first.
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
  const parsed = cursorPayload.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Reads `limit` and `cursor` from a request to `slug`'s comments, with a French message if either is wrong. */
export function parsePageRequest(slug: string, params: URLSearchParams): PageRequestResult {
  const limitText = params.get('limit');
  let limit = DEFAULT_PAGE_SIZE;
  if (limitText !== null) {
    const parsed = limitParam.safeParse(limitText);
    if (!parsed.success) return { ok: false, message: LIMIT_MESSAGE };
    limit = parsed.data;
  }
  const cursorText = params.get('cursor');
  if (cursorText === null) return { ok: true, value: { limit, afterId: 0 } };
  const cursor = decodeCursor(cursorText);
  if (!cursor) return { ok: false, message: CURSOR_MESSAGE };
  if (cursor.slug !== slug) return { ok: false, message: OTHER_ARTICLE_CURSOR_MESSAGE };
  return { ok: true, value: { limit, afterId: cursor.after } };
}

/**
 * One page of an article's published comments, in id order, and whether it accepts comments now.
 * Keyset on the id: ids only grow, so a walk to `nextCursor: null` sees each comment published when
 * it began once, and the ones published meanwhile at its end. A comment approved later with an
 * older id, or committed after a younger one (PostgreSQL), may be missed: it was not there yet.
 */
export async function readCommentPage(
  db: Pick<Database, 'article' | 'comment' | 'siteSettings'>,
  article: Pick<Article, 'slug' | 'comments' | 'date'>,
  { limit, afterId }: PageRequest,
  now = new Date(),
  // The route passes the cached count of page 1 (counting a big thread costs more than its page).
  countPublished: () => Promise<number> = () => db.comment.count({ where: { articleSlug: article.slug, status: 'published' } }),
): Promise<ApiCommentPage> {
  const published = { articleSlug: article.slug, status: 'published' };
  const [state, settings, count, rows] = await Promise.all([
    db.article.findUnique({ where: { slug: article.slug }, select: { commentsOpen: true, closesAt: true } }),
    readSettings(db),
    countPublished(),
    db.comment.findMany({
      where: { ...published, id: { gt: afterId } },
      orderBy: { id: 'asc' },
      // One more than asked says whether another page follows, without a second query.
      take: limit + 1,
      select: { id: true, parentId: true, authorName: true, authorWebsite: true, body: true, isAuthor: true, createdAt: true },
    }),
  ]);
  const open = isCommentingOpen(state ?? defaultArticleState(article.comments), now, { publishedAt: article.date, closeAfterDays: settings.closeAfterDays });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    open,
    count,
    comments: page.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), url: `/articles/${article.slug}/commentaires/${row.id}` })),
    nextCursor: rows.length > limit && last ? encodeCursor(article.slug, last.id) : null,
  };
}
