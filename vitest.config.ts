import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

const alias = {
  '@': root,
  // lib/ modules marked server-only are exercised directly by the unit tests.
  'server-only': path.join(root, 'node_modules/server-only/empty.js'),
};

/** The tests of behaviour stored in the database: they run on SQLite and again on PostgreSQL. */
const DATABASE_BEHAVIOUR = ['comment-service', 'export-stream', 'comment-pages', 'comment-counts', 'api-page', 'admin-auth', 'feeds', 'structured-data', 'tag-versions', 'session-version', 'privacy-retention', 'privacy-rights', 'own-comment', 'outbox', 'admin-outbox', 'subscriptions', 'subscription-gathering', 'held-reasons', 'held-comments', 'paris-clock-changes', 'launch-announcements'].map((name) => `tests/unit/${name}.test.ts`);

export default defineConfig({
  resolve: { alias },
  test: {
    environment: 'node',
    pool: 'forks',
    projects: [
      { resolve: { alias }, test: { name: 'sqlite', include: ['tests/unit/**/*.test.ts'], exclude: ['tests/unit/postgresql-*.test.ts'] } },
      {
        resolve: { alias },
        test: {
          name: 'postgresql',
          include: [...DATABASE_BEHAVIOUR, 'tests/unit/import-*.test.ts', 'tests/unit/postgresql-*.test.ts'],
          globalSetup: ['tests/unit/helpers/postgres-setup.ts'],
          // Each file runs its tests one after another on its own databases; files run side by side.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
