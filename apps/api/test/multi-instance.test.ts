import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/seed-demo.js';
import { openStream } from './event-stream.js';
import { buildApi, ROOT, startServer, type NodeProcess } from './server-process.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

/**
 * Several instances behind one database. On PostgreSQL: two server processes (the built JavaScript,
 * as `npm start` runs it) on one database behind Debian's nginx, configured by
 * docs/examples/nginx-instances.conf. The embedded database belongs to one process: a second one
 * on the same data directory must refuse to start rather than corrupt it.
 */

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function waitFor(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const up = (base: string) => async () => (await fetch(`${base}/api/health/ready`).catch(() => null))?.status === 200;

/** A signed-in person talking HTTP to one origin, with the session cookie and CSRF header the admin sends. */
interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(base: string, username: string, from: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} at ${base}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kp_session='))!.split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

function call(base: string, s: Session | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const isBytes = body instanceof Uint8Array;
  return fetch(`${base}${path}`, {
    method,
    headers: {
      ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
      ...(body === undefined || isBytes ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : isBytes ? new Blob([body as Uint8Array<ArrayBuffer>]) : JSON.stringify(body),
  });
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A supervised task led by `unitId`, due in 30 days. */
const taskBody = (unitId: number, title: string, originRef: string, startOffset: number) => ({
  title,
  description: '多实例测试中写入的督办事项。',
  source: 'instruction',
  originRef,
  leadUnitId: unitId,
  coUnitIds: [],
  responsibleLeader: '李副县长',
  startDate: day(startOffset),
  deadline: day(30),
  milestones: [],
});

if (process.env.DATABASE_URL) {
  describe('two instances on one PostgreSQL behind nginx', () => {
    let tdb: TestDatabase;
    let db: Database;
    let prefix: string;
    let nginx: ChildProcess;
    let nginxOut = '';
    const inst: { a?: NodeProcess; b?: NodeProcess } = {};
    let A = '';
    let B = '';
    let LB = '';

    beforeAll(async () => {
      if (!NGINX) throw new Error('nginx is not installed: apt-get install nginx-light (.ci/run installs it)');
      buildApi();
      tdb = await createTestDatabase();
      db = await openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: ':memory:' });
      await migrate(db);
      await seedDemo(db, { assessment: true, respondents: 50 });
      // Make the demo's scheme this year's, so that the daily score run falls due today, and send
      // reminders at midnight, so that the overdue demo tasks have reminders due now.
      await db.query(`update schemes set year = extract(year from now() at time zone 'Asia/Shanghai')::int where status = 'published'`);
      await db.query('update reminder_settings set send_hour = 0');

      const [pa, pb, pn] = [await freePort(), await freePort(), await freePort()];
      const env = (port: number) => ({
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: tdb.databaseUrl!,
        TRUST_PROXY: '127.0.0.1',
        LOGIN_RATE_PER_IP: '6',
        SCORE_SCHEDULE_HOUR: '0',
        REMINDER_INTERVAL_SECONDS: '10',
        LOG_LEVEL: 'warn',
      });
      inst.a = startServer(env(pa));
      inst.b = startServer(env(pb));
      A = `http://127.0.0.1:${pa}`;
      B = `http://127.0.0.1:${pb}`;
      LB = `http://127.0.0.1:${pn}`;

      prefix = mkdtempSync(join(tmpdir(), 'kaoping-nginx-'));
      for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, d));
      const conf = readFileSync(join(ROOT, 'docs/examples/nginx-instances.conf'), 'utf8')
        .replaceAll('@PREFIX@', prefix)
        .replaceAll('@PORT_A@', String(pa))
        .replaceAll('@PORT_B@', String(pb))
        .replaceAll('@PORT@', String(pn));
      writeFileSync(join(prefix, 'nginx.conf'), conf);
      nginx = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
      nginx.stderr!.on('data', (d: Buffer) => (nginxOut += d.toString()));

      await waitFor(up(A), 60_000, `instance A (${inst.a.output()})`);
      await waitFor(up(B), 60_000, `instance B (${inst.b.output()})`);
      await waitFor(up(LB), 20_000, `nginx (${nginxOut})`);
    }, 240_000);

    afterAll(async () => {
      nginx?.kill('SIGTERM');
      for (const p of [inst.a, inst.b]) if (p && p.child.exitCode === null) p.child.kill('SIGTERM');
      await Promise.all([inst.a?.exited, inst.b?.exited]);
      await db?.close();
      await tdb?.drop();
      if (prefix) rmSync(prefix, { recursive: true, force: true });
    }, 60_000);

    it('serves through nginx from both instances', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 6; i++) {
        const res = await fetch(`${LB}/api/health`);
        expect(res.status).toBe(200);
        ids.add(res.headers.get('x-request-id')!);
      }
      expect(ids.size).toBe(6);
      expect((await fetch(`${LB}/metrics`)).status).toBe(403);
    });

    it('keeps a session made on one instance valid on the other, and a sign-out on one ends it on both', async () => {
      const s = await signIn(A, 'office', '203.0.113.1');
      const onB = await call(B, s, 'GET', '/api/auth/me');
      expect(onB.status).toBe(200);
      expect(((await onB.json()) as { user: { username: string } }).user.username).toBe('office');
      expect((await call(B, s, 'POST', '/api/auth/logout')).status).toBeLessThan(300);
      expect((await call(A, s, 'GET', '/api/auth/me')).status).toBe(401);
    });

    it('serves a file uploaded through one instance from the other', async () => {
      const from = '203.0.113.2';
      const supervisor = await signIn(A, 'supervisor', from);
      const leader = await signIn(B, 'leader', from);
      const reporter = await signIn(A, '430421-reporter', from);
      const [lead] = await db.query<{ id: number }>(`select id from units where code = '430421'`);
      const created = await call(A, supervisor, 'POST', '/api/tasks', taskBody(lead!.id, '两台实例之间的附件', '衡督〔2026〕1号', -1));
      expect(created.status, await created.clone().text()).toBe(201);
      const { id } = (await created.json()) as { id: number };
      expect((await call(B, supervisor, 'POST', `/api/tasks/${id}/actions`, { action: 'submit' })).status).toBe(200);
      expect((await call(A, leader, 'POST', `/api/tasks/${id}/actions`, { action: 'approve' })).status).toBe(200);
      expect((await call(B, reporter, 'POST', `/api/tasks/${id}/actions`, { action: 'sign' })).status).toBe(200);
      const pdf = new TextEncoder().encode('%PDF-1.4\n% 两台实例\n%%EOF\n');
      const up = await call(A, reporter, 'POST', `/api/tasks/${id}/evidence`, pdf, { 'content-type': 'application/pdf', 'x-filename': encodeURIComponent('验收.pdf') });
      expect(up.status, await up.clone().text()).toBe(201);
      const evidence = (await up.json()) as { id: number };
      const down = await call(B, supervisor, 'GET', `/api/tasks/${id}/evidence/${evidence.id}`);
      expect(down.status).toBe(200);
      expect(Buffer.from(await down.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    });

    it('shares the sign-in limit: wrong passwords through nginx, spread over both instances, are throttled after 6 in all', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 9; i++) {
        const res = await fetch(`${LB}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `nobody-${i}`, password: 'wrong-password-x' }) });
        codes.push(res.status);
      }
      expect(codes).toEqual([401, 401, 401, 401, 401, 401, 429, 429, 429]);
    });

    it('shares the SMS-code limit: 20 codes an hour for one network, whichever instance answers', async () => {
      const office = await signIn(A, 'office', '203.0.113.3');
      const units = await db.query<{ id: number }>(`select id from units where code in ('430421', 'ZH01')`);
      const made = await call(A, office, 'POST', '/api/campaigns', {
        slug: 'two-instances',
        name: '两台实例测评',
        year: 2026,
        startsAt: new Date(Date.now() - 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        modes: ['sms', 'open'],
        unitIds: units.map((u) => u.id),
      });
      expect(made.status, await made.clone().text()).toBe(201);
      const { id } = (await made.json()) as { id: number };
      expect((await call(B, office, 'POST', `/api/campaigns/${id}/open`)).status).toBe(200);
      const codes: number[] = [];
      for (let i = 0; i < 24; i++) {
        const res = await call(LB, null, 'POST', '/api/p/two-instances/sms-codes', { phone: `139${String(i).padStart(8, '0')}` });
        codes.push(res.status);
      }
      expect(codes.filter((c) => c === 200)).toHaveLength(20);
      expect(codes.slice(20)).toEqual([429, 429, 429, 429]);
    });

    it('runs the daily score run and each reminder once, though both instances run the jobs', async () => {
      await waitFor(async () => (await db.query(`select 1 from score_runs where trigger = 'schedule'`)).length > 0, 60_000, 'the scheduled score run');
      // Both instances' jobs have had two passes at least by now.
      await new Promise((r) => setTimeout(r, 21_000));
      const runs = await db.query<{ scheme_id: number; n: number }>(`select scheme_id, count(*)::int as n from score_runs where trigger = 'schedule' group by scheme_id`);
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.every((r) => r.n === 1)).toBe(true);
      const jobs = await db.query<{ status: string; attempts: number; channel: string }>(`select status, attempts, channel from reminder_jobs where status <> 'cancelled'`);
      expect(jobs.filter((j) => j.status === 'sent').length).toBeGreaterThan(0);
      expect(jobs.filter((j) => j.status === 'sent').every((j) => j.attempts === 1)).toBe(true);
      const [inbox] = await db.query<{ items: number; sent: number }>(
        `select (select count(*)::int from inbox_items where job_id is not null) as items, (select count(*)::int from reminder_jobs where channel = 'inbox' and status = 'sent') as sent`,
      );
      expect(inbox!.items).toBe(inbox!.sent);
    }, 120_000);

    it('tells the big screens of both instances, and one through nginx, of a change written through either', async () => {
      const leader = await signIn(A, 'leader', '203.0.113.5');
      const supervisor = await signIn(B, 'supervisor', '203.0.113.5');
      const streams = await Promise.all([A, B, LB].map((base) => openStream(`${base}/api/screen/events`, { cookie: leader.cookie })));
      try {
        await Promise.all(streams.map((s) => s.next('ready', 0, 5000)));
        const since = Date.now();
        const [lead] = await db.query<{ id: number }>(`select id from units where code = '430421'`);
        const made = await call(B, supervisor, 'POST', '/api/tasks', taskBody(lead!.id, '大屏应看到的新事项', '衡督〔2026〕2号', 0));
        expect(made.status).toBe(201);
        for (const s of streams) expect((await s.next('change', since, 5000)).data).toBeTruthy();
      } finally {
        streams.forEach((s) => s.close());
      }
    }, 30_000);

    it('loses no acknowledged write when an instance is killed under load, and the other keeps serving', async () => {
      const supervisor = await signIn(A, 'supervisor', '203.0.113.4');
      const [lead] = await db.query<{ id: number }>(`select id from units where code = '430421'`);
      const acknowledged: number[] = [];
      const failed: number[] = [];
      let n = 0;
      const writer = async () => {
        while (n < 160) {
          const i = n++;
          if (i === 60) inst.a!.child.kill('SIGKILL');
          const res = await call(LB, supervisor, 'POST', '/api/tasks', taskBody(lead!.id, `压力下的写入 ${i}`, `衡督〔2026〕${i + 100}号`, 0)).catch(() => null);
          if (res?.status === 201) acknowledged.push(((await res.json()) as { id: number }).id);
          else failed.push(res?.status ?? 0);
        }
      };
      await Promise.all([writer(), writer(), writer(), writer()]);
      expect(await inst.a!.exited).toBe('SIGKILL');
      const stored = await db.query<{ id: number }>('select id from tasks where id = any($1::int[])', [acknowledged]);
      expect(stored).toHaveLength(acknowledged.length);
      // At most the requests in flight at the kill failed (4 writers), and they answered 502, not a lie.
      expect(failed.length).toBeLessThanOrEqual(4);
      expect(failed.every((s) => s === 502)).toBe(true);
      expect(acknowledged.length).toBeGreaterThanOrEqual(156);
      const audited = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'task.create' and entity_id = any($1::text[])`, [acknowledged.map(String)]);
      expect(audited[0]!.n).toBe(acknowledged.length);
      // Every later request is served by the instance left.
      for (let i = 0; i < 4; i++) expect((await call(LB, supervisor, 'GET', '/api/auth/me')).status).toBe(200);
    }, 120_000);
  });
} else {
  describe('the embedded database', () => {
    it('belongs to one process: a second instance on the same data directory refuses to start, naming the first', async () => {
      buildApi();
      const dir = mkdtempSync(join(tmpdir(), 'kaoping-two-'));
      const first = startServer({ PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn', REMINDER_INTERVAL_SECONDS: 'off', SCORE_SCHEDULE_HOUR: 'off' });
      try {
        await waitFor(() => existsSync(join(dir, 'data.lock')), 60_000, `the first instance (${first.output()})`);
        const second = startServer({ PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn' });
        expect(await second.exited).toBe(1);
        expect(second.output()).toContain(String(first.child.pid));
      } finally {
        first.child.kill('SIGTERM');
        await first.exited;
        rmSync(dir, { recursive: true, force: true });
      }
    }, 200_000);
  });
}
