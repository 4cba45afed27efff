import { describe, expect, it } from 'vitest';
import { readBookFile } from '@/lib/book-file/read-book-file';
import { postComment } from '@/lib/comments/service';
import { blogPostingJsonLd } from '@/lib/structured-data/blog-posting';
import { bookJsonLd } from '@/lib/structured-data/book';
import { serializeJsonLd } from '@/lib/structured-data/serialize';
import { seededSite } from './helpers/seeded-site';


const SITE = 'https://marketing20.example';
const OPEN = 'le-marketing-2-0-c-est-quoi';
const CLOSED = 'en-librairie-le-15-mai';

const site = seededSite('203.0.113.10');

describe('the Book of the home page and /livre', () => {
  it('describes the shipped book with what its file says, and nothing it leaves empty', async () => {
    const book = await readBookFile('content');
    const data = bookJsonLd(book, SITE, new Date('2030-01-01T00:00:00Z'));
    expect(data).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Book',
      name: 'Marketing 2.0 – L’intelligence collective',
      alternativeName: 'Marketing 2.0',
      author: { '@type': 'Person', name: 'François Laurent', url: `${SITE}/auteur` },
      contributor: { '@type': 'Person', name: 'Pierre Bellanger' },
      datePublished: '2008-05-15',
      inLanguage: 'fr',
      image: `${SITE}/cover.svg`,
      url: `${SITE}/livre`,
      description: expect.any(String),
    });
  });

  it('gives the ISBN, pages, format, publisher, and an offer only where a price is set: pre-order before the release, in stock from it', async () => {
    // Invented facts, for the test only (a checksum-valid ISBN): the shipped file holds none.
    const book = { ...(await readBookFile('content')), isbn: { isbn13: '9780306406157', isbn10: '0306406152' }, pages: 224, format: 'Broché, 15 × 21 cm', publisher: 'Un éditeur', price: { cents: 1990, display: '19,90 €' } };
    const before = bookJsonLd(book, SITE, new Date(book.release.getTime() - 1000));
    expect(before).toMatchObject({ isbn: '9780306406157', numberOfPages: 224, bookFormat: 'https://schema.org/Paperback', publisher: { '@type': 'Organization', name: 'Un éditeur' }, offers: { '@type': 'Offer', price: '19.90', priceCurrency: 'EUR', availability: 'https://schema.org/PreOrder' } });
    expect(bookJsonLd(book, SITE, book.release).offers?.availability).toBe('https://schema.org/InStock');
    expect(bookJsonLd({ ...book, price: undefined }, SITE, book.release)).not.toHaveProperty('offers');
  });
});

describe('the BlogPosting of an article', () => {
  it('counts and lists the published comments the database holds, by name only', async () => {
    const thread = await site.thread(CLOSED);
    const posting = blogPostingJsonLd(site.article(CLOSED), thread.comments, { url: SITE, name: 'Marketing 2.0 – L’intelligence collective' });
    const rows = await site.temp.db.comment.findMany({ where: { articleSlug: CLOSED, status: 'published' }, orderBy: { createdAt: 'asc' } });

    expect(posting).toMatchObject({
      '@type': 'BlogPosting',
      headline: site.article(CLOSED).title,
      url: `${SITE}/articles/${CLOSED}`,
      datePublished: site.article(CLOSED).publishAt.toISOString(),
      author: { name: site.article(CLOSED).author },
      inLanguage: 'fr',
      commentCount: thread.count,
      image: `${SITE}/articles/${CLOSED}/image.png`,
    });
    expect(posting.commentCount).toBe(rows.length);
    expect(posting.comment.map((comment) => [comment.author.name, comment.dateCreated])).toEqual(rows.map((row) => [row.authorName, row.createdAt.toISOString()]));
    expect(posting.comment[0]?.url).toBe(`${SITE}/articles/${CLOSED}#comment-${rows[0]?.id}`);
    expect(JSON.stringify(posting)).not.toMatch(/@commentaires\.invalid|email|ipHash/i);
    // The text is the page's: never a second copy here.
    for (const row of rows) expect(JSON.stringify(posting)).not.toContain(JSON.stringify(row.body).slice(1, 40));
  });

  it('includes replies, pointing to their parent, and leaves out held comments', async () => {
    const first = await postComment(OPEN, { name: 'Ana', email: 'ana@exemple.fr', body: 'Première.' }, site.context);
    if (!first.ok) throw new Error(first.message);
    await postComment(OPEN, { name: 'Bruno', email: 'bruno@exemple.fr', body: 'Réponse.', parentId: String(first.comment.id) }, site.context);
    await postComment(OPEN, { name: 'Robot', email: 'robot@exemple.fr', body: 'https://a.example https://b.example' }, site.context);

    const thread = await site.thread(OPEN);
    const posting = blogPostingJsonLd(site.article(OPEN), thread.comments, { url: SITE, name: 'Marketing 2.0 – L’intelligence collective' });
    expect(posting.commentCount).toBe(2);
    expect(posting.comment.map((comment) => comment.author.name)).toEqual(['Ana', 'Bruno']);
    expect(posting.comment[1]?.parentItem).toEqual({ '@type': 'Comment', url: `${SITE}/articles/${OPEN}#comment-${first.comment.id}` });
    expect(posting.commentCount).toBe(thread.count);
  });
});

describe('JSON-LD in a script element', () => {
  it('cannot be closed or broken by a comment’s author, and still parses to the same data', async () => {
    const name = 'Fin </script><script>alert(1)</script> <!-- \u2028 &';
    expect(await postComment(OPEN, { name, email: 'x@exemple.fr', body: 'Un nom piégé.' }, site.context)).toMatchObject({ ok: true });
    const posting = blogPostingJsonLd(site.article(OPEN), (await site.thread(OPEN)).comments, { url: SITE, name: 'Marketing 2.0 – L’intelligence collective' });
    const json = serializeJsonLd(posting);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(posting);
    expect(posting.comment[0]?.author.name).toBe(name);
  });
});
