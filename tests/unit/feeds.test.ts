import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { postComment } from '@/lib/comments/service';
import { renderArticlesFeed } from '@/lib/feeds/articles-feed';
import { commentBodyToHtml } from '@/lib/feeds/comment-html';
import { renderCommentsFeed } from '@/lib/feeds/comments-feed';
import { seededSite } from './helpers/seeded-site';


const SITE = 'https://marketing20.example';
const OPEN = 'le-marketing-2-0-c-est-quoi';
const CLOSED = 'en-librairie-le-15-mai';

const ARRAYS = new Set(['rss.channel.item', 'rss.channel.atom:link', 'feed.entry', 'feed.link']);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (_name, jpath) => ARRAYS.has(String(jpath)) });

type Node = Record<string, unknown>;
/** Parses a feed after checking that it is well-formed XML. */
function parse(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Node;
}
const textOf = (value: unknown): string => (typeof value === 'object' && value !== null ? String((value as Node)['#text']) : String(value));

const site = seededSite('203.0.113.9');

describe('the articles feeds', () => {
  it('writes an RSS 2.0 channel in French with every article, newest first, in full', () => {
    const rss = parse(renderArticlesFeed(site.articles, SITE, 'rss')).rss as Node;
    expect(rss['@version']).toBe('2.0');
    const channel = rss.channel as Node;
    expect(channel.title).toBe('Marketing 2.0 – L’intelligence collective');
    expect(channel.link).toBe(`${SITE}/`);
    expect(channel.description).toMatch(/François Laurent/);
    expect(channel.language).toBe('fr');
    expect((channel['atom:link'] as Node[])[0]).toMatchObject({ '@href': `${SITE}/feed.xml`, '@rel': 'self' });

    const items = channel.item as Node[];
    expect(items.map((item) => item.link)).toEqual([`${SITE}/articles/${CLOSED}`, `${SITE}/articles/${OPEN}`]);
    const [first] = items;
    expect(first?.title).toBe(site.article(CLOSED).title);
    expect(textOf(first?.guid)).toBe(`${SITE}/articles/${CLOSED}`);
    expect(first?.pubDate).toBe(site.article(CLOSED).date.toUTCString());
    expect(first?.['dc:creator']).toBe(site.article(CLOSED).author);
    expect(first?.['content:encoded']).toBe(site.article(CLOSED).html);
    expect(first?.description).toBe(site.article(CLOSED).description);
  });

  it('writes an Atom feed with ids, dates, authors and HTML content', () => {
    const feed = parse(renderArticlesFeed(site.articles, SITE, 'atom')).feed as Node;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${SITE}/atom.xml`);
    expect(feed.updated).toBe(site.article(CLOSED).date.toISOString());
    expect(feed.link).toEqual(expect.arrayContaining([expect.objectContaining({ '@rel': 'self', '@href': `${SITE}/atom.xml` })]));
    const entries = feed.entry as Node[];
    expect(entries).toHaveLength(site.articles.length);
    const explainer = entries.find((entry) => entry.id === `${SITE}/articles/${OPEN}`);
    expect(explainer).toMatchObject({ updated: site.article(OPEN).date.toISOString(), published: site.article(OPEN).date.toISOString(), author: { name: site.article(OPEN).author } });
    expect(textOf(explainer?.content)).toBe(site.article(OPEN).html);
    expect((explainer?.content as Node)['@type']).toBe('html');
  });
});

describe('an article’s comments feed', () => {
  it('lists the published comments, newest first, by name and never by e-mail', async () => {
    const thread = await site.thread(CLOSED);
    const xml = renderCommentsFeed(site.article(CLOSED), thread.comments, SITE);
    const channel = (parse(xml).rss as Node).channel as Node;
    expect(channel.title).toBe(`Commentaires sur « ${site.article(CLOSED).title} »`);
    expect(channel.link).toBe(`${SITE}/articles/${CLOSED}#commentaires`);
    expect(channel.language).toBe('fr');

    const rows = await site.temp.db.comment.findMany({ where: { articleSlug: CLOSED, status: 'published' }, orderBy: { createdAt: 'desc' } });
    const items = channel.item as Node[];
    expect(rows.length).toBeGreaterThan(0);
    expect(items.map((item) => item.link)).toEqual(rows.map((row) => `${SITE}/articles/${CLOSED}#comment-${row.id}`));
    expect(items.map((item) => item['dc:creator'])).toEqual(rows.map((row) => row.authorName));
    expect(items.map((item) => item.pubDate)).toEqual(rows.map((row) => row.createdAt.toUTCString()));
    expect(items[0]?.['content:encoded']).toBe(commentBodyToHtml(rows[0]?.body ?? ''));
    expect(xml).not.toMatch(/@commentaires\.invalid|<author>/);
  });

  it('shows a newly published comment first, and never a held one', async () => {
    const published = await postComment(OPEN, { name: 'Nouvelle lectrice', email: 'nouvelle@exemple.fr', body: 'Tout frais.' }, site.context);
    const held = await postComment(OPEN, { name: 'Robot', email: 'robot@exemple.fr', body: 'https://a.example https://b.example' }, site.context);
    expect(published).toMatchObject({ ok: true, comment: { status: 'published' } });
    expect(held).toMatchObject({ ok: true, comment: { status: 'pending' } });

    const xml = renderCommentsFeed(site.article(OPEN), (await site.thread(OPEN)).comments, SITE);
    const items = ((parse(xml).rss as Node).channel as Node).item as Node[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Commentaire de Nouvelle lectrice', 'dc:creator': 'Nouvelle lectrice' });
    expect(xml).not.toContain('robot');
    expect(xml).not.toContain('nouvelle@exemple.fr');
  });

  it('stays well-formed whatever a reader writes, and never turns their text into markup', async () => {
    const name = 'Eve ]]> <b>&amp; ]]>';
    const body = 'Fin ]]> et encore ]]> <script>alert(1)</script> & \uFFFE https://exemple.fr/?a=1&b=2';
    expect(await postComment(OPEN, { name, email: 'eve@exemple.fr', body }, site.context)).toMatchObject({ ok: true });

    const xml = renderCommentsFeed(site.article(OPEN), (await site.thread(OPEN)).comments, SITE);
    const item = (((parse(xml).rss as Node).channel as Node).item as Node[])[0];
    expect(item?.['content:encoded']).toBe(
      '<p>Fin ]]&gt; et encore ]]&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp;  <a href="https://exemple.fr/?a=1&amp;b=2" rel="nofollow ugc">https://exemple.fr/?a=1&amp;b=2</a></p>',
    );
    expect(item?.['dc:creator']).toBe(name);
    expect(item?.title).toBe('Commentaire de Eve ]]&gt; &lt;b&gt;&amp;amp; ]]&gt;');
  });
});

describe('comment text as feed HTML', () => {
  it('keeps paragraphs and line breaks, and escapes everything else', () => {
    expect(commentBodyToHtml('Un <i>\ndeux\n\n\ntrois "quatre"')).toBe('<p>Un &lt;i&gt;<br>deux</p>\n<p>trois &quot;quatre&quot;</p>');
  });
});
