import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { openDatabase, openPglite, type Queryable } from './database.js';

/**
 * Backups of either database, as `kaoping backup FILE` and `kaoping restore FILE` make and read them:
 * the embedded database's whole data directory as a gzipped tarball (PGlite's dumpDataDir), and
 * PostgreSQL in pg_dump's custom format, restored with pg_restore. Neither runs the migrations: a
 * backup taken before an upgrade holds the schema as it was, and a restore gives back exactly that.
 */

export class BackupError extends Error {}

/** Every table of the app (schema public) with its number of rows, by name. */
export async function tableRowCounts(db: Queryable): Promise<Record<string, number>> {
  const tables = await db.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from "${name.replaceAll('"', '""')}"`);
    counts[name] = row!.n;
  }
  return counts;
}

const summary = (counts: Record<string, number>) => {
  const tables = Object.keys(counts).length;
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  return `${tables} tables, ${rows.toLocaleString('en')} rows`;
};

type Format = 'pglite' | 'postgresql' | 'unknown';

/** What a backup file is, from its first bytes: a gzip stream (the embedded database's tarball) or pg_dump's "PGDMP". */
function formatOf(file: string): Format {
  const head = Buffer.alloc(5);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  if (head.toString('latin1') === 'PGDMP') return 'postgresql';
  return 'unknown';
}

/** Writes via a temporary file beside the target, so that a failed backup never leaves a partial file under the name given. */
function writeAtomically(file: string, write: (tmp: string) => void): void {
  const tmp = join(dirname(file), `.${basename(file)}.partial`);
  try {
    write(tmp);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

// ---------- the embedded database ----------

async function backupPglite(dataDir: string, file: string): Promise<string> {
  if (dataDir === ':memory:') throw new BackupError('DATA_DIR is :memory:, a database that is never on disk: there is nothing to back up.');
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new BackupError(`No embedded database in ${resolve(dataDir)} (DATA_DIR): there is nothing to back up.`);
  const db = await openPglite(dataDir);
  try {
    const counts = await tableRowCounts(db);
    const tarball = await db.dumpDataDir();
    writeAtomically(file, (tmp) => writeFileSync(tmp, tarball));
    return `Backed up the embedded database in ${resolve(dataDir)} (${summary(counts)}) to ${file} (${(tarball.length / 1e6).toFixed(1)} MB).`;
  } finally {
    await db.close();
  }
}

async function restorePglite(dataDir: string, file: string, force: boolean): Promise<string[]> {
  if (dataDir === ':memory:') throw new BackupError('DATA_DIR is :memory:: set DATA_DIR to the directory to restore into.');
  const said: string[] = [];
  const occupied = existsSync(dataDir) && readdirSync(dataDir).length > 0;
  if (occupied) {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new BackupError(`${resolve(dataDir)} (DATA_DIR) holds files that are not a database: choose an empty directory.`);
    const db = await openPglite(dataDir);
    const counts = await tableRowCounts(db).finally(() => db.close());
    if (Object.keys(counts).length > 0 && !force) {
      throw new BackupError(`The embedded database in ${resolve(dataDir)} is not empty (${summary(counts)}). Restoring replaces it: add --force to do so (it is kept aside, not deleted).`);
    }
    // Kept, not deleted: a restore of the wrong file can be undone by moving the directory back.
    const aside = `${resolve(dataDir)}.before-restore-${stamp()}`;
    renameSync(dataDir, aside);
    said.push(`Moved the database that was in ${resolve(dataDir)} (${summary(counts)}) aside to ${aside}.`);
  }
  const db = await openPglite(dataDir, new Blob([readFileSync(file)]));
  try {
    said.push(`Restored ${file} into ${resolve(dataDir)}: ${summary(await tableRowCounts(db))}.`);
  } finally {
    await db.close();
  }
  return said;
}

// ---------- PostgreSQL ----------

/** The URL without its password, which goes to the tools in PGPASSWORD instead of on a command line that `ps` shows. */
function libpqTarget(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv; database: string } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }, database: decodeURIComponent(url.pathname.slice(1)) };
}

/** Runs pg_dump or pg_restore; throws with its own message when it fails. */
function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): string {
  const res = spawnSync(tool, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.error && (res.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new BackupError(`${tool} was not found: install PostgreSQL's client tools (Debian: apt-get install postgresql-client) matching the server's version.`);
  }
  if (res.status !== 0) throw new BackupError(`${tool} failed: ${(res.stderr || res.stdout || String(res.error)).trim()}`);
  return res.stdout;
}

const toolMajor = (tool: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv) => {
  const version = runTool(tool, ['--version'], env).trim();
  return { version, major: Number(/\(PostgreSQL\) (\d+)/.exec(version)?.[1] ?? NaN) };
};

async function serverMajor(db: Queryable): Promise<number> {
  const [row] = await db.query<{ v: number }>(`select current_setting('server_version_num')::int as v`);
  return Math.floor(row!.v / 10000);
}

/** pg_dump reads only servers of its own major version or older: say which client to install rather than let it fail. */
async function checkDumpTool(db: Queryable, env: NodeJS.ProcessEnv): Promise<string> {
  const [tool, server] = [toolMajor('pg_dump', env), await serverMajor(db)];
  if (!(tool.major >= server)) {
    throw new BackupError(`${tool.version} cannot dump a PostgreSQL ${server} server: install postgresql-client-${server} (its pg_dump must be version ${server} or newer).`);
  }
  return tool.version;
}

function pgDump(target: ReturnType<typeof libpqTarget>, file: string): void {
  writeAtomically(file, (tmp) => runTool('pg_dump', ['--format=custom', `--file=${tmp}`, `--dbname=${target.url}`], target.env));
}

async function backupPostgres(databaseUrl: string, file: string): Promise<string> {
  const target = libpqTarget(databaseUrl);
  const db = await openDatabase({ databaseUrl, dataDir: ':memory:' });
  try {
    const tool = await checkDumpTool(db, target.env);
    const counts = await tableRowCounts(db);
    pgDump(target, file);
    return `Backed up PostgreSQL database "${target.database}" (${summary(counts)}) with ${tool} to ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB, custom format).`;
  } finally {
    await db.close();
  }
}

async function restorePostgres(databaseUrl: string, file: string, force: boolean): Promise<string[]> {
  const target = libpqTarget(databaseUrl);
  const said: string[] = [];
  // Reads the file's table of contents: refuses a damaged file, or one written by a newer pg_dump, before anything changes.
  runTool('pg_restore', ['--list', file], target.env);
  const db = await openDatabase({ databaseUrl, dataDir: ':memory:' });
  try {
    const counts = await tableRowCounts(db);
    if (Object.keys(counts).length > 0) {
      if (!force) {
        throw new BackupError(`PostgreSQL database "${target.database}" is not empty (${summary(counts)}). Restoring replaces it: add --force to do so (a backup of it is taken first).`);
      }
      await checkDumpTool(db, target.env);
      const safety = join(dirname(resolve(file)), `${target.database}-before-restore-${stamp()}.dump`);
      pgDump(target, safety);
      said.push(`Backed up the database as it was (${summary(counts)}) to ${safety}.`);
      // Every object of the app lives in schema public: replacing the schema leaves nothing of the old database behind.
      await db.exec('drop schema public cascade; create schema public;');
      said.push(`Emptied database "${target.database}" (dropped schema public).`);
    }
  } finally {
    await db.close();
  }
  runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.url}`, file], target.env);
  const after = await openDatabase({ databaseUrl, dataDir: ':memory:' });
  try {
    // pg_restore does not carry the planner's statistics: gather them so the first queries are planned well.
    await after.exec('analyze');
    said.push(`Restored ${file} into PostgreSQL database "${target.database}": ${summary(await tableRowCounts(after))}.`);
  } finally {
    await after.close();
  }
  return said;
}

// ---------- the commands ----------

/** `kaoping backup FILE`: returns what it did, in a sentence. */
export async function backup(config: Config, file: string): Promise<string> {
  return config.databaseUrl ? backupPostgres(config.databaseUrl, file) : backupPglite(config.dataDir, file);
}

/** `kaoping restore FILE [--force]`: refuses a database that holds tables unless forced; returns what it did, line by line. */
export async function restore(config: Config, file: string, opts: { force: boolean }): Promise<string[]> {
  if (!existsSync(file)) throw new BackupError(`No file ${file}.`);
  const format = formatOf(file);
  const wanted: Format = config.databaseUrl ? 'postgresql' : 'pglite';
  if (format !== wanted) {
    const what = format === 'pglite' ? 'a backup of the embedded database' : format === 'postgresql' ? 'a PostgreSQL backup (pg_dump)' : 'not a Kaoping backup';
    throw new BackupError(`${file} is ${what}; the database configured here is ${wanted === 'pglite' ? `the embedded one (DATA_DIR)` : 'PostgreSQL (DATABASE_URL)'}. Restore a backup made on the same kind of database.`);
  }
  const said = config.databaseUrl ? await restorePostgres(config.databaseUrl, file, opts.force) : await restorePglite(config.dataDir, file, opts.force);
  said.push('Start the server (or run `kaoping migrate`) to apply the migrations of this release that the backup predates; `kaoping audit verify` checks the audit trail.');
  return said;
}
