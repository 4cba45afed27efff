import { recordAction } from '@/lib/audit';
import { changeVisibly, type Change } from '@/lib/write/visible-change';
import { listArticles } from '@/lib/content/articles';
import type { Article } from '@/lib/content/load-articles';
import type { Database } from '@/lib/db/client';
import { readSettings, type ModerationMode, type SiteSettings } from '@/lib/settings';
import { defaultArticleState, isCommentingOpen } from '../article-state';
import { editableUntil, matchesEditSecret } from './secret';
import { hashBody } from '@/lib/fingerprint';
import { replaceCommentText } from '../replace-text';
import { countLinks } from '../links';
import { CLOSED_MESSAGE } from '../messages';
import { LINKS_HELD_FOR_MODERATION } from '../posting/rules';
import { commentInput } from '../schema';

/** Who the audit log names for a writer's own change: a reader has no account. */
const WRITER_ACTOR = 'lecteur';

/** The comment as its writer's edit page shows it: no e-mail, no hash. */
export type OwnComment = {
  id: number;
  articleSlug: string;
  parentId: number | null;
  authorName: string;
  authorWebsite: string | null;
  body: string;
  isAuthor: boolean;
  status: string;
  createdAt: Date;
  editedAt: Date | null;
};

export type OwnCommentRefusal = {
  ok: false;
  reason: 'not-found' | 'not-yours' | 'expired' | 'closed' | 'invalid' | 'duplicate' | 'failed';
  message: string;
  fieldErrors: { body?: string };
};

const refuse = (reason: OwnCommentRefusal['reason'], message: string, fieldErrors: OwnCommentRefusal['fieldErrors'] = {}): OwnCommentRefusal => ({ ok: false, reason, message, fieldErrors });

const minutes = (count: number) => `${count} minute${count > 1 ? 's' : ''}`;

type Row = OwnComment & { authorEmail: string; editSecretHash: string | null };

/**
 * Whether the browser that sent `secret` may change this comment at `now` (the clock is a
 * parameter): the comment exists on this article and is not removed, its window is still open,
 * and the secret is its own. A pure function of what the database holds.
 */
export function checkOwnership(row: Row | null, slug: string, secret: string | undefined, windowMinutes: number, now: Date): { ok: true; until: Date } | OwnCommentRefusal {
  if (!row || row.articleSlug !== slug || row.status === 'deleted' || row.status === 'spam') {
    return refuse('not-found', 'Ce commentaire n’existe pas ou n’est plus en ligne.');
  }
  const until = editableUntil(row.createdAt, windowMinutes);
  if (!until) return refuse('expired', 'Les commentaires ne se modifient plus après leur envoi sur ce site.');
  if (now > until) {
    return refuse(
      'expired',
      `Le délai est passé : un commentaire se modifie ou se supprime pendant ${minutes(windowMinutes)} après son envoi. ` +
        'Pour toute demande, écrivez à l’éditeur du site (voir la politique de confidentialité).',
    );
  }
  if (!matchesEditSecret(secret, row.editSecretHash)) {
    return refuse('not-yours', `Seul le navigateur qui a publié ce commentaire peut le modifier ou le supprimer, pendant ${minutes(windowMinutes)} après son envoi.`);
  }
  return { ok: true, until };
}

/**
 * The status of an edited text, by the posting rules: two links or more, or « tout retenir », and
 * it waits for the author again; otherwise it keeps its status (a held comment stays held).
 */
export function editedStatus(current: string, facts: { linkCount: number; moderation: ModerationMode }): string {
  if (facts.linkCount >= LINKS_HELD_FOR_MODERATION || facts.moderation === 'hold-all') return 'pending';
  return current;
}

const ROW_FIELDS = {
  id: true,
  articleSlug: true,
  parentId: true,
  authorName: true,
  authorWebsite: true,
  body: true,
  isAuthor: true,
  status: true,
  createdAt: true,
  editedAt: true,
  authorEmail: true,
  editSecretHash: true,
} as const;

type Reader = Pick<Database, 'comment' | 'siteSettings'>;

async function readRow(db: Reader, id: number): Promise<{ row: Row | null; settings: SiteSettings }> {
  const [row, settings] = await Promise.all([db.comment.findUnique({ where: { id }, select: ROW_FIELDS }), readSettings(db)]);
  return { row, settings };
}

/** What the page may show: the row without its e-mail and secret hash. */
const shown = (row: Row): OwnComment => ({
  id: row.id,
  articleSlug: row.articleSlug,
  parentId: row.parentId,
  authorName: row.authorName,
  authorWebsite: row.authorWebsite,
  body: row.body,
  isAuthor: row.isAuthor,
  status: row.status,
  createdAt: row.createdAt,
  editedAt: row.editedAt,
});

/** The comment its writer opens to edit or delete, if this browser may: what the edit page shows. */
export async function getOwnComment(
  db: Reader,
  slug: string,
  id: number,
  secret: string | undefined,
  now = new Date(),
): Promise<{ ok: true; comment: OwnComment; until: Date } | OwnCommentRefusal> {
  const { row, settings } = await readRow(db, id);
  const check = checkOwnership(row, slug, secret, settings.editWindowMinutes, now);
  if (!check.ok || !row) return check.ok ? refuse('not-found', 'Ce commentaire n’existe pas.') : check;
  return { ok: true, comment: shown(row), until: check.until };
}

export type OwnEditResult = { ok: true; slug: string; status: string; isChanged: boolean; message: string } | OwnCommentRefusal;

/** An answer that changed nothing readers see. */
const unseen = <T>(result: T): Change<T> => ({ result, seen: {} });

export type OwnChangeContext = { now?: Date; articles?: () => Promise<Article[]> };

const bodyOnly = commentInput.shape.body;

/**
 * The writer's correction of their comment, within the window: the same rules as a new post for
 * the text (length, invisible characters, links → held again, a duplicate refused, a closed
 * article refused); the earlier text is kept for the author (CommentRevision); the thread's
 * cached pages end in the same commit.
 */
export async function editOwnComment(db: Database, input: { slug: string; id: number; secret: string | undefined; body: unknown }, context: OwnChangeContext = {}): Promise<OwnEditResult> {
  const now = context.now ?? new Date();
  const parsed = bodyOnly.safeParse(input.body);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Texte invalide.';
    return refuse('invalid', 'Le commentaire n’a pas été modifié : corrigez le texte.', { body: message });
  }
  const body = parsed.data;
  const article = (await (context.articles ?? listArticles)()).find((candidate) => candidate.slug === input.slug);
  if (!article) return refuse('not-found', 'Ce commentaire n’existe pas ou n’est plus en ligne.');
  try {
    return await changeVisibly<OwnEditResult>(db, async (tx) => {
      const { row, settings } = await readRow(tx, input.id);
      const check = checkOwnership(row, input.slug, input.secret, settings.editWindowMinutes, now);
      if (!check.ok || !row) return unseen(check.ok ? refuse('not-found', 'Ce commentaire n’existe pas.') : check);
      const state = await tx.article.findUnique({ where: { slug: input.slug }, select: { commentsOpen: true, closesAt: true } });
      if (!isCommentingOpen(state ?? defaultArticleState(article.comments), now, { publishedAt: article.date, closeAfterDays: settings.closeAfterDays })) {
        return unseen(refuse('closed', `${CLOSED_MESSAGE} Votre commentaire ne se modifie plus ; vous pouvez encore le supprimer.`));
      }
      if (body === row.body) return unseen({ ok: true, slug: input.slug, status: row.status, isChanged: false, message: 'Le texte n’a pas changé.' });
      const bodyHash = hashBody(body);
      const duplicate = await tx.comment.findFirst({
        where: { articleSlug: input.slug, bodyHash, authorEmail: row.authorEmail, status: { not: 'deleted' }, id: { not: row.id } },
        select: { id: true },
      });
      if (duplicate) return unseen(refuse('duplicate', 'Vous avez déjà publié ce texte sur cet article.', { body: 'Ce texte a déjà été envoyé.' }));
      const status = editedStatus(row.status, { linkCount: countLinks(body), moderation: settings.moderation });
      await replaceCommentText(tx, { id: row.id, previousBody: row.body, body, editedBy: 'reader', now, status });
      await recordAction(tx, WRITER_ACTOR, 'comment.edit-by-writer', `comment:${row.id}`, status === row.status ? undefined : { status });
      const message = status === 'pending' ? 'Votre commentaire modifié attend la relecture de l’auteur.' : 'Votre commentaire est modifié.';
      const isSeen = row.status === 'published' || status === 'published';
      return { result: { ok: true, slug: input.slug, status, isChanged: true, message }, seen: isSeen ? { comments: [input.slug] } : {} };
    });
  } catch (error) {
    console.error('editOwnComment failed', error);
    return refuse('failed', 'La modification n’a pas pu être enregistrée. Réessayez dans un instant.');
  }
}

export type OwnDeleteResult = { ok: true; slug: string; wasPublished: boolean } | OwnCommentRefusal;

/**
 * The writer's removal of their comment, within the window: deleted for good (its earlier texts
 * with it; its replies stay, without a parent), not merely hidden as moderation does.
 */
export async function deleteOwnComment(db: Database, input: { slug: string; id: number; secret: string | undefined }, context: Pick<OwnChangeContext, 'now'> = {}): Promise<OwnDeleteResult> {
  const now = context.now ?? new Date();
  try {
    return await changeVisibly<OwnDeleteResult>(db, async (tx) => {
      const { row, settings } = await readRow(tx, input.id);
      const check = checkOwnership(row, input.slug, input.secret, settings.editWindowMinutes, now);
      if (!check.ok || !row) return unseen(check.ok ? refuse('not-found', 'Ce commentaire n’existe pas.') : check);
      await tx.comment.delete({ where: { id: row.id } });
      await recordAction(tx, WRITER_ACTOR, 'comment.delete-by-writer', `comment:${row.id}`);
      const wasPublished = row.status === 'published';
      return { result: { ok: true, slug: input.slug, wasPublished }, seen: wasPublished ? { comments: [input.slug] } : {} };
    });
  } catch (error) {
    console.error('deleteOwnComment failed', error);
    return refuse('failed', 'La suppression n’a pas pu se faire. Réessayez dans un instant.');
  }
}
