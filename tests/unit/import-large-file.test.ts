import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { importComments } from '@/lib/import/import-comments';
import { readFileBytes } from '@/lib/import/source-text';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

const COUNT = 50_000;
const REPLY_EVERY = 5;
const MB = 1024 * 1024;
const SLUGS = ['le-marketing-2-0-c-est-quoi', 'en-librairie-le-15-mai'];
const PARAGRAPH = 'L’intelligence collective, c’est d’abord <em>écouter</em> : les clients parlent entre eux, et la marque arrive dans une conversation déjà commencée. ';

// As in the export's test: collecting now and then shows what the import keeps, not what V8 has yet to collect.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** A WordPress export of COUNT comments over two posts, one in REPLY_EVERY a reply, written as it is generated. */
async function* largeWxr(): AsyncGenerator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<link>https://grand.example</link>\n`;
  const perPost = COUNT / SLUGS.length;
  for (const [postIndex, slug] of SLUGS.entries()) {
    yield `<item><title>Billet ${postIndex}</title><wp:post_id>${postIndex + 1}</wp:post_id><wp:post_name>${slug}</wp:post_name><wp:comment_status>open</wp:comment_status>\n`;
    for (let index = 0; index < perPost; index++) {
      const id = postIndex * perPost + index + 1;
      const parent = index % REPLY_EVERY === REPLY_EVERY - 1 ? id - 1 - (index % (REPLY_EVERY - 1)) : 0;
      const date = new Date(Date.UTC(2008, 4, 20) + id * 1000).toISOString().slice(0, 19).replace('T', ' ');
      yield `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Lecteur n° ${id}]]></wp:comment_author><wp:comment_author_email>lecteur${id}@example.fr</wp:comment_author_email><wp:comment_author_IP>198.51.${id % 256}.${(id >> 8) % 256}</wp:comment_author_IP><wp:comment_date_gmt>${date}</wp:comment_date_gmt><wp:comment_content><![CDATA[<p>Commentaire ${id}. ${PARAGRAPH.repeat(5)}</p>]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>\n`;
    }
    yield '</item>\n';
  }
  yield '</channel>\n</rss>\n';
}

/** The highest heap growth seen while `work` runs: sampled every few pieces of the file as the import reads it, and on a timer while it writes. */
async function measured<T>(bytes: AsyncIterable<Uint8Array>, work: (bytes: AsyncIterable<Uint8Array>) => Promise<T>) {
  collectGarbage();
  const start = process.memoryUsage().heapUsed;
  const growth = { peak: 0 };
  const sample = () => {
    collectGarbage();
    growth.peak = Math.max(growth.peak, process.memoryUsage().heapUsed - start);
  };
  const timer = setInterval(sample, 250);
  try {
    const result = await work(
      (async function* () {
        let pieces = 0;
        for await (const piece of bytes) {
          yield piece;
          if (++pieces % 64 === 0) sample();
        }
      })(),
    );
    return { result, peak: growth.peak };
  } finally {
    clearInterval(timer);
  }
}

let temp: TempDatabase;
let articles: Article[];
let dir: string;

beforeEach(async () => {
  temp = await createTempDatabase();
  articles = await readArticles();
  dir = mkdtempSync(path.join(tmpdir(), 'm20-large-import-'));
});
afterEach(async () => {
  await temp.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('a large export', () => {
  it(`imports ${COUNT.toLocaleString('en')} comments, each article in one transaction, with a heap that stays far below the file's size`, { timeout: 300_000 }, async () => {
    const file = path.join(dir, 'grand.xml');
    await pipeline(Readable.from(largeWxr()), createWriteStream(file));
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(40 * MB);

    const { result, peak } = await measured(readFileBytes(file), (bytes) =>
      importComments({ bytes }, { db: temp.db, actor: 'auteur', articles: async () => articles, ipHashSalt: 'sel' }),
    );
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.report.totals).toMatchObject({ added: COUNT, replies: COUNT / REPLY_EVERY });
    expect(await temp.db.comment.count()).toBe(COUNT);
    expect(await temp.db.comment.count({ where: { parentId: { not: null } } })).toBe(COUNT / REPLY_EVERY);
    console.log(`import de ${(size / MB).toFixed(0)} Mo : tas +${(peak / MB).toFixed(1)} Mo au plus`);
    // What grows with the file is one small entry per comment (its thread's id, for the replies to
    // come), while it is read and again while each article is written from what was set aside.
    expect(peak).toBeLessThan(size / 3);
  });
});
