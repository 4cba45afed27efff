import { describe, expect, it } from 'vitest';
import { hashIp } from '@/lib/fingerprint';
import { IMPORT_SALT, importSite } from './helpers/import-site';

const FIXTURE = 'tests/fixtures/import/disqus.xml';
const OPEN = 'le-marketing-2-0-c-est-quoi';
const CLOSED = 'en-librairie-le-15-mai';

const site = importSite(FIXTURE);
const run = site.run;

describe('importing a Disqus export', () => {
  it('matches threads by address and title, and previews their counts and the unmatched ones', async () => {
    const result = await run({ dryRun: true });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.report).toMatchObject({ format: 'disqus', source: 'disqus:marketing-2-0', dryRun: true });
    expect(result.report.articles).toEqual([
      { slug: CLOSED, title: expect.any(String), added: 1, existing: 0, replies: 0, held: 0, spam: 0, skipped: 0, stateChange: null },
      { slug: OPEN, title: expect.any(String), added: 3, existing: 0, replies: 1, held: 0, spam: 1, skipped: 1, stateChange: 'close' },
    ]);
    expect(result.report.unmatched).toEqual([{ key: '5003', title: 'Une page d’ailleurs', url: 'https://marketing.example/ailleurs', comments: 1 }]);
    expect(await site.temp.db.comment.count()).toBe(0);
  });

  it('stores messages as text, links a reply that came before its parent, and hashes the addresses', async () => {
    const result = await run();
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const rows = await site.temp.db.comment.findMany({ orderBy: { importId: 'asc' } });
    expect(rows.map((row) => [row.importId, row.articleSlug, row.status])).toEqual([
      ['9001', OPEN, 'published'],
      ['9002', OPEN, 'published'],
      ['9003', OPEN, 'spam'],
      ['9005', CLOSED, 'published'],
    ]);
    const [parent, reply, spam] = rows;
    expect(parent).toMatchObject({ authorName: 'Maëlle', body: 'Premier message, écrit en français — avec « guillemets ».', createdAt: new Date('2010-03-05T10:00:00Z') });
    expect(reply).toMatchObject({
      parentId: parent?.id,
      authorEmail: 'jerome@example.fr',
      body: 'Je réponds à Maëlle : tout à fait.\n\nVoir l’article (https://exemple.fr/a).',
      ipHash: hashIp('198.51.100.23', IMPORT_SALT),
      importSource: 'disqus:marketing-2-0',
    });
    expect(spam?.authorEmail).toMatch(/^import\.[0-9a-f]{12}@commentaires\.invalid$/);
    expect(JSON.stringify(rows)).not.toContain('198.51.100.');
    expect(await site.temp.db.article.findUnique({ where: { slug: OPEN } })).toMatchObject({ commentsOpen: false, closedBy: 'import' });
  });

  it('adds nothing the second time', async () => {
    expect((await run()).ok).toBe(true);
    const again = await run();
    expect(again.ok && again.report.totals).toMatchObject({ added: 0, existing: 4 });
    expect(await site.temp.db.comment.count()).toBe(4);
    expect(await site.temp.db.auditLog.count()).toBe(2);
  });
});
