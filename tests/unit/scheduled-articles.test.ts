import { describe, expect, it } from 'vitest';
import { isPublic, parseArticle, publicationState } from '@/lib/content/load-articles';

// Pure functions of the file and of the `now` passed in: fixed dates are the test's data.
const source = (extra: string, date = '2027-01-15') => `---
title: Un article à venir
slug: a-venir
date: ${date}
author: François Laurent
description: Une description.
${extra}---

Du texte.
`;

describe('an article prepared ahead', () => {
  it('with a day and a time, is public from that instant in Paris, and shown at its calendar day', async () => {
    const article = await parseArticle('content/a-venir.md', source('', '2027-01-15T09:30'));
    expect(article.publishAt).toEqual(new Date('2027-01-15T08:30:00Z'));
    expect(article.date).toEqual(new Date('2027-01-15T00:00:00Z'));
    expect(publicationState(article, new Date('2027-01-15T08:29:59Z'))).toBe('scheduled');
    expect(isPublic(article, new Date('2027-01-15T08:29:59Z'))).toBe(false);
    expect(isPublic(article, new Date('2027-01-15T08:30:00Z'))).toBe(true);
    expect(publicationState(article, new Date('2027-01-15T08:30:00Z'))).toBe('published');
  });

  it('with a day only, is public from midnight in Paris', async () => {
    const article = await parseArticle('content/a-venir.md', source(''));
    expect(article.publishAt).toEqual(new Date('2027-01-14T23:00:00Z'));
  });

  it('as a draft, is never public, whatever its date', async () => {
    const article = await parseArticle('content/a-venir.md', source('draft: true\n', '2008-05-05'));
    expect(publicationState(article, new Date('2030-01-01T00:00:00Z'))).toBe('draft');
    expect(isPublic(article, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('refuses a time that does not exist in Paris, or a malformed one, naming the file and the field', async () => {
    await expect(parseArticle('content/a-venir.md', source('', '2027-03-28T02:30'))).rejects.toThrow(/content\/a-venir\.md.*date : Le 28 mars 2027 à 2 h 30 n’existe pas à Paris/);
    await expect(parseArticle('content/a-venir.md', source('', '2027-01-15 9h'))).rejects.toThrow(/content\/a-venir\.md.*date : date attendue au format AAAA-MM-JJ ou AAAA-MM-JJTHH:MM/);
    await expect(parseArticle('content/a-venir.md', source('draft: oui\n'))).rejects.toThrow(/draft/);
  });
});
