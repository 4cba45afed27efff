import type { Database } from '@/lib/db/client';
import { getConfig } from '@/lib/config';
import { listArticles } from '@/lib/content/articles';
import type { Article } from '@/lib/content/load-articles';
import { readSettings } from '@/lib/settings';
import { defaultArticleState, isCommentingOpen } from './article-state';
import { hashBody, hashIp } from './fingerprint';
import { countLinks } from './links';
import { CLOSED_MESSAGE, PENDING_MESSAGE, PUBLISHED_MESSAGE } from './messages';
import { commentInput, fieldErrorsOf, type FieldErrors } from './schema';


/** Comments with this many links or more wait for the author's review. */
export const LINKS_HELD_FOR_MODERATION = 2;

export type StoredComment = {
  id: number;
  articleSlug: string;
  parentId: number | null;
  authorName: string;
  /** For the author's notification only: never sent to readers. */
  authorEmail: string;
  authorWebsite: string | null;
  body: string;
  status: 'published' | 'pending';
  createdAt: Date;
};

export type PostCommentResult =
  | { ok: true; comment: StoredComment; message: string }
  | {
      ok: false;
      reason: 'invalid' | 'not-found' | 'closed' | 'rate-limited' | 'duplicate' | 'failed';
      message: string;
      fieldErrors: FieldErrors;
      retryAfterSeconds?: number;
    };

export type PostContext = {
  db: Database;
  /** The poster's IP address as seen by the server; only its salted hash is stored. */
  ip: string;
  now?: Date;
  /** Where the articles come from (tests pass a folder of their own). */
  articles?: () => Promise<Article[]>;
  rateLimit?: { max: number; windowSeconds: number } | null;
};

const failure = (
  reason: Extract<PostCommentResult, { ok: false }>['reason'],
  message: string,
  fieldErrors: FieldErrors = {},
  retryAfterSeconds?: number,
): PostCommentResult => ({ ok: false, reason, message, fieldErrors, retryAfterSeconds });

class RuleBroken extends Error {
  constructor(readonly result: PostCommentResult) {
    super(result.ok ? 'ok' : result.message);
  }
}

/**
 * Posts a reader's comment: validates it, checks every rule (article exists and is open, rate
 * limit, duplicate, reply target) and stores it, in one transaction. The form's server action and
 * the JSON API both call this, so they cannot disagree.
 */
export async function postComment(slug: string, rawInput: unknown, context: PostContext): Promise<PostCommentResult> {
  const config = getConfig();
  const now = context.now ?? new Date();
  const rateLimit = context.rateLimit === undefined ? config.COMMENT_RATE_LIMIT : context.rateLimit;

  const article = (await (context.articles ?? listArticles)()).find((candidate) => candidate.slug === slug);
  if (!article) return failure('not-found', "Cet article n'existe pas.");

  if (typeof rawInput !== 'object' || rawInput === null || Array.isArray(rawInput)) {
    return failure('invalid', 'La requête doit être un objet JSON avec name, email, body (et website, parentId facultatifs).');
  }
  const parsed = commentInput.safeParse(rawInput);
  if (!parsed.success) {
    return failure('invalid', 'Le commentaire n’a pas été publié : corrigez les champs signalés.', fieldErrorsOf(parsed.error));
  }
  const input = parsed.data;
  if (input.homepage) return failure('invalid', 'Le commentaire n’a pas été publié.');

  const ipHash = hashIp(context.ip, config.IP_HASH_SALT);
  const bodyHash = hashBody(input.body);
  const hasManyLinks = countLinks(input.body) >= LINKS_HELD_FOR_MODERATION;

  try {
    const comment = await context.db.$transaction(async (tx) => {
      const defaults = defaultArticleState(article.comments);
      const state =
        (await tx.article.findUnique({ where: { slug }, select: { commentsOpen: true, closesAt: true } })) ??
        (await tx.article.create({ data: { slug, commentsOpen: defaults.commentsOpen }, select: { commentsOpen: true, closesAt: true } }));
      const settings = await readSettings(tx);
      if (!isCommentingOpen(state, now, { publishedAt: article.date, closeAfterDays: settings.closeAfterDays })) {
        throw new RuleBroken(failure('closed', CLOSED_MESSAGE));
      }

      if (rateLimit) {
        const windowStart = new Date(now.getTime() - rateLimit.windowSeconds * 1000);
        const recent = await tx.comment.findMany({
          where: { ipHash, createdAt: { gt: windowStart } },
          select: { createdAt: true },
          orderBy: { createdAt: 'asc' },
          take: rateLimit.max,
        });
        const oldest = recent[0];
        if (recent.length >= rateLimit.max && oldest) {
          const retryAfter = Math.max(1, Math.ceil((oldest.createdAt.getTime() + rateLimit.windowSeconds * 1000 - now.getTime()) / 1000));
          throw new RuleBroken(
            failure('rate-limited', `Vous commentez trop vite : réessayez dans ${retryAfter} seconde${retryAfter > 1 ? 's' : ''}.`, {}, retryAfter),
          );
        }
      }

      const duplicate = await tx.comment.findFirst({
        where: { articleSlug: slug, bodyHash, authorEmail: input.email.toLowerCase(), status: { not: 'deleted' } },
        select: { id: true },
      });
      if (duplicate) {
        throw new RuleBroken(failure('duplicate', 'Vous avez déjà publié ce commentaire sur cet article.', { body: 'Ce commentaire a déjà été envoyé.' }));
      }

      let parentId: number | null = null;
      if (input.parentId !== undefined) {
        const parent = await tx.comment.findFirst({
          where: { id: input.parentId, articleSlug: slug, status: 'published' },
          select: { id: true, parentId: true },
        });
        if (!parent) {
          throw new RuleBroken(failure('invalid', 'Le commentaire auquel vous répondez n’existe pas.', { parentId: 'Le commentaire auquel vous répondez n’existe pas.' }));
        }
        // One level of replies: a reply to a reply joins its thread.
        parentId = parent.parentId ?? parent.id;
      }

      const isHeld =
        hasManyLinks ||
        settings.moderation === 'hold-all' ||
        (settings.moderation === 'hold-first' &&
          !(await tx.comment.findFirst({ where: { authorEmail: input.email.toLowerCase(), status: 'published' }, select: { id: true } })));
      const status = isHeld ? ('pending' as const) : ('published' as const);

      const created = await tx.comment.create({
        data: {
          articleSlug: slug,
          parentId,
          authorName: input.name,
          authorEmail: input.email.toLowerCase(),
          authorWebsite: input.website ?? null,
          body: input.body,
          status,
          ipHash,
          bodyHash,
          createdAt: now,
        },
        select: { id: true, articleSlug: true, parentId: true, authorName: true, authorEmail: true, authorWebsite: true, body: true, createdAt: true },
      });
      return { ...created, status };
    });
    return { ok: true, comment, message: comment.status === 'pending' ? PENDING_MESSAGE : PUBLISHED_MESSAGE };
  } catch (error) {
    if (error instanceof RuleBroken) return error.result;
    console.error('postComment failed', error);
    return failure('failed', 'Votre commentaire n’a pas pu être enregistré. Réessayez dans un instant.');
  }
}
