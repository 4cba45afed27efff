import { describe, expect, it } from 'vitest';
import { HELD_MESSAGES, PUBLISHED_MESSAGE } from '@/lib/comments/messages';
import { decidePosting, LINKS_HELD_FOR_MODERATION, type PostingFacts, type PostingQuery } from '@/lib/comments/posting/rules';
import { postComment } from '@/lib/comments/service';
import { DEFAULT_SETTINGS, type ModerationMode } from '@/lib/settings';
import { seededSite } from './helpers/seeded-site';

const OPEN = 'le-marketing-2-0-c-est-quoi';
const TWO_LINKS = 'Voyez https://un.example et https://deux.example';
const site = seededSite();

const setModeration = (moderation: ModerationMode) => site.temp.db.siteSettings.upsert({ where: { id: 1 }, create: { id: 1, moderation }, update: { moderation } });

const post = (body: string, email = 'lectrice@exemple.fr', extra: object = {}) => postComment(OPEN, { name: 'Lectrice', email, body, ...extra }, site.context);

describe('why a comment is held, decided by the posting rules', () => {
  const query: PostingQuery = {
    slug: OPEN,
    ipHash: 'ip',
    bodyHash: 'body',
    email: 'lectrice@exemple.fr',
    parentId: undefined,
    now: new Date('2030-01-01T12:00:00Z'),
    rateLimit: null,
    article: { date: new Date('2029-12-01T00:00:00Z'), comments: 'open' },
    linkCount: 0,
  };
  const facts: PostingFacts = {
    articleState: null,
    settings: DEFAULT_SETTINGS,
    recentCount: 0,
    oldestRecent: null,
    isDuplicate: false,
    parent: null,
    authorHasPublished: false,
  };
  const decide = (moderation: ModerationMode, linkCount: number, authorHasPublished: boolean) =>
    decidePosting({ ...query, linkCount }, { ...facts, settings: { ...DEFAULT_SETTINGS, moderation }, authorHasPublished });

  it('says the one reason that matters: everything held, then links, then a first comment', () => {
    const many = LINKS_HELD_FOR_MODERATION;
    const cases: [ModerationMode, number, boolean, string | null][] = [
      ['publish', 0, false, null],
      ['publish', many - 1, false, null],
      ['publish', many, true, 'links'],
      ['hold-first', 0, false, 'first-comment'],
      ['hold-first', 0, true, null],
      ['hold-first', many, false, 'links'],
      ['hold-first', many, true, 'links'],
      ['hold-all', 0, true, 'all'],
      ['hold-all', many, false, 'all'],
    ];
    for (const [moderation, links, hasPublished, reason] of cases) {
      const decision = decide(moderation, links, hasPublished);
      expect(decision, `${moderation}, ${links} links, has published: ${hasPublished}`).toMatchObject(
        reason ? { ok: true, status: 'pending', heldBecause: reason } : { ok: true, status: 'published', heldBecause: null },
      );
    }
  });
});

describe('the held comment’s writer is told why, through postComment', () => {
  it('two links: held for its links, said in French', async () => {
    const result = await post(TWO_LINKS);
    expect(result).toMatchObject({ ok: true, comment: { status: 'pending', heldBecause: 'links' } });
    expect(result.ok && result.message).toBe('Merci ! Votre commentaire contient deux liens ou plus : il sera publié après relecture par l’auteur.');
  });

  it('« retenir le premier »: the first comment of an address is held as such, the next one after its approval is published', async () => {
    await setModeration('hold-first');
    const first = await post('Mon tout premier commentaire.', 'nouvelle@exemple.fr');
    expect(first).toMatchObject({ ok: true, comment: { status: 'pending', heldBecause: 'first-comment' } });
    expect(first.ok && first.message).toBe(HELD_MESSAGES['first-comment']);
    if (!first.ok) return;
    // With links as well, the links are what the writer must hear of: they hold any comment.
    expect(await post(TWO_LINKS, 'nouvelle@exemple.fr')).toMatchObject({ ok: true, comment: { heldBecause: 'links' } });

    await site.temp.db.comment.update({ where: { id: first.comment.id }, data: { status: 'published' } });
    const next = await post('Mon deuxième commentaire.', 'nouvelle@exemple.fr');
    expect(next).toMatchObject({ ok: true, message: PUBLISHED_MESSAGE, comment: { status: 'published', heldBecause: null } });
  });

  it('« tout retenir »: every comment is held for that reason, links or not', async () => {
    await setModeration('hold-all');
    const plain = await post('Un avis sans lien.');
    expect(plain).toMatchObject({ ok: true, comment: { status: 'pending', heldBecause: 'all' } });
    expect(plain.ok && plain.message).toBe(HELD_MESSAGES.all);
    expect(await post(TWO_LINKS)).toMatchObject({ ok: true, message: HELD_MESSAGES.all, comment: { heldBecause: 'all' } });
  });

  it('a published comment has no reason, and the message of a held one keeps the subscription sentence after it', async () => {
    expect(await post('Rien à relire.')).toMatchObject({ ok: true, message: PUBLISHED_MESSAGE, comment: { heldBecause: null } });
    const subscribed = await post(`${TWO_LINKS} (abonnée)`, 'abonnee@exemple.fr', { notifyReplies: true });
    expect(subscribed.ok && subscribed.message).toBe(`${HELD_MESSAGES.links} Un e-mail vous a été envoyé pour confirmer votre abonnement.`);
  });

  it('every message is French and distinct', () => {
    const messages = Object.values(HELD_MESSAGES);
    expect(new Set(messages).size).toBe(3);
    for (const message of messages) expect(message).toMatch(/^Merci ! .+ l’auteur\.$/);
  });
});
