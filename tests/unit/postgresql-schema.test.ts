import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '@/lib/db/migrate';
import { POSTGRESQL_MIGRATIONS_DIR, migratePostgresql } from '@/lib/db/migrate-postgresql';
import { readArticles } from '@/lib/content/load-articles';
import { postComment, type PostContext } from '@/lib/comments/service';
import { prepareDatabase } from '@/prisma/prepare';
import { seed } from '@/prisma/seed';
import { DERIVED, SOURCE, derivePostgresqlSchema } from '@/scripts/derive-postgresql-schema.mjs';
import { createTempDatabase, type TempDatabase } from './helpers/temp-database';

type DmmfField = { name: string; kind: string; type: string; isRequired: boolean; relationFromFields?: string[]; relationToFields?: string[]; relationOnDelete?: string };
type Dmmf = { datamodel: { models: { name: string; fields: DmmfField[] }[]; indexes: { model: string; type: string; fields: { name: string }[] }[] } };

const POSTGRESQL_TYPE: Record<string, string> = { String: 'text', Int: 'integer', Boolean: 'boolean', DateTime: 'timestamp without time zone', Float: 'double precision' };
const migrationNames = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

let temp: TempDatabase;
let client: pg.Client;
beforeEach(async () => {
  temp = await createTempDatabase();
  client = new pg.Client({ connectionString: temp.url });
  await client.connect();
});
afterEach(async () => {
  await client.end();
  await temp.cleanup();
});

describe('the PostgreSQL schema', () => {
  it('is derived from schema.prisma, the one source of truth, and is up to date', () => {
    expect(readFileSync(DERIVED, 'utf8'), 'run: node scripts/derive-postgresql-schema.mjs').toBe(derivePostgresqlSchema(readFileSync(SOURCE, 'utf8')));
  });

  it('has the same migration history as SQLite, migration for migration', () => {
    expect(migrationNames(POSTGRESQL_MIGRATIONS_DIR)).toEqual(migrationNames(MIGRATIONS_DIR));
  });

  it('migrates to a database with every model, field, type, index and relation of the schema', async () => {
    const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: readFileSync(DERIVED, 'utf8') }))) as Dmmf;
    const { rows: columns } = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; datetime_precision: number | null }>(
      `SELECT table_name, column_name, data_type, is_nullable, datetime_precision FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    for (const model of dmmf.datamodel.models) {
      const scalars = model.fields.filter((field) => field.kind === 'scalar');
      const tableColumns = columns.filter((column) => column.table_name === model.name);
      expect(tableColumns.map((column) => column.column_name).sort(), `columns of ${model.name}`).toEqual(scalars.map((field) => field.name).sort());
      for (const field of scalars) {
        const column = tableColumns.find((candidate) => candidate.column_name === field.name);
        expect(column?.data_type, `${model.name}.${field.name} type`).toBe(POSTGRESQL_TYPE[field.type]);
        expect(column?.is_nullable === 'NO', `${model.name}.${field.name} required`).toBe(field.isRequired);
        if (field.type === 'DateTime') expect(column?.datetime_precision, `${model.name}.${field.name} precision`).toBe(3);
      }
    }
    const { rows: indexes } = await client.query<{ name: string; columns: string[] }>(
      `SELECT i.relname AS name, array_agg(a.attname::text ORDER BY k.ordinality) AS columns
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
         JOIN unnest(x.indkey) WITH ORDINALITY AS k(attnum, ordinality) ON true
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE t.relnamespace = 'public'::regnamespace GROUP BY i.relname`,
    );
    for (const index of dmmf.datamodel.indexes) {
      const suffix = { id: 'pkey', unique: 'key', normal: 'idx' }[index.type];
      const name = index.type === 'id' ? `${index.model}_pkey` : `${index.model}_${index.fields.map((field) => field.name).join('_')}_${suffix}`;
      expect(indexes.find((candidate) => candidate.name === name)?.columns, `index ${name}`).toEqual(index.fields.map((field) => field.name));
    }
    const { rows: foreignKeys } = await client.query<{ name: string }>(`SELECT conname AS name FROM pg_constraint WHERE contype = 'f'`);
    for (const model of dmmf.datamodel.models) {
      for (const relation of model.fields.filter((field) => field.kind === 'object' && field.relationFromFields?.length)) {
        expect(foreignKeys.map((key) => key.name), `foreign key of ${model.name}.${relation.name}`).toContain(`${model.name}_${relation.relationFromFields?.[0]}_fkey`);
      }
    }
  });

  it('records each migration in _prisma_migrations as Prisma does, once, even when two instances start together', async () => {
    const again = await Promise.all([migratePostgresql(temp.url), migratePostgresql(temp.url)]);
    for (const result of again) expect(result.applied).toEqual([]);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames(POSTGRESQL_MIGRATIONS_DIR));
    for (const row of rows) {
      const sql = readFileSync(path.join(POSTGRESQL_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });
});

describe('several instances starting at once', () => {
  it('migrate and seed the database once between them', async () => {
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const articles = await readArticles();
    const starts = await Promise.all([1, 2, 3].map(() => prepareDatabase(temp.url, articles)));
    expect(starts.filter((start) => start.migration.applied.length > 0)).toHaveLength(1);
    expect(starts.filter((start) => start.seeded.commentsCreated > 0)).toHaveLength(1);
    const { rows } = await client.query<{ articles: number; comments: number }>(
      'SELECT (SELECT count(*)::int FROM "Article") AS articles, (SELECT count(*)::int FROM "Comment") AS comments',
    );
    expect(rows[0]).toEqual({ articles: articles.length, comments: 7 });
  });
});

describe('posting on PostgreSQL under concurrency', () => {
  const OPEN = 'le-marketing-2-0-c-est-quoi';
  let context: PostContext;
  beforeEach(async () => {
    const articles = await readArticles();
    await seed(temp.db, articles);
    context = { db: temp.db, ip: '203.0.113.50', articles: async () => articles, rateLimit: null };
  });

  it('stores one comment when the same one is sent 30 times at once; the others are duplicates', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, () => postComment(OPEN, { name: 'Double', email: 'double@exemple.fr', body: 'Envoyé trente fois.' }, context)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === 'duplicate')).toHaveLength(29);
    expect(await temp.db.comment.count({ where: { authorEmail: 'double@exemple.fr' } })).toBe(1);
  });

  it('lets a post commit while another post to the same article is still in its transaction; the count and tags stay exact', async () => {
    const counted = async () => (await client.query(`SELECT "published" FROM "ArticleCommentCount" WHERE "articleSlug" = $1`, [OPEN])).rows[0]?.published ?? 0;
    const home = async () => (await client.query(`SELECT "version" FROM "CacheTag" WHERE "tag" = $1`, [`comments:${OPEN}:home`])).rows[0]?.version ?? 0;
    const [countBefore, homeBefore] = [await counted(), await home()];
    // A writer that has inserted a published comment and moved the article's tag, not yet committed.
    const other = new pg.Client({ connectionString: temp.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `INSERT INTO "Comment" ("articleSlug", "authorName", "authorEmail", "body", "status", "isAuthor", "ipHash", "bodyHash", "createdAt") VALUES ($1, 'Lent', 'lent@exemple.fr', 'Pas encore validé.', 'published', false, 'x', 'y', now())`,
        [OPEN],
      );
      await other.query(`INSERT INTO "CacheTagMove" ("tag") VALUES ($1)`, [`comments:${OPEN}:home`]);
      // Before: the count's and the tag's rows were locked from the insert to the commit, and this post waited.
      const posted = await Promise.race([
        postComment(OPEN, { name: 'Rapide', email: 'rapide@exemple.fr', body: 'Passé devant.' }, context),
        new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 3000)),
      ]);
      expect(posted).toMatchObject({ ok: true, comment: { status: 'published' } });
      expect(await counted()).toBe(countBefore + 1);
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    expect(await counted()).toBe(countBefore + 2);
    expect(await home()).toBe(homeBefore + 2);
    expect((await client.query(`SELECT count(*)::int AS n FROM "CacheTagMove"`)).rows[0].n).toBe(0);
  });

  it('commits posts sent together in shared transactions: each stored once with its own id, the count exact, the pages\' tag moved once per transaction', async () => {
    const counted = async () => (await client.query(`SELECT "published" FROM "ArticleCommentCount" WHERE "articleSlug" = $1`, [OPEN])).rows[0]?.published ?? 0;
    const home = async () => (await client.query(`SELECT "version" FROM "CacheTag" WHERE "tag" = $1`, [`comments:${OPEN}:home`])).rows[0]?.version ?? 0;
    const [countBefore, homeBefore] = [await counted(), await home()];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) => postComment(OPEN, { name: 'Ensemble', email: `ensemble${index}@exemple.fr`, body: `Ensemble ${index}` }, context)),
    );
    const ids = results.flatMap((result) => (result.ok ? [result.comment.id] : []));
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    const { rows } = await client.query<{ id: number; body: string }>(`SELECT "id", "body" FROM "Comment" WHERE "authorName" = 'Ensemble'`);
    expect(new Map(rows.map((row) => [row.id, row.body]))).toEqual(new Map(results.flatMap((result) => (result.ok ? [[result.comment.id, result.comment.body]] : []))));
    expect(await counted()).toBe(countBefore + 40);
    // One move per transaction: one post alone, then the others that waited for it, together.
    const moves = (await home()) - homeBefore;
    expect(moves).toBeGreaterThanOrEqual(1);
    expect(moves).toBeLessThan(40);
  });

  it('answers each post of a transaction that fails as a whole on its own: the others are stored', async () => {
    // A refusal by the database itself, for one text: the batch it is in fails, and is posted again post by post.
    await client.query(`CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."body" = 'Refusé par la base' THEN RAISE EXCEPTION 'refusé'; END IF; RETURN NEW; END $$`);
    await client.query(`CREATE TRIGGER refuse_one BEFORE INSERT ON "Comment" FOR EACH ROW EXECUTE FUNCTION refuse_one()`);
    const quiet = console.error;
    console.error = () => undefined;
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          postComment(OPEN, { name: 'Lot', email: `lot${index}@exemple.fr`, body: index === 5 ? 'Refusé par la base' : `Lot ${index}` }, context),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(9);
      expect(results[5]).toMatchObject({ ok: false, reason: 'failed' });
    } finally {
      console.error = quiet;
    }
    expect(await temp.db.comment.count({ where: { authorName: 'Lot' } })).toBe(9);
  });

  it('lets no more than the rate limit through when one address sends at once', async () => {
    const limited = { ...context, rateLimit: { max: 5, windowSeconds: 60 } };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => postComment(OPEN, { name: 'Pressé', email: `presse${index}@exemple.fr`, body: `Message ${index}` }, limited)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(5);
    expect(await temp.db.comment.count({ where: { authorName: 'Pressé' } })).toBe(5);
  });

  it('stores or refuses as closed each post racing the closing, and refuses every post after it', async () => {
    const posts = Array.from({ length: 40 }, (_, index) =>
      postComment(OPEN, { name: 'Course', email: `course${index}@exemple.fr`, body: `Course ${index}` }, context),
    );
    const closedAt = await temp.db.article.update({ where: { slug: OPEN }, data: { commentsOpen: false }, select: { updatedAt: true } });
    const results = await Promise.all(posts);
    const accepted = results.flatMap((result) => (result.ok ? [result.comment.id] : []));
    const refused = results.filter((result) => !result.ok);
    for (const result of refused) expect(result).toMatchObject({ reason: 'closed' });
    expect(accepted.length + refused.length).toBe(40);
    expect(await temp.db.comment.count({ where: { authorName: 'Course' } })).toBe(accepted.length);
    expect(closedAt.updatedAt).toBeInstanceOf(Date);
    expect((await postComment(OPEN, { name: 'Après', email: 'apres@exemple.fr', body: 'Trop tard.' }, context)).ok).toBe(false);
  });
});
