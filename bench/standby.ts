/**
 * A PostgreSQL primary and a streaming standby of it on this machine, for bench/province: Debian's
 * server binaries (/usr/lib/postgresql/<version>/bin), a primary made with initdb in a temporary
 * folder (so the machine's own server and its settings are left alone), and a standby made from it
 * with `pg_basebackup -R` and started on another port. Both listen on 127.0.0.1 only, with the
 * server's default settings; `stop()` ends both and removes the folder.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface Cluster {
  /** postgres://postgres@127.0.0.1:PORT/kaoping_bench */
  databaseUrl: string;
  port: number;
}

export interface PrimaryWithStandby {
  primary: Cluster;
  /** Made by `standby.start()` from the primary as it is then; null before. */
  standby: Cluster | null;
  binDir: string;
  startStandby(): Promise<Cluster>;
  /** How far the standby's replay is behind the primary's WAL, in bytes. */
  lagBytes(): Promise<number>;
  stop(): Promise<void>;
}

const DB = 'kaoping_bench';

function serverBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_basebackup'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`no PostgreSQL server binaries under ${root} (Debian's postgresql package)`);
  return join(root, newest, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** The server refuses to run as root: its commands run as the postgres user then. */
function run(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 30 * 60_000 });
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.query('select 1');
      await c.end();
      return;
    } catch {
      await c.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`PostgreSQL at ${url} did not become ready`);
}

export async function startPrimary(): Promise<PrimaryWithStandby> {
  const binDir = serverBinDir();
  const root = mkdtempSync(join(tmpdir(), 'kaoping-replica-'));
  chmodSync(root, 0o777);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', root]);
  const bin = (name: string) => join(binDir, name);
  const primaryDir = join(root, 'primary');
  const standbyDir = join(root, 'standby');
  const start = (dir: string, port: number) =>
    run(bin('pg_ctl'), ['-D', dir, '-l', join(root, `${port}.log`), '-w', '-t', '120', '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1`, 'start']);
  const started: string[] = [];

  run(bin('initdb'), ['-D', primaryDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const primaryPort = await freePort();
  start(primaryDir, primaryPort);
  started.push(primaryDir);
  const admin = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  await waitReady(admin);
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${DB}`);
  await c.end();

  const self: PrimaryWithStandby = {
    primary: { databaseUrl: `postgres://postgres@127.0.0.1:${primaryPort}/${DB}`, port: primaryPort },
    standby: null,
    binDir,
    async startStandby() {
      const port = await freePort();
      // A fast checkpoint, the WAL streamed alongside, and standby.signal with the primary's address (-R).
      run(bin('pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standbyDir, '-R', '-X', 'stream', '-c', 'fast']);
      start(standbyDir, port);
      started.push(standbyDir);
      const url = `postgres://postgres@127.0.0.1:${port}/${DB}`;
      await waitReady(url);
      const s = new pg.Client({ connectionString: url });
      await s.connect();
      const [{ standby }] = (await s.query<{ standby: boolean }>('select pg_is_in_recovery() as standby')).rows as [{ standby: boolean }];
      await s.end();
      if (!standby) throw new Error('the copy is not in recovery: it is no standby');
      self.standby = { databaseUrl: url, port };
      return self.standby;
    },
    async lagBytes() {
      const p = new pg.Client({ connectionString: admin });
      await p.connect();
      try {
        const rows = (await p.query<{ lag: string | null }>('select (pg_current_wal_lsn() - replay_lsn)::text as lag from pg_stat_replication')).rows;
        return rows.length ? Number(rows[0]!.lag ?? 0) : -1;
      } finally {
        await p.end();
      }
    },
    async stop() {
      for (const dir of started.reverse()) {
        try {
          run(bin('pg_ctl'), ['-D', dir, '-m', 'fast', '-w', 'stop']);
        } catch {
          // already stopped
        }
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  return self;
}
