import { describe, expect, it } from 'vitest';
import { listHeldComments } from '@/lib/comments/held/comments';
import { heldProofKey, readHeldProof, signHeldProof } from '@/lib/comments/held/proof';
import { postComment } from '@/lib/comments/service';
import { seededSite } from './helpers/seeded-site';

const OPEN = 'le-marketing-2-0-c-est-quoi';
const CLOSED = 'en-librairie-le-15-mai';
const TWO_LINKS = 'https://un.example https://deux.example';
const DAY = 24 * 60 * 60 * 1000;
const site = seededSite();

async function post(body: string, extra: object = {}) {
  const result = await postComment(OPEN, { name: 'Camille', email: 'camille@exemple.fr', body, ...extra }, site.context);
  if (!result.ok) throw new Error(result.message);
  return result.comment;
}

describe('the held comments a browser asks for', () => {
  it('are only its own ids, of this article, still held: approved, refused, deleted, another article’s or another browser’s never come', async () => {
    const db = site.temp.db;
    const held = await post(`Retenu, à montrer. ${TWO_LINKS}`);
    const parent = await post('Publié.');
    const reply = await post(`Réponse retenue.\n\nSur deux paragraphes ${TWO_LINKS}`, { parentId: String(parent.id) });
    const approved = await post(`Approuvé depuis. ${TWO_LINKS}`);
    const spam = await post(`Indésirable. ${TWO_LINKS}`);
    const deleted = await post(`Supprimé par l’auteur. ${TWO_LINKS}`);
    const removed = await post(`Supprimé par son auteur. ${TWO_LINKS}`);
    const otherBrowsers = await post(`D’un autre navigateur. ${TWO_LINKS}`);
    const elsewhere = await db.comment.create({
      data: { articleSlug: CLOSED, authorName: 'Ailleurs', authorEmail: 'a@exemple.fr', body: 'Retenu ailleurs', status: 'pending', ipHash: 'x', bodyHash: 'y' },
    });
    await db.comment.update({ where: { id: approved.id }, data: { status: 'published' } });
    await db.comment.update({ where: { id: spam.id }, data: { status: 'spam' } });
    await db.comment.update({ where: { id: deleted.id }, data: { status: 'deleted' } });
    await db.comment.delete({ where: { id: removed.id } });

    // What this browser's signed cookie holds; the other browser's comment is not in it.
    const now = Date.now();
    const key = heldProofKey('un-secret-de-session-de-test-assez-long-pour-servir');
    const mine = [held, parent, reply, approved, spam, deleted, removed, elsewhere].map((comment) => ({ id: comment.id, until: now + DAY }));
    const ids = readHeldProof(signHeldProof(mine, OPEN, key), OPEN, key, now).map((entry) => entry.id);
    const shown = await listHeldComments(db, OPEN, ids);
    expect(shown.map((comment) => comment.id)).toEqual([held.id, reply.id]);
    expect(shown.map((comment) => comment.id)).not.toContain(otherBrowsers.id);
    // Shown as any comment is (text cut into paragraphs and links on the server), with its place; never the e-mail.
    expect(shown[1]).toMatchObject({ parentId: parent.id, authorName: 'Camille' });
    expect(shown[1]?.paragraphs).toEqual([
      [['Réponse retenue.']],
      [['Sur deux paragraphes ', { href: 'https://un.example', text: 'https://un.example' }, ' ', { href: 'https://deux.example', text: 'https://deux.example' }]],
    ]);
    expect(shown[0]?.parentId).toBeNull();
    expect(JSON.stringify(shown)).not.toContain('camille@exemple.fr');

    // A forged cookie names nothing; an empty list reads nothing.
    const forged = readHeldProof(signHeldProof([{ id: otherBrowsers.id, until: now + DAY }], OPEN, heldProofKey('une-autre-cle-de-session-assez-longue-aussi')), OPEN, key, now);
    expect(await listHeldComments(db, OPEN, forged.map((entry) => entry.id))).toEqual([]);
    // The same ids asked on another article give nothing of this one.
    expect(await listHeldComments(db, CLOSED, ids)).toEqual([expect.objectContaining({ id: elsewhere.id })]);
  });
});
