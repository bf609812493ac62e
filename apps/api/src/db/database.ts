import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

/** Anything that runs SQL: the database itself or an open transaction. Repositories take one of these. */
export interface Queryable {
  /**
   * `prepared` names a statement run very often (a citizen's submission): PostgreSQL then parses
   * and plans it once per connection instead of on every call. PGlite ignores it.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], prepared?: string): Promise<T[]>;
}

/** The database, whichever engine is behind it; both speak the same SQL (PostgreSQL 15 level). */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgresql';
  /** Runs fn in one transaction: all of its writes land, or none. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  /** The connection pool's state (PostgreSQL); null for the embedded database, which has none. */
  poolStats(): PoolStats | null;
  close(): Promise<void>;
}

export interface PoolStats {
  /** Connections open, of them idle, requests waiting for one, and the most the pool opens. */
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

const POOL_MAX = 10;

// int8 (count(*), bigserial) and numeric arrive as strings from node-postgres; ids stay int4 by design.
pg.types.setTypeParser(20, (v) => Number(v));

class PostgresDatabase implements Database {
  readonly kind = 'postgresql' as const;
  constructor(private readonly pool: pg.Pool) {}

  async query<T>(sql: string, params: unknown[] = [], prepared?: string): Promise<T[]> {
    const res = await this.pool.query(prepared ? { name: prepared, text: sql, values: params } : { text: sql, values: params });
    return res.rows as T[];
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const tx: Queryable = {
        query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
      };
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  poolStats(): PoolStats {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount, max: POOL_MAX };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  constructor(
    private readonly db: PGlite,
    private readonly unlock: () => void = () => undefined,
  ) {}

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const res = await this.db.query<T>(sql, params);
    return res.rows;
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (t) =>
      fn({ query: async <R>(sql: string, params: unknown[] = []) => (await t.query<R>(sql, params)).rows }),
    );
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  poolStats(): null {
    return null;
  }

  /** The whole data directory as a gzipped tarball: what `kaoping backup` writes for the embedded database. */
  async dumpDataDir(): Promise<Buffer> {
    return Buffer.from(await (await this.db.dumpDataDir('gzip')).arrayBuffer());
  }

  async close(): Promise<void> {
    await this.db.close();
    this.unlock();
  }
}

const held = new Map<string, number>();

/**
 * The embedded database belongs to one process: a second one (a command run while the server runs)
 * would write to the same files and corrupt them. A lock file beside the data directory, holding the
 * owner's process id, refuses that second process; one left by a process that died is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lock = `${resolve(dataDir)}.lock`;
  if (!held.has(lock)) {
    let owner = NaN;
    try {
      owner = Number(readFileSync(lock, 'utf8'));
    } catch {
      // no lock: free
    }
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `内嵌数据库 ${dataDir} 正由另一个进程（pid ${owner}）使用：请先停止服务 / the embedded database in ${dataDir} is in use by another process (pid ${owner}), e.g. the server: stop it first`,
      );
    }
    writeFileSync(lock, String(process.pid));
  }
  held.set(lock, (held.get(lock) ?? 0) + 1);
  return () => {
    const n = held.get(lock)! - 1;
    if (n > 0) held.set(lock, n);
    else {
      held.delete(lock);
      rmSync(lock, { force: true });
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Opens the embedded database in dataDir, locked to this process; `load` fills an empty directory from a backup first. */
export async function openPglite(dataDir: string, load?: Blob): Promise<PgliteDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  try {
    return new PgliteDatabase(await PGlite.create(dataDir, load ? { loadDataDir: load } : {}), unlock);
  } catch (err) {
    unlock();
    throw err;
  }
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite in dataDir (or in memory for ':memory:'). */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: POOL_MAX });
    // An idle connection can be dropped by the server (restart, admin command); the pool replaces it.
    // Without a listener that event would crash the process.
    pool.on('error', (err) => console.error(JSON.stringify({ level: 40, msg: 'idle database connection lost', err: err.message })));
    await pool.query('select 1');
    return new PostgresDatabase(pool);
  }
  if (opts.dataDir === ':memory:') return new PgliteDatabase(await PGlite.create());
  return openPglite(opts.dataDir);
}
