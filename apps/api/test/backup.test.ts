import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableRowCounts } from '../src/db/backup.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/seed/seed-demo.js';
import { buildApi, kaoping } from './server-process.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

/**
 * `kaoping backup` and `kaoping restore`, run as an operator runs them (the built command, in its own
 * process), on the database the tier runs on: the Hengyang demo is backed up, restored into a fresh
 * database, and the copy must hold the same rows in every table and an intact audit trail.
 */

const onPostgres = Boolean(process.env.DATABASE_URL);
const dir = mkdtempSync(join(tmpdir(), 'kaoping-backup-'));
const FILE = join(dir, onPostgres ? 'kaoping.dump' : 'kaoping.tar.gz');

/** A database of the test's own, named the way the command sees it (DATA_DIR or DATABASE_URL). */
interface Target {
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function newTarget(name: string): Promise<Target> {
  if (onPostgres) {
    const tdb: TestDatabase = await createTestDatabase();
    return { env: { DATABASE_URL: tdb.databaseUrl! }, open: () => openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: ':memory:' }), drop: () => tdb.drop() };
  }
  const dataDir = join(dir, name);
  return { env: { DATA_DIR: dataDir }, open: () => openDatabase({ dataDir }), drop: async () => undefined };
}

async function run(args: string[], target: Target) {
  const p = kaoping(args, target.env);
  const code = await p.exited;
  return { code, out: p.output() };
}

/** Reads a database and closes it again, so that the command (another process) may open it. */
async function read<T>(target: Target, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await target.open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const lastAuditHash = (db: Database) => db.query<{ hash: string }>('select hash from audit_log order by id desc limit 1').then((r) => r[0]?.hash);

let source: Target;
let copy: Target;
let counts: Record<string, number>;

beforeAll(async () => {
  buildApi();
  source = await newTarget('source');
  copy = await newTarget('copy');
  counts = await read(source, async (db) => {
    await migrate(db);
    await seedDemo(db);
    return tableRowCounts(db);
  });
}, 400_000);

afterAll(async () => {
  await source?.drop();
  await copy?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe(`kaoping backup and restore (${onPostgres ? 'PostgreSQL, pg_dump custom format' : 'embedded database, a tarball of its directory'})`, () => {
  it('backs up the demo', async () => {
    const { code, out } = await run(['backup', FILE], source);
    expect(code, out).toBe(0);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(out).toContain(`(${Object.keys(counts).length} tables, ${rows.toLocaleString('en')} rows) `);
    expect(out).toContain(`to ${FILE}`);
    expect(existsSync(FILE)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, 120_000);

  it('restores it into a fresh database: the same rows in every table, and an intact audit trail', async () => {
    const { code, out } = await run(['restore', FILE], copy);
    expect(code, out).toBe(0);
    expect(out).toContain(`Restored ${FILE} into`);
    expect(await read(copy, tableRowCounts)).toEqual(counts);
    expect(counts.audit_log).toBeGreaterThan(100);
    expect(counts.responses).toBeGreaterThan(1000);
    expect(await read(copy, lastAuditHash)).toBe(await read(source, lastAuditHash));
    const verify = await run(['audit', 'verify'], copy);
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toContain(`Audit trail intact: ${counts.audit_log} entries verified.`);
  }, 180_000);

  it('refuses to restore over a database that holds data, and leaves it as it was', async () => {
    await read(copy, (db) => db.query(`update units set name = '改过的名字' where code = '430421'`));
    const { code, out } = await run(['restore', FILE], copy);
    expect(code).toBe(1);
    expect(out).toContain('is not empty');
    expect(out).toContain('add --force');
    expect(await read(copy, (db) => db.query<{ name: string }>(`select name from units where code = '430421'`))).toEqual([{ name: '改过的名字' }]);
  }, 120_000);

  it('replaces it with --force, keeping the old one, and says what it did', async () => {
    const { code, out } = await run(['restore', FILE, '--force'], copy);
    expect(code, out).toBe(0);
    const kept = onPostgres ? /Backed up the database as it was \(.*\) to (\S+\.dump)\./.exec(out)?.[1] : /aside to (\S+)\./.exec(out)?.[1];
    expect(kept, out).toBeDefined();
    expect(existsSync(kept!)).toBe(true);
    expect(await read(copy, (db) => db.query<{ name: string }>(`select name from units where code = '430421'`))).toEqual([{ name: '衡阳县' }]);
    expect(await read(copy, tableRowCounts)).toEqual(counts);
  }, 180_000);

  it('refuses a backup of the other kind of database, or a file that is no backup', async () => {
    const other = join(dir, 'other');
    writeFileSync(other, onPostgres ? Buffer.from([0x1f, 0x8b, 8, 0, 0]) : Buffer.from('PGDMP\x01\x0f\x00'));
    let res = await run(['restore', other], copy);
    expect(res.code).toBe(1);
    expect(res.out).toContain(onPostgres ? 'is a backup of the embedded database' : 'is a PostgreSQL backup (pg_dump)');
    writeFileSync(other, 'name,score\n衡阳县,95\n');
    res = await run(['restore', other], copy);
    expect(res.code).toBe(1);
    expect(res.out).toContain('is not a Kaoping backup');
  }, 60_000);

  // On either tier: the embedded database is the one a second process could corrupt.
  it('will not touch an embedded database while another process has it open', async () => {
    const dataDir = join(dir, 'held');
    const held: Target = { env: { DATA_DIR: dataDir }, open: () => openDatabase({ dataDir }), drop: async () => undefined };
    const tarball = join(dir, 'held.tar.gz');
    writeFileSync(tarball, Buffer.from([0x1f, 0x8b, 8, 0, 0]));
    const db = await held.open();
    try {
      for (const args of [['backup', join(dir, 'while-open.tar.gz')], ['restore', tarball, '--force'], ['migrate']]) {
        const { code, out } = await run(args, held);
        expect(code, args.join(' ')).toBe(1);
        expect(out).toContain(`is in use by another process (pid ${process.pid})`);
      }
      expect(existsSync(join(dir, 'while-open.tar.gz'))).toBe(false);
    } finally {
      await db.close();
    }
  }, 60_000);
});
