import { describe, expect, it } from 'vitest';
import { buildSitemap } from '@/lib/sitemap/build-sitemap';
import { shareLinks } from '@/lib/share/share-links';

const SITE = 'https://marketing20.example';
const articles = [
  { slug: 'recent', date: new Date('2008-05-05T00:00:00Z') },
  { slug: 'ancien', date: new Date('2008-04-14T00:00:00Z') },
];

describe('the sitemap', () => {
  it('dates each article by its latest published comment when it is later than the article', () => {
    const latest: Record<string, Date> = { ancien: new Date('2008-06-01T10:00:00Z'), recent: new Date('2008-05-01T00:00:00Z') };
    const entries = buildSitemap(SITE, articles, (slug) => latest[slug]);
    expect(entries.map((entry) => [entry.url, entry.lastModified])).toEqual([
      [`${SITE}/`, new Date('2008-06-01T10:00:00Z')],
      [`${SITE}/articles/recent`, new Date('2008-05-05T00:00:00Z')],
      [`${SITE}/articles/ancien`, new Date('2008-06-01T10:00:00Z')],
    ]);
  });

  it('dates an article without comments by its own date', () => {
    const entries = buildSitemap(SITE, articles, () => undefined);
    expect(entries[0]?.lastModified).toEqual(new Date('2008-05-05T00:00:00Z'));
    expect(entries[2]?.lastModified).toEqual(new Date('2008-04-14T00:00:00Z'));
  });
});

describe('the share links', () => {
  const links = shareLinks({ url: `${SITE}/articles/a?b=1&c=2`, title: 'Titre « à » & co', description: 'Résumé.' });
  const byId = Object.fromEntries(links.map((link) => [link.id, link.href]));

  it('offers e-mail, X, LinkedIn and Facebook with French labels', () => {
    expect(links.map((link) => link.label)).toEqual(['Par e-mail', 'Sur X (Twitter)', 'Sur LinkedIn', 'Sur Facebook']);
  });

  it('encodes the page address and title so they arrive intact', () => {
    expect(byId.email).toBe(`mailto:?subject=Titre%20%C2%AB%20%C3%A0%20%C2%BB%20%26%20co&body=R%C3%A9sum%C3%A9.%0A%0A${encodeURIComponent(`${SITE}/articles/a?b=1&c=2`)}`);
    for (const id of ['x', 'linkedin', 'facebook'] as const) {
      const href = new URL(byId[id] ?? '');
      expect(href.protocol).toBe('https:');
      expect([...href.searchParams.values()]).toContain(`${SITE}/articles/a?b=1&c=2`);
    }
    expect(new URL(byId.x ?? '').searchParams.get('text')).toBe('Titre « à » & co');
  });
});
