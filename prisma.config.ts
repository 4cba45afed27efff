import { defineConfig } from 'prisma/config';
import { DEFAULT_DATABASE_URL, isPostgresqlUrl } from './lib/db/database-url.cjs';

// SQLite by default; a postgresql:// DATABASE_URL selects the derived PostgreSQL schema and its
// migrations (see scripts/derive-postgresql-schema.mjs), so `prisma migrate deploy` finds the right ones.
const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const folder = isPostgresqlUrl(url) ? 'prisma/postgresql' : 'prisma';

export default defineConfig({
  schema: `${folder}/schema.prisma`,
  migrations: { path: `${folder}/migrations` },
  datasource: { url },
});
