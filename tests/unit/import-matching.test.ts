import { describe, expect, it } from 'vitest';
import { detectFormat } from '@/lib/import/detect-format';
import { htmlToPlainText } from '@/lib/import/html-to-plain-text';
import { articleMatcher } from '@/lib/import/match-articles';
import type { SourcePost } from '@/lib/import/source-records';
import { decodeUtf8 } from '@/lib/import/source-text';

const articles = [
  { slug: 'le-marketing-2-0-c-est-quoi', title: 'Le marketing 2.0, c’est quoi\u202f?' },
  { slug: 'en-librairie-le-15-mai', title: 'En librairie le 15 Mai' },
];
const post = (fields: Partial<SourcePost>): SourcePost => ({ key: '1', slug: null, url: null, title: null, state: null, ...fields });

describe('matching a post to an article', () => {
  const match = articleMatcher(articles, new Map([['https://ancien.example/?p=7', 'en-librairie-le-15-mai'], ['Billet renommé', 'le-marketing-2-0-c-est-quoi']]));

  it('finds it by slug, by /articles/<slug>, by the address’s last segment, then by title', () => {
    expect(match(post({ slug: 'en-librairie-le-15-mai' }))).toBe('en-librairie-le-15-mai');
    expect(match(post({ url: 'https://site.example/articles/en-librairie-le-15-mai/page/2' }))).toBe('en-librairie-le-15-mai');
    expect(match(post({ url: 'https://ancien.example/2008/05/en-librairie-le-15-mai.html' }))).toBe('en-librairie-le-15-mai');
    expect(match(post({ url: 'https://ancien.example/%E2%80%A6/%zz' }))).toBeNull();
    expect(match(post({ title: "Le marketing 2.0, c'est quoi ?" }))).toBe('le-marketing-2-0-c-est-quoi');
    expect(match(post({ slug: 'autre', url: 'https://ancien.example/autre', title: 'Autre' }))).toBeNull();
  });

  it('follows the author’s mapping first, by address or title', () => {
    expect(match(post({ slug: 'le-marketing-2-0-c-est-quoi', url: 'https://ancien.example/?p=7' }))).toBe('en-librairie-le-15-mai');
    expect(match(post({ title: 'Billet renommé' }))).toBe('le-marketing-2-0-c-est-quoi');
  });
});

describe('guessing the format', () => {
  it('tells each format by its first characters', () => {
    expect(detectFormat('\uFEFF<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">')).toBe('wxr');
    expect(detectFormat('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com">')).toBe('disqus');
    expect(detectFormat('AUTHOR: Melody\nTITLE: Un billet\n-----\n')).toBe('mt');
    expect(detectFormat('{"format":"marketing-2-0/commentaires","version":1')).toBe('json');
    expect(detectFormat('<?xml version="1.0"?><rss version="2.0"><channel>')).toBeNull();
    expect(detectFormat('bonjour')).toBeNull();
  });
});

describe('HTML to text', () => {
  it('keeps paragraphs, line breaks and link addresses, and nothing a page would render', () => {
    expect(htmlToPlainText('<p>Un <strong>mot</strong> &eacute;crit.</p><p>Voir <a href="https://a.example/x">ici</a>, <a href="https://b.example">https://b.example</a>.<br>Fin<img src="x" onerror="alert(1)"></p><script>alert(1)</script>')).toBe(
      'Un mot écrit.\n\nVoir ici (https://a.example/x), https://b.example.\nFin',
    );
    expect(htmlToPlainText('Ligne un\nligne deux\n\n\n\nParagraphe : 3 < 5 & 2 > 1')).toBe('Ligne un\nligne deux\n\nParagraphe : 3 < 5 & 2 > 1');
  });
});

describe('decoding the file', () => {
  it('reads a character split between two pieces, and counts lines across pieces', async () => {
    const bytes = Buffer.from('é\nà\n');
    async function* pieces() {
      for (const piece of [bytes.subarray(0, 1), bytes.subarray(1, 4), bytes.subarray(4)]) yield piece;
    }
    const chunks = [];
    for await (const chunk of decodeUtf8(pieces())) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.text).join('')).toBe('é\nà\n');
    expect(chunks.at(-1)?.line).toBe(2);
  });

  it('refuses a file that ends in the middle of a character', async () => {
    async function* pieces() {
      yield Buffer.from([0x61, 0x0a, 0xc3]);
    }
    await expect(async () => {
      for await (const chunk of decodeUtf8(pieces())) void chunk;
    }).rejects.toThrow('Ligne 2 : le fichier n’est pas du texte UTF-8 valide');
  });
});
