import { z } from 'zod';
import { targetOf, type Database } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { getBook } from '@/lib/book-file/get-book';
import { commentInput } from '@/lib/comments/schema';
import { hashBody } from '@/lib/fingerprint';
import { changeVisibly } from '@/lib/write/visible-change';
import { replaceCommentText } from '@/lib/comments/replace-text';
import { insertComments } from '@/lib/comments/insert-comments';
import { queryRows } from '@/lib/db/kysely';
import { wakeOutboxSenders } from '@/lib/mail/outbox';
import { announceApproval, announceToSubscribers } from '@/lib/subscriptions/announce';
import { recordAction } from '@/lib/audit';

export const COMMENT_STATUSES = ['pending', 'published', 'spam', 'deleted'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

const MODERATION_ACTIONS = { approve: 'published', spam: 'spam', delete: 'deleted', restore: 'published' } as const;
export type ModerationAction = keyof typeof MODERATION_ACTIONS;

export const moderationInput = z.object({
  action: z.enum(Object.keys(MODERATION_ACTIONS) as [ModerationAction, ...ModerationAction[]], { error: 'Action inconnue.' }),
  ids: z.array(z.coerce.number().int().positive()).min(1, 'Choisissez au moins un commentaire.').max(200, '200 commentaires au plus à la fois.'),
});

const PAGE_SIZE = 25;

export type CommentQuery = { status?: CommentStatus; search?: string; article?: string; page: number };

/** One page of comments for the moderation screen, newest first; search by author, e-mail or text. */
export async function listCommentsForModeration(db: Database, query: CommentQuery) {
  const search = query.search?.trim();
  // SQLite's LIKE ignores case (for ASCII); on PostgreSQL, ask for the same.
  const contains = (text: string) =>
    (targetOf(db).provider === 'postgresql' ? { contains: text, mode: 'insensitive' } : { contains: text }) as Prisma.StringFilter;
  const where: Prisma.CommentWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.article ? { articleSlug: query.article } : {}),
    ...(search
      ? { OR: [{ authorName: contains(search) }, { authorEmail: contains(search.toLowerCase()) }, { body: contains(search) }] }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.comment.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, articleSlug: true, parentId: true, authorName: true, authorEmail: true, authorWebsite: true, body: true, status: true, isAuthor: true, createdAt: true, editedAt: true },
    }),
    db.comment.count({ where }),
  ]);
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** Applies one action to several comments; returns the articles whose public thread changed. */
export async function moderateComments(db: Database, action: ModerationAction, ids: number[], actor: string): Promise<string[]> {
  let isAnnounced = false;
  const slugs = await changeVisibly(db, async (tx) => {
    const targets = await tx.comment.findMany({
      where: { id: { in: ids } },
      select: { id: true, articleSlug: true, status: true, parentId: true, authorName: true, authorEmail: true, body: true, createdAt: true, isAuthor: true },
    });
    if (targets.length === 0) return { result: [], seen: {} };
    await tx.comment.updateMany({ where: { id: { in: targets.map((target) => target.id) } }, data: { status: MODERATION_ACTIONS[action] } });
    for (const target of targets) await recordAction(tx, actor, `comment.${action}`, `comment:${target.id}`);
    // Published for the first time (held, or taken for spam): the subscribers hear of it now.
    const firstPublished = MODERATION_ACTIONS[action] === 'published' ? targets.filter((target) => target.status === 'pending' || target.status === 'spam') : [];
    await announceToSubscribers(tx, targetOf(db).provider, firstPublished);
    // Its writer hears that a held comment is out (one taken for spam and put back is not news to them).
    await announceApproval(tx, firstPublished.filter((target) => target.status === 'pending'));
    isAnnounced = firstPublished.length > 0;
    const changed = [...new Set(targets.map((target) => target.articleSlug))];
    return { result: changed, seen: { comments: changed } };
  });
  if (isAnnounced) wakeOutboxSenders();
  return slugs;
}

const bodyOnly = commentInput.shape.body;

export type EditResult = { ok: true; slug: string } | { ok: false; message: string };

/** Corrects a comment's text (the same rules as a reader's). */
export async function editComment(db: Database, id: number, rawBody: unknown, actor: string): Promise<EditResult> {
  const body = bodyOnly.safeParse(rawBody);
  if (!body.success) return { ok: false, message: body.error.issues[0]?.message ?? 'Texte invalide.' };
  return changeVisibly<EditResult>(db, async (tx) => {
    const comment = await tx.comment.findUnique({ where: { id }, select: { articleSlug: true, body: true } });
    if (!comment) return { result: { ok: false, message: 'Ce commentaire n’existe pas.' }, seen: {} };
    if (comment.body === body.data) return { result: { ok: true, slug: comment.articleSlug }, seen: {} };
    await replaceCommentText(tx, { id, previousBody: comment.body, body: body.data, editedBy: 'author', now: new Date() });
    await recordAction(tx, actor, 'comment.edit', `comment:${id}`, { before: comment.body.slice(0, 200) });
    return { result: { ok: true, slug: comment.articleSlug }, seen: { comments: [comment.articleSlug] } };
  });
}

/** A comment's earlier texts, newest first, for the author (at most `limit`: a writer's window or the author's corrections make few). */
export async function listRevisions(db: Pick<Database, 'commentRevision'>, commentId: number, limit = 50) {
  return db.commentRevision.findMany({
    where: { commentId },
    orderBy: { id: 'desc' },
    take: limit,
    select: { id: true, body: true, editedBy: true, replacedAt: true },
  });
}

/** The author's reply: published at once and marked « Auteur » on the page. */
export async function replyAsAuthor(db: Database, parentId: number, rawBody: unknown, author: { email: string }): Promise<EditResult & { id?: number }> {
  const body = bodyOnly.safeParse(rawBody);
  if (!body.success) return { ok: false, message: body.error.issues[0]?.message ?? 'Texte invalide.' };
  const { author: authorName } = await getBook();
  const result = await changeVisibly<EditResult & { id?: number }>(db, async (tx) => {
    const parent = await tx.comment.findUnique({ where: { id: parentId }, select: { id: true, parentId: true, articleSlug: true } });
    if (!parent) return { result: { ok: false, message: 'Ce commentaire n’existe pas.' }, seen: {} };
    const row = {
      articleSlug: parent.articleSlug,
      parentId: parent.parentId ?? parent.id,
      authorName,
      authorEmail: author.email,
      body: body.data,
      status: 'published',
      isAuthor: true,
      ipHash: 'auteur',
      bodyHash: hashBody(body.data),
      createdAt: new Date(),
    };
    const [inserted] = await queryRows(tx, targetOf(db).provider, insertComments([row]));
    if (!inserted) throw new Error('INSERT … RETURNING returned no row');
    const reply = { ...row, id: Number(inserted.id) };
    await recordAction(tx, author.email, 'comment.reply', `comment:${reply.id}`, { parentId });
    await announceToSubscribers(tx, targetOf(db).provider, [reply]);
    return { result: { ok: true, slug: parent.articleSlug, id: reply.id }, seen: { comments: [parent.articleSlug] } };
  });
  if (result.ok) wakeOutboxSenders();
  return result;
}
