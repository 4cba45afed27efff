import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { readCommentThread } from '@/lib/comments/thread';
import { postComment, type PostContext } from '@/lib/comments/service';
import { renderArticlesFeed } from '@/lib/feeds/articles-feed';
import { commentBodyToHtml } from '@/lib/feeds/comment-html';
import { renderCommentsFeed } from '@/lib/feeds/comments-feed';
import { seed } from '@/prisma/seed';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';


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

let temp: TempDatabase;
let articles: Article[];
let context: PostContext;

function article(slug: string): Article {
  const found = articles.find((candidate) => candidate.slug === slug);
  if (!found) throw new Error(`no article ${slug}`);
  return found;
}

beforeEach(async () => {
  temp = createTempDatabase();
  articles = await readArticles();
  await seed(temp.db, articles);
  context = { db: temp.db, ip: '203.0.113.9', articles: async () => articles, rateLimit: null };
});
afterEach(async () => temp.cleanup());

describe('the articles feeds', () => {
  it('writes an RSS 2.0 channel in French with every article, newest first, in full', () => {
    const rss = parse(renderArticlesFeed(articles, SITE, 'rss')).rss as Node;
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
    expect(first?.title).toBe(article(CLOSED).title);
    expect(textOf(first?.guid)).toBe(`${SITE}/articles/${CLOSED}`);
    expect(first?.pubDate).toBe(article(CLOSED).date.toUTCString());
    expect(first?.['dc:creator']).toBe(article(CLOSED).author);
    expect(first?.['content:encoded']).toBe(article(CLOSED).html);
    expect(first?.description).toBe(article(CLOSED).description);
  });

  it('writes an Atom feed with ids, dates, authors and HTML content', () => {
    const feed = parse(renderArticlesFeed(articles, SITE, 'atom')).feed as Node;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${SITE}/atom.xml`);
    expect(feed.updated).toBe(article(CLOSED).date.toISOString());
    expect(feed.link).toEqual(expect.arrayContaining([expect.objectContaining({ '@rel': 'self', '@href': `${SITE}/atom.xml` })]));
    const entries = feed.entry as Node[];
    expect(entries).toHaveLength(articles.length);
    const explainer = entries.find((entry) => entry.id === `${SITE}/articles/${OPEN}`);
    expect(explainer).toMatchObject({ updated: article(OPEN).date.toISOString(), published: article(OPEN).date.toISOString(), author: { name: article(OPEN).author } });
    expect(textOf(explainer?.content)).toBe(article(OPEN).html);
    expect((explainer?.content as Node)['@type']).toBe('html');
  });
});

describe('an article’s comments feed', () => {
  it('lists the published comments, newest first, by name and never by e-mail', async () => {
    const thread = await readCommentThread(temp.db, article(CLOSED).slug, article(CLOSED).comments, article(CLOSED).date.toISOString());
    const xml = renderCommentsFeed(article(CLOSED), thread.comments, SITE);
    const channel = (parse(xml).rss as Node).channel as Node;
    expect(channel.title).toBe(`Commentaires sur « ${article(CLOSED).title} »`);
    expect(channel.link).toBe(`${SITE}/articles/${CLOSED}#commentaires`);
    expect(channel.language).toBe('fr');

    const rows = await temp.db.comment.findMany({ where: { articleSlug: CLOSED, status: 'published' }, orderBy: { createdAt: 'desc' } });
    const items = channel.item as Node[];
    expect(rows.length).toBeGreaterThan(0);
    expect(items.map((item) => item.link)).toEqual(rows.map((row) => `${SITE}/articles/${CLOSED}#comment-${row.id}`));
    expect(items.map((item) => item['dc:creator'])).toEqual(rows.map((row) => row.authorName));
    expect(items.map((item) => item.pubDate)).toEqual(rows.map((row) => row.createdAt.toUTCString()));
    expect(items[0]?.['content:encoded']).toBe(commentBodyToHtml(rows[0]?.body ?? ''));
    expect(xml).not.toMatch(/@commentaires\.invalid|<author>/);
  });

  it('shows a newly published comment first, and never a held one', async () => {
    const published = await postComment(OPEN, { name: 'Nouvelle lectrice', email: 'nouvelle@exemple.fr', body: 'Tout frais.' }, context);
    const held = await postComment(OPEN, { name: 'Robot', email: 'robot@exemple.fr', body: 'https://a.example https://b.example' }, context);
    expect(published).toMatchObject({ ok: true, comment: { status: 'published' } });
    expect(held).toMatchObject({ ok: true, comment: { status: 'pending' } });

    const xml = renderCommentsFeed(article(OPEN), (await readCommentThread(temp.db, article(OPEN).slug, article(OPEN).comments, article(OPEN).date.toISOString())).comments, SITE);
    const items = ((parse(xml).rss as Node).channel as Node).item as Node[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Commentaire de Nouvelle lectrice', 'dc:creator': 'Nouvelle lectrice' });
    expect(xml).not.toContain('robot');
    expect(xml).not.toContain('nouvelle@exemple.fr');
  });

  it('stays well-formed whatever a reader writes, and never turns their text into markup', async () => {
    const name = 'Eve ]]> <b>&amp; ]]>';
    const body = 'Fin ]]> et encore ]]> <script>alert(1)</script> & \uFFFE https://exemple.fr/?a=1&b=2';
    expect(await postComment(OPEN, { name, email: 'eve@exemple.fr', body }, context)).toMatchObject({ ok: true });

    const xml = renderCommentsFeed(article(OPEN), (await readCommentThread(temp.db, article(OPEN).slug, article(OPEN).comments, article(OPEN).date.toISOString())).comments, SITE);
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
