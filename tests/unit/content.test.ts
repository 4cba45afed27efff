import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArticle, readArticles } from '@/lib/content/load-articles';
import { applyFrenchSpacing } from '@/lib/content/french-typography';
import { renderMarkdown } from '@/lib/content/render-markdown';
import { formatDate, formatDateTime } from '@/lib/format-date';

const valid = (extra = '') => `---
title: Un titre
slug: un-titre
date: 2008-05-05
author: Quelqu'un
description: Une description.
${extra}---

Du texte.
`;

describe('the articles in content/', () => {
  it('loads both seeded articles, newest first, with their front matter', async () => {
    const articles = await readArticles();
    expect(articles.map((article) => article.slug)).toEqual(['en-librairie-le-15-mai', 'le-marketing-2-0-c-est-quoi']);
    const [announcement, explainer] = articles;
    expect(announcement?.comments).toBe('closed');
    expect(formatDate(announcement!.date)).toBe('5 mai 2008');
    expect(explainer?.comments).toBe('open');
  });

  it('renders the explainer headings as real h2 headings', async () => {
    const explainer = (await readArticles()).find((article) => article.slug === 'le-marketing-2-0-c-est-quoi');
    const headings = [...(explainer?.html ?? '').matchAll(/<h2>(.*?)<\/h2>/g)].map((match) => match[1]);
    expect(headings).toHaveLength(3);
    expect(headings[0]).toMatch(/^Bref rappel/);
    expect(headings[1]).toBe('Et le marketing 2.0 alors\u202F?');
    expect(headings[2]).toBe('Mais en pratique, ça donne quoi\u202F?');
  });
});

describe('front matter validation', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('rejects a missing title with a message naming the file', async () => {
    const source = valid().replace('title: Un titre\n', '');
    await expect(parseArticle('content/un-titre.md', source)).rejects.toThrow(/content\/un-titre\.md.*title.*titre manquant/);
  });

  it('rejects a bad date with a message naming the file', async () => {
    const source = valid().replace('date: 2008-05-05', 'date: 5 mai 2008');
    await expect(parseArticle('content/un-titre.md', source)).rejects.toThrow(/content\/un-titre\.md.*date/);
  });

  it('rejects a comments value other than open or closed', async () => {
    await expect(parseArticle('content/un-titre.md', valid('comments: maybe\n'))).rejects.toThrow(/comments/);
  });

  it('requires the file to be named after its slug', async () => {
    await expect(parseArticle('content/autre.md', valid())).rejects.toThrow(/un-titre\.md/);
  });

  it('picks up a new article from a folder by its Markdown file alone', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'm20-content-'));
    writeFileSync(path.join(dir, 'un-titre.md'), valid());
    writeFileSync(path.join(dir, 'notes.txt'), 'pas un article');
    const articles = await readArticles(dir);
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ slug: 'un-titre', comments: 'open', html: '<p>Du texte.</p>' });
  });
});

describe('Markdown rendering', () => {
  it('drops raw HTML and scripts from the Markdown', async () => {
    const html = await renderMarkdown('Bonjour <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[lien](javascript:alert(1))');
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
    expect(html).toContain('Bonjour');
  });

  it('renders GitHub-flavoured tables', async () => {
    expect(await renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |')).toContain('<table>');
  });
});

describe('French typography', () => {
  it('puts no-break spaces before ? ! ; : and inside guillemets where the source has spaces', () => {
    expect(applyFrenchSpacing('Quoi ? Oui ! Bon ; voilà : « fin »')).toBe(
      'Quoi\u202F? Oui\u202F! Bon\u202F; voilà\u00A0: «\u00A0fin\u00A0»',
    );
  });

  it('leaves URLs and unspaced punctuation alone', () => {
    expect(applyFrenchSpacing('https://exemple.fr/?a=1 Bonne question!')).toBe('https://exemple.fr/?a=1 Bonne question!');
  });
});

describe('French dates', () => {
  it('writes dates the French way, with « 1er »', () => {
    expect(formatDate(new Date('2008-05-05T00:00:00Z'))).toBe('5 mai 2008');
    expect(formatDate(new Date('2008-05-01T00:00:00Z'))).toBe('1er mai 2008');
  });

  it('writes comment times in Paris time', () => {
    expect(formatDateTime(new Date('2008-05-05T07:42:00Z'))).toBe('5 mai 2008 à 9 h 42');
  });
});
