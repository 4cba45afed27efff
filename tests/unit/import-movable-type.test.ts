import { describe, expect, it } from 'vitest';
import { hashIp } from '@/lib/fingerprint';
import { ImportError } from '@/lib/import/import-error';
import { movableTypeDate } from '@/lib/import/parse/movable-type';
import { IMPORT_SALT, importSite } from './helpers/import-site';

const FIXTURE = 'tests/fixtures/import/movable-type.txt';
const OPEN = 'le-marketing-2-0-c-est-quoi';

const site = importSite(FIXTURE);
const run = site.run;

describe('Movable Type dates', () => {
  it('reads the 12-hour clock, midnight and noon included, as UTC', () => {
    expect(movableTypeDate('01/31/2002 03:31:05 PM', 1)).toEqual(new Date('2002-01-31T15:31:05Z'));
    expect(movableTypeDate('04/16/2008 12:30:00 AM', 1)).toEqual(new Date('2008-04-16T00:30:00Z'));
    expect(movableTypeDate('04/16/2008 12:30:00 PM', 1)).toEqual(new Date('2008-04-16T12:30:00Z'));
    expect(movableTypeDate('04/16/2008 18:30:00', 1)).toEqual(new Date('2008-04-16T18:30:00Z'));
    expect(() => movableTypeDate('02/30/2008 10:00:00 AM', 7)).toThrow(ImportError);
    expect(() => movableTypeDate('hier', 7)).toThrow('Ligne 7 : date illisible');
  });
});

describe('importing a Movable Type or TypePad export', () => {
  it('matches entries by title, leaves pings out and lists the unmatched entries', async () => {
    const result = await run({ dryRun: true });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.report.format).toBe('mt');
    expect(result.report.articles).toEqual([
      { slug: OPEN, title: expect.any(String), added: 2, existing: 0, replies: 0, held: 0, spam: 0, skipped: 0, stateChange: 'close' },
    ]);
    expect(result.report.unmatched).toEqual([{ key: 'un_billet_d_archives', title: "Un billet d'archives", url: null, comments: 1 }]);
  });

  it('stores each comment as text with its author, date and hashed address, once however often it is imported', async () => {
    expect((await run()).ok).toBe(true);
    const rows = await site.temp.db.comment.findMany({ orderBy: { createdAt: 'asc' } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      articleSlug: OPEN,
      authorName: 'Stéphane Guérin',
      authorEmail: 'stephane@example.fr',
      authorWebsite: 'http://stephane.example/',
      createdAt: new Date('2008-04-15T21:05:00Z'),
      body: 'Un commentaire de TypePad, avec des accents : « é à ç ».\n\nUn second paragraphe avec un lien (https://exemple.fr/lien).',
      ipHash: hashIp('192.0.2.150', IMPORT_SALT),
      importSource: 'mt',
      status: 'published',
    });
    expect(rows[1]).toMatchObject({ authorName: 'Aurélie', createdAt: new Date('2008-04-16T00:30:00Z'), authorWebsite: null });
    const again = await run();
    expect(again.ok && again.report.totals).toMatchObject({ added: 0, existing: 2 });
    expect(await site.temp.db.comment.count()).toBe(2);
  });
});
