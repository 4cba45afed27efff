import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { postComment } from '@/lib/comments/service';
import { renderArticlesFeed } from '@/lib/feeds/articles-feed';
import { commentBodyToHtml } from '@/lib/feeds/comment-html';
import { renderCommentsFeed } from '@/lib/feeds/comments-feed';
import { FEED_SIZE, readLatestComments } from '@/lib/feeds/latest-comments';
import { commentPermalink } from '@/lib/feeds/links';
import { seedLargeThread } from '../helpers/large-thread.mjs';
import { seededSite } from './helpers/seeded-site';
import { readBookFile } from '@/lib/book-file/read-book-file';

const BOOK = await readBookFile('content');


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
    const rss = parse(renderArticlesFeed(site.articles, BOOK, SITE, 'rss')).rss as Node;
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
    // Public from 00:00 in Paris on its day: that instant is its date in the feeds.
    expect(first?.pubDate).toBe(site.article(CLOSED).publishAt.toUTCString());
    expect(first?.['dc:creator']).toBe(site.article(CLOSED).author);
    expect(first?.['content:encoded']).toBe(site.article(CLOSED).html);
    expect(first?.description).toBe(site.article(CLOSED).description);
  });

  it('writes an Atom feed with ids, dates, authors and HTML content', () => {
    const feed = parse(renderArticlesFeed(site.articles, BOOK, SITE, 'atom')).feed as Node;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${SITE}/atom.xml`);
    expect(feed.updated).toBe(site.article(CLOSED).publishAt.toISOString());
    expect(feed.link).toEqual(expect.arrayContaining([expect.objectContaining({ '@rel': 'self', '@href': `${SITE}/atom.xml` })]));
    const entries = feed.entry as Node[];
    expect(entries).toHaveLength(site.articles.length);
    const explainer = entries.find((entry) => entry.id === `${SITE}/articles/${OPEN}`);
    expect(explainer).toMatchObject({ updated: site.article(OPEN).publishAt.toISOString(), published: site.article(OPEN).publishAt.toISOString(), author: { name: site.article(OPEN).author } });
    expect(textOf(explainer?.content)).toBe(site.article(OPEN).html);
    expect((explainer?.content as Node)['@type']).toBe('html');
  });
});

describe('an article’s comments feed', () => {
  const latest = (slug: string) => readLatestComments(site.temp.db, slug);

  it('lists the published comments, newest first, by name and never by e-mail', async () => {
    const xml = renderCommentsFeed(site.article(CLOSED), await latest(CLOSED), SITE);
    const channel = (parse(xml).rss as Node).channel as Node;
    expect(channel.title).toBe(`Commentaires sur « ${site.article(CLOSED).title} »`);
    expect(channel.link).toBe(`${SITE}/articles/${CLOSED}#commentaires`);
    expect(channel.language).toBe('fr');

    const rows = await site.temp.db.comment.findMany({ where: { articleSlug: CLOSED, status: 'published' }, orderBy: { createdAt: 'desc' } });
    const items = channel.item as Node[];
    expect(rows.length).toBeGreaterThan(0);
    expect(items.map((item) => item.link)).toEqual(rows.map((row) => `${SITE}/articles/${CLOSED}/commentaires/${row.id}`));
    expect(items.map((item) => textOf(item.guid))).toEqual(rows.map((row) => commentPermalink(SITE, CLOSED, row.id)));
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

    const xml = renderCommentsFeed(site.article(OPEN), await latest(OPEN), SITE);
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

    const xml = renderCommentsFeed(site.article(OPEN), await latest(OPEN), SITE);
    const item = (((parse(xml).rss as Node).channel as Node).item as Node[])[0];
    expect(item?.['content:encoded']).toBe(
      '<p>Fin ]]&gt; et encore ]]&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp;  <a href="https://exemple.fr/?a=1&amp;b=2" rel="nofollow ugc">https://exemple.fr/?a=1&amp;b=2</a></p>',
    );
    expect(item?.['dc:creator']).toBe(name);
    expect(item?.title).toBe('Commentaire de Eve ]]&gt; &lt;b&gt;&amp;amp; ]]&gt;');
  });
});

describe('an article’s comments feed on a long thread', () => {
  it('holds the 50 newest published comments, replies included, and nothing of the others', async () => {
    const thread = await seedLargeThread({ databaseUrl: site.temp.url, slug: OPEN, count: 320, repliesEvery: 6 });
    const held = await postComment(OPEN, { name: 'Robot', email: 'robot@exemple.fr', body: 'https://a.example https://b.example' }, site.context);
    expect(held).toMatchObject({ ok: true, comment: { status: 'pending' } });

    const comments = await readLatestComments(site.temp.db, OPEN);
    expect(FEED_SIZE).toBe(50);
    expect(comments).toHaveLength(50);
    // Only what the feed shows: no e-mail, no address hash.
    expect(Object.keys(comments[0] ?? {}).sort()).toEqual(['authorName', 'body', 'createdAt', 'id']);

    const items = ((parse(renderCommentsFeed(site.article(OPEN), comments, SITE)).rss as Node).channel as Node).item as Node[];
    // One a second: the newest are the last written, newest first.
    const newest = Array.from({ length: 50 }, (_, index) => thread.lastId - index);
    expect(items.map((item) => item.link)).toEqual(newest.map((id) => `${SITE}/articles/${OPEN}/commentaires/${id}`));
    const replies = await site.temp.db.comment.count({ where: { id: { in: newest }, parentId: { not: null } } });
    expect(replies).toBeGreaterThan(0);
  });

  it('puts a comment published after the others first, and lets the oldest of the 50 go', async () => {
    const thread = await seedLargeThread({ databaseUrl: site.temp.url, slug: OPEN, count: 120, repliesEvery: 0 });
    const published = await postComment(OPEN, { name: 'Dernière lectrice', email: 'derniere@exemple.fr', body: 'Arrivée après tout le monde.' }, site.context);
    if (!published.ok) throw new Error(published.message);

    const ids = (await readLatestComments(site.temp.db, OPEN)).map((comment) => comment.id);
    expect(ids).toHaveLength(50);
    expect(ids[0]).toBe(published.comment.id);
    expect(ids.at(-1)).toBe(thread.lastId - 48);
  });
});

describe('comment text as feed HTML', () => {
  it('keeps paragraphs and line breaks, and escapes everything else', () => {
    expect(commentBodyToHtml('Un <i>\ndeux\n\n\ntrois "quatre"')).toBe('<p>Un &lt;i&gt;<br>deux</p>\n<p>trois &quot;quatre&quot;</p>');
  });
});
