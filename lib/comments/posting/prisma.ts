import type { Database } from '@/lib/db/client';
import { readSettings } from '@/lib/settings';
import type { NewComment } from './new-comment';
import { decidePosting, needsAuthorHistory, rateLimitWindowStart, type PostingQuery } from './rules';
import type { PostFailure, StoredComment } from './result';

class Refused extends Error {
  constructor(readonly failure: PostFailure) {
    super(failure.message);
  }
}

/**
 * Posting through Prisma (PostgreSQL): the same facts and rules in one interactive transaction,
 * with the locks that make them hold across every app instance, taken always in this order:
 * - the article's row FOR SHARE: posts run side by side, but the author's closing (an UPDATE of
 *   that row) waits for the posts in flight, and the posts after it see it closed;
 * - a transaction advisory lock on (article, text, e-mail): the same comment sent twice at once is
 *   stored once;
 * - with a rate limit, one on the address: its posts are counted one after another.
 */
export async function postWithPrisma(db: Database, query: PostingQuery, comment: NewComment): Promise<StoredComment | PostFailure> {
  try {
    return await db.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "Article" ("slug", "commentsOpen", "updatedAt") VALUES (${query.slug}, ${query.article.comments === 'open'}, ${query.now}) ON CONFLICT DO NOTHING`;
      const [state] = await tx.$queryRaw<{ commentsOpen: boolean; closesAt: Date | null }[]>`SELECT "commentsOpen", "closesAt" FROM "Article" WHERE "slug" = ${query.slug} FOR SHARE`;
      const sameComment = `comment:${query.slug}:${query.bodyHash}:${query.email}`;
      const sameAddress = query.rateLimit ? `address:${query.ipHash}` : null;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${sameComment}, 0)), pg_advisory_xact_lock(hashtextextended(coalesce(${sameAddress}, ${sameComment}), 0))`;
      const settings = await readSettings(tx);
      const windowStart = rateLimitWindowStart(query);
      const [recent, duplicate, parent, published] = await Promise.all([
        query.rateLimit && windowStart
          ? tx.comment.findMany({
              where: { ipHash: query.ipHash, createdAt: { gt: windowStart } },
              select: { createdAt: true },
              orderBy: { createdAt: 'asc' },
              take: query.rateLimit.max,
            })
          : [],
        tx.comment.findFirst({
          where: { articleSlug: query.slug, bodyHash: query.bodyHash, authorEmail: query.email, status: { not: 'deleted' } },
          select: { id: true },
        }),
        query.parentId === undefined
          ? null
          : tx.comment.findFirst({ where: { id: query.parentId, articleSlug: query.slug, status: 'published' }, select: { id: true, parentId: true } }),
        needsAuthorHistory(settings) ? tx.comment.findFirst({ where: { authorEmail: query.email, status: 'published' }, select: { id: true } }) : null,
      ]);
      const decision = decidePosting(query, {
        articleState: state ? { commentsOpen: state.commentsOpen, closesAt: state.closesAt } : null,
        settings,
        recentPostTimes: recent.map((row) => row.createdAt),
        isDuplicate: duplicate !== null,
        parent,
        authorHasPublished: published !== null,
      });
      if (!decision.ok) throw new Refused(decision);
      const created = await tx.comment.create({
        data: {
          articleSlug: query.slug,
          parentId: decision.parentId,
          authorName: comment.authorName,
          authorEmail: query.email,
          authorWebsite: comment.authorWebsite,
          body: comment.body,
          status: decision.status,
          ipHash: query.ipHash,
          bodyHash: query.bodyHash,
          createdAt: query.now,
        },
        select: { id: true, articleSlug: true, parentId: true, authorName: true, authorEmail: true, authorWebsite: true, body: true, createdAt: true },
      });
      return { ...created, status: decision.status };
    });
  } catch (error) {
    if (error instanceof Refused) return error.failure;
    throw error;
  }
}
