import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './database.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
// Any fixed number: serialises concurrent migrators on PostgreSQL.
const MIGRATION_LOCK = 731_946_201;

/** The migration files of this release, in the order they run. */
export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
}

export interface MigrationStatus {
  /** Files of this release not yet applied to the database. */
  pending: string[];
  /** Applied to the database, but not files of this release: a newer release migrated it. */
  unknown: string[];
  applied: number;
}

/** Compares the migrations applied to the database with this release's files. */
export async function migrationStatus(db: Queryable): Promise<MigrationStatus> {
  const [table] = await db.query<{ present: boolean }>(`select to_regclass('schema_migrations') is not null as present`);
  const applied = table?.present ? (await db.query<{ name: string }>('select name from schema_migrations')).map((r) => r.name) : [];
  const files = migrationFiles();
  const done = new Set(applied);
  return { pending: files.filter((f) => !done.has(f)), unknown: applied.filter((a) => !files.includes(a)).sort(), applied: applied.length };
}

/** Applies the forward-only SQL migrations in apps/api/migrations that have not run yet; returns their names. */
export async function migrate(db: Database): Promise<string[]> {
  const files = migrationFiles();
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
    );
    const done = new Set((await tx.query<{ name: string }>('select name from schema_migrations')).map((r) => r.name));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      // Statements are separated by a line holding only "--;" so that function bodies may contain semicolons.
      for (const stmt of readFileSync(MIGRATIONS_DIR + file, 'utf8').split(/^--;\s*$/m)) {
        if (stmt.trim()) await tx.query(stmt);
      }
      await tx.query('insert into schema_migrations (name) values ($1)', [file]);
      applied.push(file);
    }
    return applied;
  });
}
