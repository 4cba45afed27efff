// prisma/schema.prisma (SQLite) is the one source of truth for the models. PostgreSQL's schema is
// derived from it: same models, another provider and client folder. `npm run db:derive-postgresql`
// writes it; a unit test fails when the committed file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SOURCE = 'prisma/schema.prisma';
export const DERIVED = 'prisma/postgresql/schema.prisma';

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/derive-postgresql-schema.mjs: do not edit.
// Migrations: prisma/postgresql/migrations/<timestamp>_<name>/migration.sql (same names as SQLite's).
`;

/** The PostgreSQL schema for a SQLite schema's text: only the provider and the client's output change, and no Kysely types. */
export function derivePostgresqlSchema(source) {
  const replace = (text, pattern, replacement) => {
    if (!pattern.test(text)) throw new Error(`${SOURCE}: ${pattern} introuvable`);
    return text.replace(pattern, replacement);
  };
  let schema = source.replace(/^(\/\/.*\n)+/, '');
  // The Kysely types are the same for both databases: generated once, from the SQLite schema.
  schema = replace(schema, /^\/\/[^\n]*\n\/\/[^\n]*\ngenerator kysely \{[^}]*\}\n\n/m, '');
  schema = replace(schema, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  schema = replace(schema, /output\s*=\s*"\.\.\/lib\/generated\/prisma"/, 'output       = "../../lib/generated/prisma-postgresql"');
  return HEADER + schema;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(DERIVED, derivePostgresqlSchema(readFileSync(SOURCE, 'utf8')));
  console.log(`${DERIVED} écrit.`);
}
