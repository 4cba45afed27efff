import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { hashBody, hashIp } from '@/lib/fingerprint';
import { commentRepliesTag, commentsTag } from '@/lib/comments/cache-tags';
import { NOW } from './helpers/clock';
import { IMPORT_SALT, importSite } from './helpers/import-site';
import { readArticles } from '@/lib/content/load-articles';
import { announcementComments } from '@/prisma/seed-comments';
import { seed } from '@/prisma/seed';

const FIXTURE = 'tests/fixtures/import/wordpress.xml';
const OPEN = 'le-marketing-2-0-c-est-quoi';
const CLOSED = 'en-librairie-le-15-mai';

/** A WordPress export of these items alone. */
function wxrOf(...items: string[]) {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><link>https://ancien.example</link><wp:wxr_version>1.2</wp:wxr_version>
${items.join('\n')}
</channel></rss>
`;
  return Readable.from([Buffer.from(xml)]);
}

const itemOf = (slug: string, status: 'open' | 'closed', type = 'post') =>
  `<item><title>Sans commentaire</title><wp:post_id>7</wp:post_id><wp:comment_status>${status}</wp:comment_status><wp:post_name>${slug}</wp:post_name><wp:post_type>${type}</wp:post_type></item>`;

// The import's clock (an article it closes is dated by it), from the real now: it writes to a real database.
const site = importSite(FIXTURE, { now: NOW });
const run = site.run;

describe('importing a WordPress export (WXR)', () => {
  it('previews each article’s counts and the unmatched posts, and writes nothing', async () => {
    const result = await run({ dryRun: true });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.report.format).toBe('wxr');
    expect(result.report.source).toBe('wxr:https://marketingisdead.example');
    expect(result.report.articles).toEqual([
      { slug: CLOSED, title: expect.any(String), added: 1, existing: 0, replies: 0, held: 0, spam: 0, skipped: 0, stateChange: null },
      { slug: OPEN, title: expect.any(String), added: 4, existing: 0, replies: 2, held: 1, spam: 1, skipped: 2, stateChange: 'close' },
    ]);
    expect(result.report.unmatched).toEqual([
      { key: '30', title: 'Un billet disparu', url: 'https://marketingisdead.example/2008/06/01/un-billet-disparu/', comments: 1 },
    ]);
    expect(await site.temp.db.comment.count()).toBe(0);
    expect(await site.temp.db.article.count()).toBe(0);
    expect(await site.temp.db.auditLog.count()).toBe(0);
  });

  it('stores the comments as plain text with their status, GMT date, thread and hashed address', async () => {
    const result = await run();
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const rows = await site.temp.db.comment.findMany({ orderBy: { importId: 'asc' } });
    expect(rows.map((row) => [row.importId, row.articleSlug, row.status])).toEqual([
      ['101', OPEN, 'published'],
      ['102', OPEN, 'published'],
      ['103', OPEN, 'pending'],
      ['104', OPEN, 'spam'],
      ['201', CLOSED, 'published'],
    ]);
    const [first, reply, replyToReply, , other] = rows;
    expect(first).toMatchObject({
      authorName: 'Hélène Rousseau',
      authorEmail: 'helene.rousseau@example.fr',
      authorWebsite: 'https://helene.example/',
      body: 'Très juste : l’intelligence collective, c’est « la conversation ».\n\nVoir cette étude (https://exemple.fr/etude) & la suite.',
      createdAt: new Date('2008-04-15T09:30:00Z'),
      parentId: null,
      isAuthor: false,
      importSource: 'wxr:https://marketingisdead.example',
      ipHash: hashIp('192.0.2.44', IMPORT_SALT),
    });
    expect(first?.bodyHash).toBe(hashBody(first?.body ?? ''));
    expect(reply).toMatchObject({ parentId: first?.id, authorWebsite: null, body: 'D’accord avec Hélène.\n\nDeuxième paragraphe.' });
    // The site's threads have one level of replies: a reply to a reply joins its thread.
    expect(replyToReply?.parentId).toBe(first?.id);
    expect(other?.body).toBe('Commandé chez mon libraire : 3 < 5 & « guillemets ».');
    const stored = JSON.stringify(rows);
    for (const ip of ['192.0.2.44', '2001:db8::1', '198.51.100.66']) expect(stored).not.toContain(ip);
    expect(stored).not.toContain('<script>');
  });

  it('closes an article whose post was closed, records one audit line per article written and moves the touched threads’ tags', async () => {
    const result = await run();
    expect(result.ok).toBe(true);
    expect(await site.temp.db.article.findUnique({ where: { slug: OPEN } })).toMatchObject({ commentsOpen: false, closedBy: 'import' });
    expect(await site.temp.db.article.findUnique({ where: { slug: CLOSED } })).toMatchObject({ commentsOpen: false });
    const audit = await site.temp.db.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(audit).toHaveLength(2);
    for (const line of audit) expect(line).toMatchObject({ actor: 'auteur@example.com', action: 'comments.import', target: 'import:wxr:https://marketingisdead.example' });
    expect(audit.map((line) => JSON.parse(line.details ?? '{}'))).toEqual([
      { format: 'wxr', article: CLOSED, added: 1, existing: 0, replies: 0, held: 0, spam: 0, skipped: 0, stateChange: null },
      { format: 'wxr', article: OPEN, added: 4, existing: 0, replies: 2, held: 1, spam: 1, skipped: 2, stateChange: 'close' },
    ]);
    // Each touched thread's tag, and the replies pages of the comments that got replies.
    const tags = (await site.temp.db.cacheTag.findMany({ orderBy: { tag: 'asc' } })).map((row) => row.tag);
    const repliedTo = await site.temp.db.comment.findFirstOrThrow({ where: { importId: '101' } });
    expect(tags).toEqual([commentsTag(CLOSED), commentsTag(OPEN), commentRepliesTag(OPEN, repliedTo.id)].sort());
  });

  it('adds nothing when the same file is imported twice', async () => {
    expect((await run()).ok).toBe(true);
    const before = await site.temp.db.comment.findMany({ orderBy: { id: 'asc' } });
    const again = await run();
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.report.totals).toMatchObject({ added: 0, existing: 5, replies: 0 });
    expect(await site.temp.db.comment.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('counts as « déjà là » what posting would refuse as a duplicate: the site’s own comments in another export, a text twice in the file', async () => {
    await seed(site.temp.db, await readArticles());
    // The announcement's original comments as the old blog exported them: same names and texts,
    // other ids and dates, no address (the site knows none either); one new comment, sent twice.
    const comment = (id: number, name: string, body: string, date: string) =>
      `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[${name}]]></wp:comment_author><wp:comment_author_email></wp:comment_author_email>` +
      `<wp:comment_date_gmt>${date}</wp:comment_date_gmt><wp:comment_content><![CDATA[${body}]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>`;
    const originals = announcementComments.map((seeded, index) => comment(500 + index, seeded.authorName, seeded.body, `2008-06-0${(index % 9) + 1} 10:00:00`));
    const fresh = 'Un commentaire que le site n’a pas encore.';
    const item = `<item><title>En librairie</title><wp:post_id>9</wp:post_id><wp:comment_status>open</wp:comment_status><wp:post_name>${CLOSED}</wp:post_name><wp:post_type>post</wp:post_type>${originals.join('')}${comment(600, 'Nouvelle', fresh, '2008-07-01 10:00:00')}${comment(601, 'Nouvelle', fresh, '2008-07-01 10:05:00')}</item>`;
    const before = await site.temp.db.comment.count({ where: { articleSlug: CLOSED } });
    const result = await run({ bytes: wxrOf(item) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.totals).toMatchObject({ added: 1, existing: announcementComments.length + 1 });
    expect(await site.temp.db.comment.count({ where: { articleSlug: CLOSED } })).toBe(before + 1);
  });

  it('imports an unmatched post’s comments once the author maps it by hand', async () => {
    const result = await run({ map: new Map([['un-billet-disparu', CLOSED]]) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.unmatched).toEqual([]);
    expect(await site.temp.db.comment.count({ where: { articleSlug: CLOSED } })).toBe(2);
  });

  it('refuses a mapping to an article that does not exist', async () => {
    expect(await run({ map: new Map([['un-billet-disparu', 'nulle-part']]) })).toEqual({
      ok: false,
      message: 'Correspondance « un-billet-disparu=nulle-part » : aucun article n’a le slug « nulle-part ».',
    });
  });

  it('closes the article of a post closed at the source that has no comment; an attachment of the same name closes nothing', async () => {
    const attachment = await run({ bytes: wxrOf(itemOf(OPEN, 'closed', 'attachment')) });
    expect(attachment.ok && attachment.report.articles).toEqual([]);
    expect(await site.temp.db.article.findUnique({ where: { slug: OPEN } })).toBeNull();

    const preview = await run({ bytes: wxrOf(itemOf(OPEN, 'closed')), dryRun: true });
    expect(preview.ok && preview.report.articles).toEqual([expect.objectContaining({ slug: OPEN, added: 0, stateChange: 'close' })]);
    const result = await run({ bytes: wxrOf(itemOf(OPEN, 'closed')) });
    expect(result.ok && result.report.articles).toEqual([expect.objectContaining({ slug: OPEN, added: 0, stateChange: 'close' })]);
    expect(await site.temp.db.article.findUnique({ where: { slug: OPEN } })).toMatchObject({ commentsOpen: false, closedBy: 'import' });
    expect(await site.temp.db.comment.count()).toBe(0);
  });
});
