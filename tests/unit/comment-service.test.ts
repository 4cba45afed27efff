import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { postComment, type PostContext } from '@/lib/comments/service';
import { seed } from '@/prisma/seed';
import { after, before, days, minutes, NOW, seconds } from './helpers/clock';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

const OPEN = 'le-marketing-2-0-c-est-quoi';
const CLOSED = 'en-librairie-le-15-mai';
const comment = { name: 'Lectrice', email: 'lectrice@exemple.fr', body: 'Un vrai commentaire.' };

let temp: TempDatabase;
let articles: Article[];
let context: PostContext;

beforeEach(async () => {
  temp = await createTempDatabase();
  articles = await readArticles();
  await seed(temp.db, articles);
  context = { db: temp.db, ip: '203.0.113.7', articles: async () => articles, rateLimit: null };
});
afterEach(async () => temp.cleanup());

describe('posting a comment', () => {
  it('stores a published comment with a hashed IP and never the raw one', async () => {
    const result = await postComment(OPEN, comment, context);
    expect(result).toMatchObject({ ok: true, comment: { status: 'published', authorName: 'Lectrice' } });
    const row = await temp.db.comment.findFirstOrThrow({ where: { articleSlug: OPEN } });
    expect(row.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain('203.0.113.7');
  });

  it('rejects a comment on a closed article and stores nothing', async () => {
    const before = await temp.db.comment.count();
    const result = await postComment(CLOSED, comment, context);
    expect(result).toMatchObject({ ok: false, reason: 'closed', message: 'Les commentaires sont fermés.' });
    expect(await temp.db.comment.count()).toBe(before);
  });

  it('rejects a comment once its scheduled closing date has passed', async () => {
    const closesAt = after(days(30));
    await temp.db.article.update({ where: { slug: OPEN }, data: { closesAt } });
    expect((await postComment(OPEN, comment, { ...context, now: before(minutes(1), closesAt) })).ok).toBe(true);
    const late = await postComment(OPEN, { ...comment, body: 'Trop tard ?' }, { ...context, now: after(seconds(1), closesAt) });
    expect(late).toMatchObject({ ok: false, reason: 'closed' });
  });

  it('answers not-found for an unknown article', async () => {
    expect(await postComment('inconnu', comment, context)).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('rejects invalid input with field errors and stores nothing', async () => {
    const result = await postComment(OPEN, { ...comment, email: 'non', website: 'javascript:alert(1)' }, context);
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(['email', 'website']);
    expect(await temp.db.comment.count({ where: { articleSlug: OPEN } })).toBe(0);
  });

  it('rejects a request that is not an object', async () => {
    for (const input of [null, 'texte', 42, [comment]]) {
      expect(await postComment(OPEN, input, context), JSON.stringify(input)).toMatchObject({ ok: false, reason: 'invalid' });
    }
  });

  it('silently refuses what a bot puts in the honeypot', async () => {
    expect(await postComment(OPEN, { ...comment, homepage: 'http://spam.example' }, context)).toMatchObject({ ok: false });
    expect(await temp.db.comment.count({ where: { articleSlug: OPEN } })).toBe(0);
  });

  it('refuses the same comment twice from the same author', async () => {
    expect((await postComment(OPEN, comment, context)).ok).toBe(true);
    const again = await postComment(OPEN, { ...comment, body: '  UN vrai\ncommentaire. ' }, context);
    expect(again).toMatchObject({ ok: false, reason: 'duplicate' });
    expect(await temp.db.comment.count({ where: { articleSlug: OPEN } })).toBe(1);
  });

  it('holds comments with two links or more for moderation', async () => {
    const result = await postComment(OPEN, { ...comment, body: 'Voir https://a.example et http://b.example' }, context);
    expect(result).toMatchObject({ ok: true, comment: { status: 'pending' } });
    if (result.ok) expect(result.message).toMatch(/deux liens ou plus : il sera publié après relecture/);
    const oneLink = await postComment(OPEN, { ...comment, body: 'Voir https://a.example' }, context);
    expect(oneLink).toMatchObject({ ok: true, comment: { status: 'published' } });
  });

  it('rate-limits per IP hash from the database, with a retry delay', async () => {
    const limited = { ...context, rateLimit: { max: 2, windowSeconds: 60 }, now: NOW };
    expect((await postComment(OPEN, { ...comment, body: 'un' }, limited)).ok).toBe(true);
    expect((await postComment(OPEN, { ...comment, body: 'deux' }, { ...limited, now: after(seconds(10)) })).ok).toBe(true);
    const third = await postComment(OPEN, { ...comment, body: 'trois' }, { ...limited, now: after(seconds(20)) });
    expect(third).toMatchObject({ ok: false, reason: 'rate-limited', retryAfterSeconds: 40 });
    // Another address is not affected, and the first one may post again once the window has passed.
    expect((await postComment(OPEN, { ...comment, body: 'quatre' }, { ...limited, ip: '198.51.100.1', now: after(seconds(20)) })).ok).toBe(true);
    expect((await postComment(OPEN, { ...comment, body: 'cinq' }, { ...limited, now: after(seconds(61)) })).ok).toBe(true);
  });

  it('attaches a reply to its parent, and a reply to a reply to the same thread', async () => {
    const first = await postComment(OPEN, comment, context);
    if (!first.ok) throw new Error(first.message);
    const reply = await postComment(OPEN, { ...comment, body: 'Réponse', parentId: first.comment.id }, context);
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.comment.parentId).toBe(first.comment.id);
    const nested = await postComment(OPEN, { ...comment, body: 'Réponse à la réponse', parentId: reply.comment.id }, context);
    expect(nested).toMatchObject({ ok: true, comment: { parentId: first.comment.id } });
  });

  it('refuses a reply to a comment of another article', async () => {
    const other = await temp.db.comment.findFirstOrThrow({ where: { articleSlug: CLOSED } });
    const result = await postComment(OPEN, { ...comment, parentId: other.id }, context);
    expect(result).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { parentId: expect.any(String) } });
  });
});

describe('the seed', () => {
  it('stores the seven reader comments of the announcement once, closed', async () => {
    expect(await temp.db.comment.count({ where: { articleSlug: CLOSED, status: 'published' } })).toBe(7);
    const names = (await temp.db.comment.findMany({ where: { articleSlug: CLOSED }, orderBy: { createdAt: 'asc' } })).map((row) => row.authorName);
    expect(names).toEqual(['Yann', 'Stéphane', 'Philippe LG', 'Anonyme', 'Anonyme', 'Jacqueline Aglietta', 'Isabel']);
    expect(await temp.db.article.findUnique({ where: { slug: CLOSED } })).toMatchObject({ commentsOpen: false });
    expect(await temp.db.article.findUnique({ where: { slug: OPEN } })).toMatchObject({ commentsOpen: true });
    expect(await seed(temp.db, articles)).toEqual({ articlesCreated: 0, commentsCreated: 0 });
    expect(await temp.db.comment.count()).toBe(7);
  });
});
