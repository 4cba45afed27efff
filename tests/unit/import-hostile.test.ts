import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { importComments } from '@/lib/import/import-comments';
import { MAX_LINE_LENGTH, readFileBytes } from '@/lib/import/source-text';
import { MAX_DEPTH, MAX_NODE_LENGTH } from '@/lib/import/xml-reader';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<link>https://ancien.example</link>
`;

function wxrComment(id: number, body = `Commentaire n° ${id}`): string {
  return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>Lecteur ${id}</wp:comment_author><wp:comment_author_email>l${id}@example.fr</wp:comment_author_email><wp:comment_date_gmt>2008-04-15 09:30:00</wp:comment_date_gmt><wp:comment_content><![CDATA[${body}]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>\n`;
}

const ITEM_START = `<item><title>Le marketing 2.0</title><wp:post_id>1</wp:post_id><wp:post_name>le-marketing-2-0-c-est-quoi</wp:post_name>\n`;

let temp: TempDatabase;
let articles: Article[];
let dir: string;

beforeEach(async () => {
  temp = await createTempDatabase();
  articles = await readArticles();
  dir = mkdtempSync(path.join(tmpdir(), 'm20-import-'));
});
afterEach(async () => {
  await temp.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function importFile(content: string | Buffer, format?: 'wxr' | 'mt' | 'json' | 'disqus') {
  const file = path.join(dir, 'export');
  writeFileSync(file, content);
  return importComments({ bytes: readFileBytes(file), format }, { db: temp.db, actor: 'auteur', articles: async () => articles, ipHashSalt: 'sel' });
}

async function expectNothingWritten() {
  expect(await temp.db.comment.count()).toBe(0);
  expect(await temp.db.article.count()).toBe(0);
  expect(await temp.db.auditLog.count()).toBe(0);
  expect(await temp.db.cacheTag.count()).toBe(0);
}

describe('a hostile or broken file', () => {
  it('refuses entity expansion (billion laughs) at the DOCTYPE', async () => {
    const laughs = Array.from({ length: 9 }, (_, index) => `<!ENTITY lol${index + 1} "${`&lol${index};`.repeat(10)}">`).join('\n');
    const file = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${laughs}\n]>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&lol9;</title></item></channel></rss>\n`;
    const result = await importFile(file, 'wxr');
    expect(result).toEqual({ ok: false, line: 2, message: expect.stringMatching(/^Ligne 2 : déclaration DOCTYPE refusée.*Rien n’a été importé\.$/) });
    await expectNothingWritten();
  });

  it('refuses an external entity', async () => {
    const file = `<?xml version="1.0"?>\n\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss><channel><title>&xxe;</title></channel></rss>\n`;
    const result = await importFile(file, 'wxr');
    expect(result).toMatchObject({ ok: false, line: 3, message: expect.stringContaining('Ligne 3 : déclaration DOCTYPE refusée') });
    await expectNothingWritten();
  });

  it('refuses an entity the file never declares, naming its line', async () => {
    const result = await importFile(`${HEADER}${ITEM_START}${wxrComment(1, 'ok')}<title>&xxe;</title></item></channel></rss>\n`, 'wxr');
    expect(result).toMatchObject({ ok: false, line: 7, message: expect.stringMatching(/^Ligne 7 : XML mal formé : entité non déclarée/) });
    await expectNothingWritten();
  });

  it('refuses a line too long before holding it in memory', async () => {
    const long = 'x'.repeat(MAX_LINE_LENGTH + 10);
    const result = await importFile(`${HEADER}${ITEM_START}${wxrComment(1)}<title>${long}</title>\n</item></channel></rss>\n`, 'wxr');
    expect(result).toMatchObject({ ok: false, line: 7, message: expect.stringMatching(/^Ligne 7 : ligne trop longue/) });
    await expectNothingWritten();
  });

  it('refuses elements nested deeper than an export ever goes', async () => {
    const depth = MAX_DEPTH + 5;
    const result = await importFile(`${HEADER}${'<x>\n'.repeat(depth)}${'</x>'.repeat(depth)}</channel></rss>\n`, 'wxr');
    expect(result).toMatchObject({ ok: false, line: 4 + MAX_DEPTH - 1, message: expect.stringContaining('imbriqués') });
    await expectNothingWritten();
  });

  it('refuses a text too long to hold, even spread over short lines', async () => {
    const lines = 'du texte sans fin\n'.repeat(Math.ceil(MAX_NODE_LENGTH / 18) + 10_000);
    const result = await importFile(`${HEADER}${ITEM_START}${wxrComment(1)}<ignored>${lines}</ignored></item></channel></rss>\n`, 'wxr');
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('démesuré') });
    await expectNothingWritten();
  });

  it('refuses bytes that are not UTF-8, naming their line', async () => {
    const before = Buffer.from(`${HEADER}${ITEM_START}${wxrComment(1)}`);
    const latin1 = Buffer.from(wxrComment(2, 'Très bien'), 'latin1');
    const result = await importFile(Buffer.concat([before, latin1, Buffer.from('</item></channel></rss>\n')]), 'wxr');
    expect(result).toMatchObject({ ok: false, line: 7, message: expect.stringMatching(/^Ligne 7 : le fichier n’est pas du texte UTF-8 valide/) });
    await expectNothingWritten();
  });

  it('refuses a file declared in another encoding', async () => {
    const result = await importFile(`<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss></rss>\n`, 'wxr');
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^Ligne 1 : encodage « ISO-8859-1 » non pris en charge/) });
  });

  it('refuses a file in UTF-16', async () => {
    const result = await importFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<rss></rss>', 'utf16le')]));
    expect(result).toMatchObject({ ok: false, line: 1, message: expect.stringContaining('UTF-16') });
  });

  it('refuses a file of no known format', async () => {
    const result = await importFile('bonjour\n');
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('format de fichier non reconnu') });
  });

  it('refuses a format chosen by hand that the file plainly is not', async () => {
    const result = await importFile(`${HEADER}${ITEM_START}${wxrComment(1)}</item></channel></rss>\n`, 'mt');
    expect(result).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/^Ligne 1 : le fichier est un export WordPress \(WXR\), pas Movable Type ou TypePad \(texte\)/) });
    await expectNothingWritten();
  });

  it('writes nothing when the file breaks after whole batches were stored', async () => {
    const comments = Array.from({ length: 1_200 }, (_, index) => wxrComment(index + 1)).join('');
    const result = await importFile(`${HEADER}${ITEM_START}${comments}</item><item></channel></rss>\n`, 'wxr');
    expect(result).toMatchObject({ ok: false, line: 1_206, message: expect.stringMatching(/^Ligne 1206 : XML mal formé/) });
    await expectNothingWritten();
  });
});
