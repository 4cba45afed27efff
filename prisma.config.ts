import { defineConfig } from 'prisma/config';

// SQLite by default; a postgresql:// DATABASE_URL selects the derived PostgreSQL schema and its
// migrations (see scripts/derive-postgresql-schema.mjs), so `prisma migrate deploy` finds the right ones.
const url = process.env.DATABASE_URL ?? 'file:./data/marketing-2-0.db';
const folder = /^postgres(ql)?:\/\//.test(url) ? 'prisma/postgresql' : 'prisma';

export default defineConfig({
  schema: `${folder}/schema.prisma`,
  migrations: { path: `${folder}/migrations` },
  datasource: { url },
});
