import { afterEach, beforeEach } from 'vitest';
import { readArticles, type Article } from '@/lib/content/load-articles';
import { importComments, type ImportContext, type ImportInput, type ImportResult } from '@/lib/import/import-comments';
import { readFileBytes } from '@/lib/import/source-text';
import { createTempDatabase, type TempDatabase } from './temp-database';

/** The salt the import tests hash addresses with. */
export const IMPORT_SALT = 'sel-des-tests';

export type ImportSite = {
  temp: TempDatabase;
  /** Imports `fixture` (or what `input` says) into the test's database as the author. */
  run: (input?: Partial<ImportInput>) => Promise<ImportResult>;
};

/** Before each test: an empty migrated database and the real articles, to import `fixture` into; removed after it. */
export function importSite(fixture: string, context: Partial<ImportContext> = {}): ImportSite {
  const site = {} as ImportSite;
  let articles: Article[] = [];
  beforeEach(async () => {
    site.temp = await createTempDatabase();
    articles = await readArticles();
  });
  afterEach(async () => site.temp.cleanup());
  site.run = (input = {}) =>
    importComments(
      { bytes: readFileBytes(fixture), ...input },
      { db: site.temp.db, actor: 'auteur@example.com', articles: async () => articles, ipHashSalt: IMPORT_SALT, ...context },
    );
  return site;
}
