import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrateSqlite } from '@/lib/db/migrate';

type DmmfField = { name: string; kind: string; type: string; isRequired: boolean; isList: boolean; relationFromFields?: string[]; relationToFields?: string[] };
type Dmmf = {
  datamodel: {
    models: { name: string; fields: DmmfField[] }[];
    indexes: { model: string; type: string; fields: { name: string }[] }[];
  };
};

const SQLITE_TYPE: Record<string, string> = { String: 'TEXT', Int: 'INTEGER', Boolean: 'BOOLEAN', DateTime: 'DATETIME', Float: 'REAL' };

const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: readFileSync('prisma/schema.prisma', 'utf8') }))) as Dmmf;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'm20-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the migrated database', () => {
  it('is readable by this user only, with its WAL, whether new or made before', () => {
    const file = path.join(dir, 'db.sqlite');
    migrateSqlite(file);
    const sqlite = new Database(file);
    try {
      sqlite.exec('CREATE TABLE "Essai" ("x" INTEGER)');
      for (const suffix of ['', '-wal', '-shm']) expect(statSync(`${file}${suffix}`).mode & 0o777, `db.sqlite${suffix}`).toBe(0o600);
    } finally {
      sqlite.close();
    }
    const older = path.join(dir, 'ancienne.sqlite');
    new Database(older).close();
    chmodSync(older, 0o644);
    migrateSqlite(older);
    expect(statSync(older).mode & 0o777).toBe(0o600);
  });

  it('has every model, field, index and relation of schema.prisma', () => {
    const file = path.join(dir, 'db.sqlite');
    migrateSqlite(file);
    const sqlite = new Database(file, { readonly: true });
    try {
      for (const model of dmmf.datamodel.models) {
        const columns = sqlite.prepare(`PRAGMA table_info("${model.name}")`).all() as { name: string; type: string; notnull: number; pk: number }[];
        expect(columns.length, `table ${model.name}`).toBeGreaterThan(0);
        const scalars = model.fields.filter((field) => field.kind === 'scalar');
        expect(columns.map((column) => column.name).sort(), `columns of ${model.name}`).toEqual(scalars.map((field) => field.name).sort());
        for (const field of scalars) {
          const column = columns.find((candidate) => candidate.name === field.name);
          expect(column?.type, `${model.name}.${field.name} type`).toBe(SQLITE_TYPE[field.type]);
          expect(Boolean(column?.notnull) || Boolean(column?.pk), `${model.name}.${field.name} required`).toBe(field.isRequired);
        }
        const foreignKeys = sqlite.prepare(`PRAGMA foreign_key_list("${model.name}")`).all() as { table: string; from: string; to: string }[];
        for (const relation of model.fields.filter((field) => field.kind === 'object' && field.relationFromFields?.length)) {
          expect(foreignKeys, `foreign key ${model.name}.${relation.name}`).toContainEqual(
            expect.objectContaining({ table: relation.type, from: relation.relationFromFields?.[0], to: relation.relationToFields?.[0] }),
          );
        }
      }
      for (const index of dmmf.datamodel.indexes.filter((candidate) => candidate.type === 'normal' || candidate.type === 'unique')) {
        const name = `${index.model}_${index.fields.map((field) => field.name).join('_')}_${index.type === 'unique' ? 'key' : 'idx'}`;
        const columns = sqlite.prepare(`PRAGMA index_info("${name}")`).all() as { name: string }[];
        expect(columns.map((column) => column.name), `index ${name}`).toEqual(index.fields.map((field) => field.name));
      }
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      sqlite.close();
    }
  });
});

describe('the migration runner', () => {
  it('records each migration in _prisma_migrations as Prisma does, once', () => {
    const file = path.join(dir, 'db.sqlite');
    const first = migrateSqlite(file);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(migrateSqlite(file)).toEqual({ applied: [], alreadyApplied: first.applied });

    const sqlite = new Database(file, { readonly: true });
    const rows = sqlite.prepare('SELECT * FROM _prisma_migrations ORDER BY migration_name').all() as Record<string, unknown>[];
    sqlite.close();
    expect(rows.map((row) => row.migration_name)).toEqual(first.applied);
    for (const row of rows) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, String(row.migration_name), 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeTruthy();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('applies a new migration and refuses one edited after it was applied', () => {
    const migrations = path.join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    const file = path.join(dir, 'db.sqlite');
    migrateSqlite(file, migrations);

    const added = path.join(migrations, '29990101000000_add_note');
    cpSync(path.join(migrations, '20261123120000_init'), added, { recursive: true });
    writeFileSync(path.join(added, 'migration.sql'), 'ALTER TABLE "Article" ADD COLUMN "note" TEXT;');
    expect(migrateSqlite(file, migrations).applied).toEqual(['29990101000000_add_note']);

    writeFileSync(path.join(added, 'migration.sql'), 'ALTER TABLE "Article" ADD COLUMN "other" TEXT;');
    expect(() => migrateSqlite(file, migrations)).toThrow(/29990101000000_add_note a été modifiée/);
  });

  it('rolls back a failing migration and records nothing for it', () => {
    const migrations = path.join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    cpSync(path.join(migrations, '20261123120000_init'), path.join(migrations, '29990101000000_broken'), { recursive: true });
    writeFileSync(path.join(migrations, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE "T" ("a" TEXT);\nNOT SQL;');
    const file = path.join(dir, 'db.sqlite');
    expect(() => migrateSqlite(file, migrations)).toThrow();
    const sqlite = new Database(file, { readonly: true });
    const names = sqlite.prepare('SELECT migration_name FROM _prisma_migrations').pluck().all();
    const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'T'`).all();
    sqlite.close();
    expect(names).toEqual(migrateSqlite(path.join(dir, 'reference.sqlite')).applied);
    expect(tables).toEqual([]);
  });
});
