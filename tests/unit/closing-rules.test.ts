import { afterEach, describe, expect, it, vi } from 'vitest';
import { automaticClosingDate, isCommentingOpen } from '@/lib/comments/article-state';
import { pageAsOf } from '@/lib/comments/thread-page';

const published = new Date('2030-01-01T00:00:00Z');

describe('when comments are open', () => {
  it('closes by hand, by schedule, or by the site’s age limit, whichever comes first', () => {
    const open = { commentsOpen: true, closesAt: null };
    expect(isCommentingOpen(open, new Date('2031-01-01'), { publishedAt: published, closeAfterDays: null })).toBe(true);
    expect(isCommentingOpen({ ...open, commentsOpen: false }, new Date('2030-01-02'), { publishedAt: published, closeAfterDays: null })).toBe(false);
    const rules = { publishedAt: published, closeAfterDays: 30 };
    expect(isCommentingOpen(open, new Date('2030-01-30T23:59:00Z'), rules)).toBe(true);
    expect(isCommentingOpen(open, new Date('2030-01-31T00:00:01Z'), rules)).toBe(false);
    const scheduled = { commentsOpen: true, closesAt: new Date('2030-01-10T00:00:00Z') };
    expect(automaticClosingDate(scheduled, rules)).toEqual(new Date('2030-01-10T00:00:00Z'));
    expect(isCommentingOpen(scheduled, new Date('2030-01-10T00:00:01Z'), rules)).toBe(false);
  });
});

describe('a cached thread read at another time', () => {
  // The cache keeps the closing date itself; whether it has passed is decided when the thread is read.
  const stored = { commentsOpen: true, closing: '2030-01-10T00:00:00.000Z', count: 0, latestAt: null, page: 1, pageCount: 1, order: 'oldest' as const, comments: [] };

  it('is open with its closing to come before the date, and closed after it', () => {
    expect(pageAsOf(stored, new Date('2030-01-09T23:59:59Z'))).toMatchObject({ isOpen: true, closesAt: '2030-01-10T00:00:00.000Z' });
    expect(pageAsOf(stored, new Date('2030-01-10T00:00:00Z'))).toMatchObject({ isOpen: false, closesAt: null });
  });

  it('stays closed, with no closing to announce, when closed by hand', () => {
    expect(pageAsOf({ ...stored, commentsOpen: false }, new Date('2030-01-01'))).toMatchObject({ isOpen: false, closesAt: null });
    expect(pageAsOf({ ...stored, closing: null }, new Date('2099-01-01'))).toMatchObject({ isOpen: true, closesAt: null });
  });
});

describe('the session secret', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('is required in production, with a message that says how to make one', async () => {
    vi.resetModules();
    process.env = { ...saved, NODE_ENV: 'production', AUTH_SECRET: '', NEXTAUTH_SECRET: '' };
    const fresh = await import('@/lib/config');
    expect(() => fresh.getAuthSecret()).toThrow(/AUTH_SECRET manquant.*openssl rand -base64 32/);
  });

  it('is read from AUTH_SECRET, and refused when too short', async () => {
    vi.resetModules();
    process.env = { ...saved, NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) };
    expect((await import('@/lib/config')).getAuthSecret()).toBe('x'.repeat(40));
    vi.resetModules();
    process.env = { ...saved, NODE_ENV: 'production', AUTH_SECRET: 'court' };
    await expect((async () => (await import('@/lib/config')).getConfig())()).rejects.toThrow(/AUTH_SECRET : 32 caractères au moins/);
  });
});
