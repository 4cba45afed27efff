import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { postComment } from '@/lib/comments/service';
import { commentsTag } from '@/lib/comments/cache-tags';
import { toDisplayComment } from '@/lib/comments/comment-display';
import { editableUntil, matchesEditSecret, newEditSecret } from '@/lib/comments/own/secret';
import { MAX_MARKER_ENTRIES, parseEditMarker, serializeEditMarker } from '@/lib/comments/own/marker';
import { checkOwnership, deleteOwnComment, editOwnComment, editedStatus, getOwnComment } from '@/lib/comments/own/comment';
import { readThreadPage } from '@/lib/comments/thread-page';
import { eraseExpiredData } from '@/lib/privacy/retention';
import { DEFAULT_SETTINGS, settingsInput } from '@/lib/settings';
import { after, MINUTE, minutes, NOW } from './helpers/clock';
import { seededSite } from './helpers/seeded-site';

const OPEN = 'le-marketing-2-0-c-est-quoi';
// The real now: the comment, its outbox e-mail and the edit window are stored on a real database.
const POSTED_AT = NOW;
const at = (count: number) => after(minutes(count), POSTED_AT);

const site = seededSite();

/** A comment posted by the form (with its edit secret) at POSTED_AT. */
async function postWithSecret(body = 'Mon premier jet.', email = 'camille@exemple.fr', parentId?: number) {
  const result = await postComment(OPEN, { name: 'Camille', email, body, parentId: parentId ? String(parentId) : undefined }, { ...site.context, now: POSTED_AT, issueEditSecret: true });
  if (!result.ok) throw new Error(result.message);
  const { id, editSecret, editableUntil: until } = result.comment;
  if (!editSecret) throw new Error('no edit secret');
  return { id, secret: editSecret, until };
}

const tagVersion = async () => (await site.temp.db.cacheTag.findUnique({ where: { tag: commentsTag(OPEN) } }))?.version ?? 0;

describe('posting from the form', () => {
  it('gives the browser a secret and stores only its hash, with the window the author set', async () => {
    const { id, secret, until } = await postWithSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(until).toEqual(at(15));
    const row = await site.temp.db.comment.findUniqueOrThrow({ where: { id } });
    expect(row.editSecretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('gives none to the JSON API, and no window when the author allows no editing', async () => {
    const api = await postComment(OPEN, { name: 'Script', email: 'script@exemple.fr', body: 'Par l’API.' }, site.context);
    if (!api.ok) throw new Error(api.message);
    expect(api.comment.editSecret).toBeUndefined();
    expect((await site.temp.db.comment.findUniqueOrThrow({ where: { id: api.comment.id } })).editSecretHash).toBeNull();
    await site.temp.db.siteSettings.upsert({ where: { id: 1 }, create: { id: 1, editWindowMinutes: 0 }, update: { editWindowMinutes: 0 } });
    expect((await postWithSecret('Sans délai.')).until).toBeNull();
  });
});

describe('the writer’s own comment', () => {
  it('opens for its secret within the window, and refuses, in French, anyone else, after the window, or elsewhere', async () => {
    const { id, secret } = await postWithSecret();
    const db = site.temp.db;
    const found = await getOwnComment(db, OPEN, id, secret, at(14));
    expect(found).toMatchObject({ ok: true, comment: { id, body: 'Mon premier jet.', status: 'published' }, until: at(15) });
    expect(JSON.stringify(found)).not.toMatch(/camille@exemple\.fr|editSecretHash/);
    expect(await getOwnComment(db, OPEN, id, secret, at(15))).toMatchObject({ ok: true });
    expect(await getOwnComment(db, OPEN, id, newEditSecret().secret, at(1))).toEqual({
      ok: false,
      reason: 'not-yours',
      message: 'Seul le navigateur qui a publié ce commentaire peut le modifier ou le supprimer, pendant 15 minutes après son envoi.',
      fieldErrors: {},
    });
    expect(await getOwnComment(db, OPEN, id, undefined, at(1))).toMatchObject({ ok: false, reason: 'not-yours' });
    const late = await getOwnComment(db, OPEN, id, secret, new Date(at(15).getTime() + 1));
    expect(late).toMatchObject({ ok: false, reason: 'expired' });
    expect(late.ok ? '' : late.message).toMatch(/^Le délai est passé : un commentaire se modifie ou se supprime pendant 15 minutes après son envoi\./);
    expect(await getOwnComment(db, 'en-librairie-le-15-mai', id, secret, at(1))).toMatchObject({ ok: false, reason: 'not-found' });
    await db.comment.update({ where: { id }, data: { status: 'spam' } });
    expect(await getOwnComment(db, OPEN, id, secret, at(1))).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('follows the window the author sets, read at each request', async () => {
    const { id, secret } = await postWithSecret();
    await site.temp.db.siteSettings.upsert({ where: { id: 1 }, create: { id: 1, editWindowMinutes: 30 }, update: { editWindowMinutes: 30 } });
    expect(await getOwnComment(site.temp.db, OPEN, id, secret, at(29))).toMatchObject({ ok: true, until: at(30) });
    await site.temp.db.siteSettings.update({ where: { id: 1 }, data: { editWindowMinutes: 0 } });
    expect(await getOwnComment(site.temp.db, OPEN, id, secret, at(1))).toMatchObject({
      ok: false,
      reason: 'expired',
      message: 'Les commentaires ne se modifient plus après leur envoi sur ce site.',
    });
  });
});

describe('editing one’s own comment', () => {
  const edit = (id: number, secret: string | undefined, body: unknown, minutes: number) =>
    editOwnComment(site.temp.db, { slug: OPEN, id, secret, body }, { now: at(minutes), articles: async () => site.articles });

  it('saves the new text, keeps the earlier one for the author, marks it edited and ends the thread’s cached pages', async () => {
    const { id, secret } = await postWithSecret();
    const before = await tagVersion();
    expect(await edit(id, secret, '  Mon texte corrigé.  ', 5)).toEqual({ ok: true, slug: OPEN, status: 'published', isChanged: true, message: 'Votre commentaire est modifié.' });
    const row = await site.temp.db.comment.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ body: 'Mon texte corrigé.', status: 'published', editedAt: at(5) });
    expect(await site.temp.db.commentRevision.findMany({ where: { commentId: id }, select: { body: true, editedBy: true, replacedAt: true } })).toEqual([
      { body: 'Mon premier jet.', editedBy: 'reader', replacedAt: at(5) },
    ]);
    expect(await tagVersion()).toBeGreaterThan(before);
    expect(await site.temp.db.auditLog.findFirst({ where: { action: 'comment.edit-by-writer', target: `comment:${id}` }, select: { actor: true } })).toEqual({ actor: 'lecteur' });

    // The page shows it « modifié ».
    const article = site.article(OPEN);
    const page = await readThreadPage(site.temp.db, { slug: OPEN, comments: article.comments, publishedAt: article.date.toISOString() }, 'home');
    const shown = page.comments.find((comment) => comment.id === id);
    expect(shown?.editedAt).toBe(at(5).toISOString());
    expect(toDisplayComment(shown!).isEdited).toBe(true);

    // A second edit in the window keeps both earlier texts.
    expect(await edit(id, secret, 'Troisième version.', 14)).toMatchObject({ ok: true, isChanged: true });
    expect(await site.temp.db.commentRevision.count({ where: { commentId: id } })).toBe(2);
  });

  it('refuses after the window, with a clear French message, and changes nothing', async () => {
    const { id, secret } = await postWithSecret();
    const result = await edit(id, secret, 'Trop tard.', 16);
    expect(result).toMatchObject({ ok: false, reason: 'expired' });
    expect(result.ok ? '' : result.message).toContain('Le délai est passé');
    expect((await site.temp.db.comment.findUniqueOrThrow({ where: { id } })).body).toBe('Mon premier jet.');
    expect(await site.temp.db.commentRevision.count()).toBe(0);
  });

  it('holds the new text again when it has two links, as a new post would be', async () => {
    const { id, secret } = await postWithSecret();
    const result = await edit(id, secret, 'Voyez https://un.example et https://deux.example', 3);
    expect(result).toEqual({ ok: true, slug: OPEN, status: 'pending', isChanged: true, message: 'Votre commentaire modifié attend la relecture de l’auteur.' });
    expect((await site.temp.db.comment.findUniqueOrThrow({ where: { id } })).status).toBe('pending');
    // Still the writer's to fix within the window, held or not.
    expect(await edit(id, secret, 'Sans liens, finalement.', 4)).toMatchObject({ ok: true, status: 'pending' });
  });

  it('checks the text by the posting rules: empty, too long, invisible; a duplicate; a closed article', async () => {
    const { id, secret } = await postWithSecret();
    expect(await edit(id, secret, ' \u200B ', 1)).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { body: 'Écrivez votre commentaire.' } });
    expect(await edit(id, secret, 'x'.repeat(65_526), 1)).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { body: expect.stringMatching(/^Le commentaire est trop long \(65.525 caractères au plus\)\.$/) } });
    expect(await edit(id, secret, 42, 1)).toMatchObject({ ok: false, reason: 'invalid' });
    const other = await postWithSecret('Un autre texte.');
    expect(await edit(id, secret, 'Un autre texte.', 2)).toMatchObject({ ok: false, reason: 'duplicate', fieldErrors: { body: 'Ce texte a déjà été envoyé.' } });
    expect(await edit(id, secret, 'Mon premier jet.', 2)).toMatchObject({ ok: true, isChanged: false, message: 'Le texte n’a pas changé.' });
    expect(other.id).not.toBe(id);
    await site.temp.db.article.update({ where: { slug: OPEN }, data: { commentsOpen: false } });
    expect(await edit(id, secret, 'Après la fermeture.', 3)).toMatchObject({ ok: false, reason: 'closed' });
    expect(await site.temp.db.commentRevision.count()).toBe(0);
  });

  it('refuses another browser’s secret', async () => {
    const { id } = await postWithSecret();
    expect(await edit(id, newEditSecret().secret, 'Usurpé.', 1)).toMatchObject({ ok: false, reason: 'not-yours' });
  });
});

describe('deleting one’s own comment', () => {
  it('deletes it for good within the window, its earlier texts with it; replies stay without a parent; the counts stay true', async () => {
    const { id, secret } = await postWithSecret();
    await editOwnComment(site.temp.db, { slug: OPEN, id, secret, body: 'Corrigé.' }, { now: at(1), articles: async () => site.articles });
    const reply = await postWithSecret('Une réponse.', 'bob@exemple.fr', id);
    const before = await tagVersion();
    expect(await deleteOwnComment(site.temp.db, { slug: OPEN, id, secret: 'faux' }, { now: at(2) })).toMatchObject({ ok: false, reason: 'not-yours' });
    expect(await deleteOwnComment(site.temp.db, { slug: OPEN, id, secret }, { now: at(16) })).toMatchObject({ ok: false, reason: 'expired' });
    expect(await deleteOwnComment(site.temp.db, { slug: OPEN, id, secret }, { now: at(2) })).toEqual({ ok: true, slug: OPEN, wasPublished: true });
    expect(await site.temp.db.comment.findUnique({ where: { id } })).toBeNull();
    expect(await site.temp.db.commentRevision.count({ where: { commentId: id } })).toBe(0);
    expect((await site.temp.db.comment.findUniqueOrThrow({ where: { id: reply.id } })).parentId).toBeNull();
    expect(await tagVersion()).toBeGreaterThan(before);
    const counts = await site.temp.db.articleCommentCount.findUniqueOrThrow({ where: { articleSlug: OPEN } });
    expect(counts.published).toBe(await site.temp.db.comment.count({ where: { articleSlug: OPEN, status: 'published' } }));
    expect(counts.publishedRoots).toBe(await site.temp.db.comment.count({ where: { articleSlug: OPEN, status: 'published', parentId: null } }));
    expect(await site.temp.db.auditLog.count({ where: { action: 'comment.delete-by-writer', target: `comment:${id}` } })).toBe(1);
  });
});

describe('the edit secrets in the retention job', () => {
  it('are erased once the window is over, not before', async () => {
    const { id } = await postWithSecret();
    expect((await eraseExpiredData(site.temp.db, at(14))).erased.commentEditSecrets).toBe(0);
    expect((await eraseExpiredData(site.temp.db, at(15))).erased.commentEditSecrets).toBe(1);
    expect((await site.temp.db.comment.findUniqueOrThrow({ where: { id } })).editSecretHash).toBeNull();
  });
});

describe('the rules, as pure functions', () => {
  it('hold an edited text with two links or under « tout retenir », else keep its status', () => {
    expect(editedStatus('published', { linkCount: 2, moderation: 'publish' })).toBe('pending');
    expect(editedStatus('published', { linkCount: 0, moderation: 'hold-all' })).toBe('pending');
    expect(editedStatus('published', { linkCount: 1, moderation: 'hold-first' })).toBe('published');
    expect(editedStatus('pending', { linkCount: 0, moderation: 'publish' })).toBe('pending');
  });

  it('check the secret in constant time and the window by the clock given', () => {
    const { secret, hash } = newEditSecret();
    expect(matchesEditSecret(secret, hash)).toBe(true);
    expect(matchesEditSecret(`${secret}x`, hash)).toBe(false);
    expect(matchesEditSecret(secret, null)).toBe(false);
    expect(matchesEditSecret(secret, 'pas un hash')).toBe(false);
    expect(editableUntil(POSTED_AT, 15)).toEqual(at(15));
    expect(editableUntil(POSTED_AT, 0)).toBeNull();
    const row = { id: 1, articleSlug: OPEN, parentId: null, authorName: 'A', authorWebsite: null, body: 'b', isAuthor: false, status: 'published', createdAt: POSTED_AT, editedAt: null, authorEmail: 'a@exemple.fr', editSecretHash: hash };
    expect(checkOwnership(row, OPEN, secret, 15, at(15))).toEqual({ ok: true, until: at(15) });
    expect(checkOwnership(row, OPEN, secret, 15, at(15.001))).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('keep the marker short, without expired or forged entries', () => {
    const now = POSTED_AT.getTime();
    const entries = Array.from({ length: 25 }, (_, index) => ({ id: index + 1, until: now + (index + 1) * MINUTE }));
    const text = serializeEditMarker(entries);
    expect(text).toMatch(/^[0-9_-]+$/);
    const parsed = parseEditMarker(text, now);
    expect(parsed).toHaveLength(MAX_MARKER_ENTRIES);
    expect(parsed.at(-1)).toEqual({ id: 25, until: now + 25 * MINUTE });
    expect(parseEditMarker(text, now + 24 * MINUTE).map((entry) => entry.id)).toEqual([25]);
    expect(parseEditMarker('12-abc_<script>_0-99999999999_7-99999999999', now).map((entry) => entry.id)).toEqual([7]);
  });
});

describe('the edit window setting', () => {
  const base = { moderation: 'publish', closeAfterDays: '', commentsPerPage: '50', commentOrder: 'oldest', ipHashRetentionDays: '30' };

  it('defaults to 15 minutes and takes 0 (never) to 60', () => {
    expect(DEFAULT_SETTINGS.editWindowMinutes).toBe(15);
    expect(settingsInput.safeParse({ ...base, editWindowMinutes: '0' }).success).toBe(true);
    expect(settingsInput.safeParse({ ...base, editWindowMinutes: '60' }).success).toBe(true);
    expect(settingsInput.safeParse({ ...base, editWindowMinutes: '61' }).error?.issues[0]?.message).toBe('Un lecteur peut modifier son commentaire pendant 60 minutes au plus.');
    expect(settingsInput.safeParse({ ...base, editWindowMinutes: '-1' }).error?.issues[0]?.message).toBe('Le délai de modification ne peut pas être négatif (0 : jamais).');
  });
});
