import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listArticleOverviews, updateArticleState } from '@/lib/admin/articles';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { formatDateTime, readParisDateTime, toParisDateTimeInput } from '@/lib/format-date';
import { seed } from '@/prisma/seed';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

// The two nights Paris changes its clocks in 2027: pure functions of the text typed, no clock read.
const SPRING = '2027-03-28T02:30';
const AUTUMN = '2027-10-31T02:30';

describe('a closing time typed in Paris time on the nights the clocks change', () => {
  it('refuses 02:30 on the spring night, which does not exist, with a French message', () => {
    const read = readParisDateTime(SPRING);
    expect(read).toEqual({ ok: false, message: expect.stringMatching(/^Le 28 mars 2027 à 2 h 30 n’existe pas à Paris : .*3 h 00/) });
    // The minutes around the gap are fine.
    expect(readParisDateTime('2027-03-28T01:59')).toMatchObject({ ok: true, instant: new Date('2027-03-28T00:59:00Z') });
    expect(readParisDateTime('2027-03-28T03:00')).toMatchObject({ ok: true, instant: new Date('2027-03-28T01:00:00Z') });
  });

  it('takes the first of the two 02:30 of the autumn night, says so, and shows it the same way', () => {
    const read = readParisDateTime(AUTUMN);
    if (!read.ok) throw new Error(read.message);
    expect(read.instant).toEqual(new Date('2027-10-31T00:30:00Z'));
    expect(read.note).toMatch(/^Le 31 octobre 2027 à 2 h 30 existe deux fois à Paris .*la première, en heure d’été/);
    expect(formatDateTime(read.instant)).toBe('31 octobre 2027 à 2 h 30 (heure d’été)');
    // The second pass, an hour later, is told apart when shown; an ordinary hour carries no mention.
    expect(formatDateTime(new Date('2027-10-31T01:30:00Z'))).toBe('31 octobre 2027 à 2 h 30 (heure d’hiver)');
    expect(formatDateTime(new Date('2027-10-31T02:30:00Z'))).toBe('31 octobre 2027 à 3 h 30');
    expect(toParisDateTimeInput(read.instant)).toBe(AUTUMN);
  });

  it('refuses dates that are not in the calendar', () => {
    for (const text of ['2027-02-30T10:00', '2027-13-01T10:00', '2027-01-01T24:00', 'demain']) expect(readParisDateTime(text).ok).toBe(false);
  });
});

describe('the scheduled closing stored from such a time', () => {
  let temp: TempDatabase;
  let articles: Article[];
  beforeEach(async () => {
    temp = await createTempDatabase();
    articles = await readArticles();
    await seed(temp.db, articles);
  });
  afterEach(async () => temp.cleanup());

  it('is the instant the admin shows', async () => {
    const article = articles.find((candidate) => candidate.comments === 'open');
    const read = readParisDateTime(AUTUMN);
    if (!article || !read.ok) throw new Error('no open article');
    await updateArticleState(temp.db, article, { closesAt: read.instant }, 'auteur@exemple.fr');
    // Read a day before: the closing is still to come.
    const [overview] = await listArticleOverviews(temp.db, [article], new Date(read.instant.getTime() - 86_400_000));
    expect(overview?.closesAt).toEqual(read.instant);
    expect(formatDateTime(overview!.closesAt!)).toBe('31 octobre 2027 à 2 h 30 (heure d’été)');
  });
});
