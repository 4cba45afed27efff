import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tagVersions, type TagVersions } from '@/lib/cache/tag-versions.cjs';
import CacheHandler from '@/lib/cache/cache-handler.cjs';
import { changeVisibly } from '@/lib/write/visible-change';
import { commentHomeTag, commentsTag } from '@/lib/comments/cache-tags';
import { postComment } from '@/lib/comments/service';
import { readArticles } from '@/lib/content/load-articles';
import { seed } from '@/prisma/seed';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

const OPEN = 'le-marketing-2-0-c-est-quoi';
const comment = { name: 'Lectrice', email: 'lectrice@exemple.fr', body: 'Un vrai commentaire.' };

// The cache tag versions every server process shares (workers on SQLite, instances on
// PostgreSQL), and the cache handler that relies on them, on a real migrated database of each kind.
describe('cache tag versions', () => {
  let database: TempDatabase;
  let versions: TagVersions;

  beforeEach(async () => {
    database = await createTempDatabase();
    versions = tagVersions(database.url);
  });
  afterEach(async () => {
    await versions.close();
    await database.cleanup();
  });

  it('moves each tag by one per write, apart from the others, and another connection sees it', async () => {
    const other = tagVersions(database.url);
    try {
      expect(await versions.read()).toEqual(new Map());
      await other.move(['comments:a', 'comments:b']);
      await other.move(['comments:a']);
      expect(await versions.read()).toEqual(new Map([['comments:a', 2], ['comments:b', 1]]));
    } finally {
      await other.close();
    }
  });

  it('answers reads between two writes with the same versions, and sees the next write of any connection', async () => {
    const other = tagVersions(database.url);
    try {
      await other.move(['comments:a']);
      const first = await versions.read();
      expect(await versions.read()).toEqual(first);
      await other.move(['comments:a']);
      expect((await versions.read()).get('comments:a')).toBe(2);
      await versions.move(['comments:b']);
      expect(await versions.read()).toEqual(new Map([['comments:a', 2], ['comments:b', 1]]));
    } finally {
      await other.close();
    }
  });

  it('moves with the transaction of the write (each tag once), and not at all when it rolls back', async () => {
    const tag = commentsTag(OPEN);
    await changeVisibly(database.db, async () => ({ result: null, seen: { comments: [OPEN, OPEN] } }));
    await expect(
      changeVisibly(database.db, async (tx) => {
        await tx.siteSettings.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
        throw new Error('la suite de l’écriture échoue');
      }),
    ).rejects.toThrow('la suite');
    expect((await versions.read()).get(tag)).toBe(1);
  });

  it('is moved by a published comment, in its transaction, and not by a held one', async () => {
    const articles = await readArticles();
    await seed(database.db, articles);
    const context = { db: database.db, ip: '203.0.113.7', articles: async () => articles, rateLimit: null };
    // A new top-level comment lands on the page the article shows: that page's tag moves.
    const before = (await versions.read()).get(commentHomeTag(OPEN)) ?? 0;
    expect(await postComment(OPEN, comment, context)).toMatchObject({ ok: true, comment: { status: 'published' } });
    expect((await versions.read()).get(commentHomeTag(OPEN))).toBe(before + 1);
    await database.db.siteSettings.upsert({ where: { id: 1 }, create: { id: 1, moderation: 'hold-all' }, update: { moderation: 'hold-all' } });
    expect(await postComment(OPEN, { ...comment, body: 'Retenu.' }, context)).toMatchObject({ ok: true, comment: { status: 'pending' } });
    expect((await versions.read()).get(commentHomeTag(OPEN))).toBe(before + 1);
  });

  it('cannot be moved? Then nothing is written: the comment fails with a French message, stores nothing', async () => {
    const articles = await readArticles();
    await seed(database.db, articles);
    const before = await database.db.comment.count();
    await database.db.$executeRawUnsafe('DROP TABLE "CacheTag"');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const result = await postComment(OPEN, comment, { db: database.db, ip: '203.0.113.8', articles: async () => articles, rateLimit: null });
      expect(result).toMatchObject({ ok: false, reason: 'failed', message: 'Votre commentaire n’a pas pu être enregistré. Réessayez dans un instant.' });
    } finally {
      errors.mockRestore();
    }
    expect(await database.db.comment.count()).toBe(before);
  });
});

describe('cache tag versions on a database that cannot answer', () => {
  it('rejects reads and writes: the caller decides, nothing is swallowed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'm20-tags-'));
    const file = path.join(dir, 'sans-table.db');
    new Database(file).close();
    const versions = tagVersions(`file:${file}`);
    try {
      await expect(versions.read()).rejects.toThrow(/CacheTag/);
      await expect(versions.move(['comments:x'])).rejects.toThrow(/CacheTag/);
    } finally {
      await versions.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Next's side of the contract, played as Next plays it: get (miss) → render → set → get.
describe('the cache handler', () => {
  let database: TempDatabase;
  let versions: TagVersions;
  const page = (html: string, tags: string[]) => ({ kind: 'APP_PAGE', html, rscData: Buffer.from(html), headers: { 'x-next-cache-tags': tags.join(',') }, status: 200 });
  const key = () => `/articles/${randomUUID()}`;
  const tag = commentsTag(OPEN);

  beforeAll(async () => {
    database = await createTempDatabase();
    process.env.DATABASE_URL = database.url;
    versions = tagVersions(database.url);
  });
  afterAll(async () => {
    await versions.close();
    await database.cleanup();
  });

  it('serves what was stored until a write moves one of its tags, in any process', async () => {
    const handler = new CacheHandler();
    const address = key();
    expect(await handler.get(address, {})).toBeNull();
    await handler.set(address, page('avant', [tag]), { cacheControl: { revalidate: false } });
    expect((await new CacheHandler().get(address, {}))?.value).toMatchObject({ html: 'avant' });
    await versions.move([commentsTag('un-autre-article')]);
    expect((await handler.get(address, {}))?.value).toMatchObject({ html: 'avant' });
    await versions.move([tag]); // another process's write
    expect(await handler.get(address, {})).toBeNull();
  });

  it('never serves a render that raced a write: it keeps the versions read before the render', async () => {
    const handler = new CacheHandler();
    const address = key();
    expect(await handler.get(address, {})).toBeNull(); // the render starts, reads the old thread…
    await versions.move([tag]); // …a comment is written meanwhile…
    await handler.set(address, page('sans le nouveau commentaire', [tag]), { cacheControl: { revalidate: false } });
    expect(await handler.get(address, {})).toBeNull(); // …so the next load renders again.
    await handler.set(address, page('avec', [tag]), { cacheControl: { revalidate: false } });
    expect((await handler.get(address, {}))?.value).toMatchObject({ html: 'avec' });
  });

  it('keeps with an entry the versions of its own tags only, however many tags the site has', async () => {
    // A database of its own: the other tests here read every tag on each get.
    const crowded = await createTempDatabase();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = crowded.url;
    const crowdedVersions = tagVersions(crowded.url);
    try {
      await crowdedVersions.move(Array.from({ length: 2_000 }, (_, index) => `comments:${OPEN}:page:${index + 1}`));
      await crowdedVersions.move([tag]);
      const handler = new CacheHandler();
      const address = key();
      expect(await handler.get(address, {})).toBeNull();
      await handler.set(address, page('une page', [tag]), { cacheControl: { revalidate: false } });
      const kept = (CacheHandler as unknown as { entries: Map<string, { versions: Map<string, number> }> }).entries.get(address);
      expect([...kept!.versions.keys()]).toEqual([tag]);
      expect((await handler.get(address, {}))?.value).toMatchObject({ html: 'une page' });
    } finally {
      process.env.DATABASE_URL = saved;
      await crowdedVersions.close();
      await crowded.cleanup();
    }
  });

  it('keeps the versions of the address’s own tags (soft tags) too: a moved one is compared, not taken for new', async () => {
    const softTag = `_N_T_${key()}`;
    await versions.move([softTag]);
    const handler = new CacheHandler();
    const address = key();
    expect(await handler.get(address, { softTags: [softTag] })).toBeNull();
    await handler.set(address, page('par adresse', [tag]), { cacheControl: { revalidate: false } });
    expect((await handler.get(address, { softTags: [softTag] }))?.value).toMatchObject({ html: 'par adresse' });
    await versions.move([softTag]);
    expect(await handler.get(address, { softTags: [softTag] })).toBeNull();
  });

  it('ends a page at its own revalidate time, and hands it over with the seconds it has left', async () => {
    const handler = new CacheHandler();
    const address = key();
    // The handler's clock only (the database's I/O keeps its real timers): the seconds left are
    // counted from the instants set here, however long each read of the versions takes.
    const renderedAt = Date.now();
    vi.useFakeTimers({ now: renderedAt, toFake: ['Date'] });
    try {
      await handler.get(address, {});
      await handler.set(address, page('ouvert', [tag]), { cacheControl: { revalidate: 3, expire: 31_536_000 } });
      const hit = await handler.get(address, {});
      expect(hit?.cacheControl).toEqual({ revalidate: 3, expire: undefined });
      vi.setSystemTime(renderedAt + 1100);
      expect((await handler.get(address, {}))?.cacheControl?.revalidate).toBe(2);
      vi.setSystemTime(renderedAt + 3100);
      expect(await handler.get(address, {})).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('remembers a bounded number of renders in flight, whatever addresses are asked for', async () => {
    const handler = new CacheHandler();
    const run = randomUUID();
    for (let index = 0; index < 10_050; index++) await handler.get(`/articles/inconnu-${run}-${index}`, {});
    expect((CacheHandler as unknown as { renders: Map<string, unknown> }).renders.size).toBeLessThanOrEqual(10_000);
  });

  it('shares revalidateTag() with every process, and fails loudly when it cannot', async () => {
    const before = (await versions.read()).get('comments') ?? 0;
    await new CacheHandler().revalidateTag('comments');
    expect((await versions.read()).get('comments')).toBe(before + 1);
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'file:/nonexistent/folder/db.sqlite';
    try {
      await expect(new CacheHandler().revalidateTag(['comments'])).rejects.toThrow();
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });
});
