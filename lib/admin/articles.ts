import { z } from 'zod';
import { targetOf, type Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/kysely';
import type { Article } from '@/lib/content/load-articles';
import { automaticClosingDate, defaultArticleState, isCommentingOpen } from '@/lib/comments/article-state';
import { readSettings } from '@/lib/settings';
import { changeVisibly } from '@/lib/write/visible-change';
import { recordAction } from '@/lib/audit';

export type ArticleOverview = {
  slug: string;
  title: string;
  date: Date;
  published: number;
  pending: number;
  /** Addresses that confirmed a subscription to its comments (one per address, whatever its scopes). */
  subscribers: number;
  isOpen: boolean;
  closedAt: Date | null;
  closesAt: Date | null;
};

/** Every article with its comment counts and state, for the dashboard. */
export async function listArticleOverviews(db: Database, articles: Article[], now = new Date()): Promise<ArticleOverview[]> {
  const [states, counts, subscribers, settings] = await Promise.all([
    db.article.findMany({ select: { slug: true, commentsOpen: true, closedAt: true, closesAt: true } }),
    db.comment.groupBy({ by: ['articleSlug', 'status'], _count: { _all: true }, where: { status: { in: ['published', 'pending'] } } }),
    queryRows(db, targetOf(db).provider, (k) =>
      k.selectFrom('Subscription').select((eb) => ['articleSlug', eb.fn.count<number | bigint>('email').distinct().as('count')]).where('status', '=', 'confirmed').groupBy('articleSlug'),
    ),
    readSettings(db),
  ]);
  return articles.map((article) => {
    const row = states.find((state) => state.slug === article.slug);
    const state = row ?? defaultArticleState(article.comments);
    const rules = { publishedAt: article.date, closeAfterDays: settings.closeAfterDays };
    const countOf = (status: string) => counts.find((count) => count.articleSlug === article.slug && count.status === status)?._count._all ?? 0;
    const isOpen = isCommentingOpen(state, now, rules);
    const closing = automaticClosingDate(state, rules);
    return {
      slug: article.slug,
      title: article.title,
      date: article.date,
      published: countOf('published'),
      pending: countOf('pending'),
      subscribers: Number(subscribers.find((row) => row.articleSlug === article.slug)?.count ?? 0),
      isOpen,
      closedAt: isOpen ? null : (row?.closedAt ?? closing),
      closesAt: isOpen ? closing : null,
    };
  });
}

/** What the dashboard and `PATCH /api/admin/articles/<slug>` may change. */
export const articleStateInput = z
  .strictObject(
    {
    commentsOpen: z.boolean({ error: 'commentsOpen doit valoir true ou false.' }).optional(),
    closesAt: z
      .union([z.iso.datetime({ offset: true, error: 'closesAt : date ISO 8601 attendue.' }), z.null()])
      .optional()
      .transform((value) => (value === undefined ? undefined : value === null ? null : new Date(value))),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? 'Champ inconnu : seuls commentsOpen et closesAt sont acceptés.' : undefined) },
  )
  .refine((value) => value.commentsOpen !== undefined || value.closesAt !== undefined, 'Rien à changer : indiquez commentsOpen ou closesAt.');

export type ArticleStateChange = { commentsOpen?: boolean; closesAt?: Date | null };

/** Opens, closes or schedules the closing of an article's comments, and records it. */
export async function updateArticleState(db: Database, article: Pick<Article, 'slug' | 'comments'>, change: ArticleStateChange, actor: string): Promise<void> {
  const now = new Date();
  const defaults = defaultArticleState(article.comments);
  const data: { commentsOpen?: boolean; closedAt?: Date | null; closedBy?: string | null; closesAt?: Date | null } = {};
  if (change.commentsOpen !== undefined) {
    data.commentsOpen = change.commentsOpen;
    data.closedAt = change.commentsOpen ? null : now;
    data.closedBy = change.commentsOpen ? null : actor;
    // Reopening by hand also cancels a schedule that has passed.
    if (change.commentsOpen && change.closesAt === undefined) data.closesAt = null;
  }
  if (change.closesAt !== undefined) data.closesAt = change.closesAt;
  await changeVisibly(db, async (tx) => {
    await tx.article.upsert({
      where: { slug: article.slug },
      create: { slug: article.slug, commentsOpen: data.commentsOpen ?? defaults.commentsOpen, closedAt: data.closedAt ?? null, closedBy: data.closedBy ?? null, closesAt: data.closesAt ?? null },
      update: data,
    });
    const action = change.commentsOpen === undefined ? 'comments.schedule' : change.commentsOpen ? 'comments.open' : 'comments.close';
    await recordAction(tx, actor, action, `article:${article.slug}`, { closesAt: change.closesAt?.toISOString() ?? change.closesAt });
    return { result: undefined, seen: { comments: [article.slug] } };
  });
}
