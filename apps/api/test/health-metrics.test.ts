import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { migrationFiles } from '../src/db/migrate.js';
import { buildTestApp, dbKind, login, unitId, withServed, type Client, type TestApp } from './helpers.js';

/**
 * What an orchestrator and a monitoring system see: liveness and readiness probes, and the
 * Prometheus metrics, open only to the configured address range.
 */

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'admin');
});
afterAll(async () => t?.close());

const OUTSIDE = '203.0.113.9';

/** Prometheus' own checker: PROMTOOL, or where .ci/run unpacks it, or on PATH. */
function promtool(): string {
  const cached = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kaoping/promtool/usr/bin/promtool');
  const found = [process.env.PROMTOOL, cached].find((p) => p && existsSync(p)) ?? 'promtool';
  if (spawnSync(found, ['--version']).status !== 0) throw new Error('promtool not found: .ci/run unpacks it from Debian\'s prometheus package into ~/.cache/kaoping/promtool (or set PROMTOOL)');
  return found;
}

const ALERT_RULES = (() => {
  const doc = readFileSync(new URL('../../../docs/OPERATIONS.md', import.meta.url), 'utf8');
  return /### Suggested alert rules[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
})();

async function scrape(app = t.app, remoteAddress = '127.0.0.1'): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/metrics', remoteAddress });
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
}

/** The value of one sample in Prometheus text, e.g. sample(text, 'kaoping_http_requests_total', { route: '/api/units' }); 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(/,(?=[a-zA-Z_]+=")/);
    if (wanted.every((w) => have.includes(w))) total += Number(m[3]);
  }
  return total;
}

describe('health probes', () => {
  it('live answers as long as the process does', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it("ready answers when the database holds exactly this release's migrations", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: dbKind(), migrations: migrationFiles().length });
  });

  it('ready fails with 503 while a migration is pending, naming it, and recovers once it is applied', async () => {
    const last = migrationFiles().at(-1)!;
    const [row] = await t.db.query<{ applied_at: Date }>('delete from schema_migrations where name = $1 returning applied_at', [last]);
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(res.statusCode).toBe(503);
      const body = res.json() as { error: { code: string; message: string; details: { pending: string[] } } };
      expect(body.error.code).toBe('UNAVAILABLE');
      expect(body.error.message).toContain(`1 database migration(s) pending (run kaoping migrate): ${last}`);
      expect(body.error.details.pending).toEqual([last]);
      // The other probes do not depend on migrations: an orchestrator must not restart the process for this.
      expect((await t.app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
    } finally {
      await t.db.query('insert into schema_migrations (name, applied_at) values ($1, $2)', [last, row!.applied_at]);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);
  });

  it('ready fails when the database was migrated by a newer release', async () => {
    await t.db.query(`insert into schema_migrations (name) values ('9999_from_a_newer_release.sql')`);
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.message).toContain('a newer release upgraded it): 9999_from_a_newer_release.sql');
    } finally {
      await t.db.query(`delete from schema_migrations where name = '9999_from_a_newer_release.sql'`);
    }
  });
});

describe('/metrics', () => {
  it('is refused with 403 to an address outside METRICS_ALLOW (default: loopback only)', async () => {
    for (const remoteAddress of [OUTSIDE, '10.0.0.5', '::ffff:192.168.1.20']) {
      const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress });
      expect(res.statusCode, remoteAddress).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect(res.body).not.toContain('kaoping_');
    }
  });

  it('is served in Prometheus text format to loopback, IPv4 and IPv6', async () => {
    for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress });
      expect(res.statusCode, remoteAddress).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      const lines = res.body.split('\n').filter(Boolean);
      // Every line is a HELP or TYPE comment or a sample "name{labels} value" (NaN and Inf in any case, as Prometheus reads them).
      const bad = lines.filter((l) => !/^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(l) && !/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*\})? (-?[0-9.]+(e[+-]?[0-9]+)?|nan|[+-]?inf)$/i.test(l));
      expect(bad).toEqual([]);
      for (const type of ['kaoping_http_requests_total counter', 'kaoping_http_request_duration_seconds histogram', 'kaoping_reminder_lag_seconds gauge', 'process_cpu_user_seconds_total counter']) {
        expect(res.body).toContain(`# TYPE ${type}`);
      }
    }
  });

  it('answers the addresses of a configured range and no others', async () => {
    const other = await buildTestApp({ demo: false, env: { METRICS_ALLOW: '10.20.0.0/16, fd00::/8' } });
    try {
      for (const ok of ['10.20.3.4', 'fd00::7']) expect((await other.app.inject({ method: 'GET', url: '/metrics', remoteAddress: ok })).statusCode, ok).toBe(200);
      for (const no of ['127.0.0.1', '::1', '10.21.0.1']) expect((await other.app.inject({ method: 'GET', url: '/metrics', remoteAddress: no })).statusCode, no).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('counts requests and their latency by route pattern, not by raw URL', async () => {
    const id = await unitId(t.db, '430421');
    const before = await scrape();
    const labels = { method: 'GET', route: '/api/units/:id', status: '200' };
    for (let i = 0; i < 3; i++) expect((await admin.get(`/api/units/${id}`)).statusCode).toBe(200);
    expect((await admin.get('/api/units/999999')).statusCode).toBe(404);
    // Routes registered before the metrics, the UI's pages and unknown paths count too.
    for (const url of ['/api/health', '/api/docs/json', '/api/no-such-thing']) await t.app.inject({ method: 'GET', url });
    const after = await scrape();
    const moved = (l: Record<string, string>) => sample(after, 'kaoping_http_requests_total', l) - sample(before, 'kaoping_http_requests_total', l);
    expect(moved({ route: '/api/health', status: '200' })).toBe(1);
    expect(moved({ route: '/api/docs/json' })).toBe(1);
    expect(moved({ route: '(no route)', status: '404' })).toBe(1);
    expect(sample(after, 'kaoping_http_requests_total', labels) - sample(before, 'kaoping_http_requests_total', labels)).toBe(3);
    expect(sample(after, 'kaoping_http_requests_total', { route: '/api/units/:id', status: '404' }) - sample(before, 'kaoping_http_requests_total', { route: '/api/units/:id', status: '404' })).toBe(1);
    const count = (text: string) => sample(text, 'kaoping_http_request_duration_seconds_count', { method: 'GET', route: '/api/units/:id' });
    expect(count(after) - count(before)).toBe(4);
    expect(after).not.toContain(`/api/units/${id}"`);
    expect(sample(after, 'kaoping_database_up')).toBe(1);
  });

  it("counts citizens' submissions: accepted, repeated and refused", async () => {
    const now = Date.now();
    const made = await admin.post('/api/campaigns', { slug: 'metrics-2021', name: '指标测试', year: 2021, startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), modes: ['open'] });
    expect(made.statusCode, made.body).toBe(201);
    expect((await admin.post(`/api/campaigns/${(made.json() as { id: number }).id}/open`)).statusCode).toBe(200);
    const campaign = (await t.app.inject({ method: 'GET', url: '/api/p/metrics-2021' })).json() as { groups: { units: { id: number }[] }[] };
    // As the citizens' page does: served the questionnaire for its submission key, it sends back that token.
    const submission = await withServed(t.app, 'metrics-2021', { verification: { mode: 'open', deviceId: 'metrics-device-0001-0000' }, submissionKey: 'metrics-submission-0001', answers: [{ unitId: campaign.groups[0]!.units[0]!.id, answer: 'satisfied' }] });
    const submit = (payload: object) => t.app.inject({ method: 'POST', url: '/api/p/metrics-2021/responses', payload });
    const count = (text: string, result: string) => sample(text, 'kaoping_citizen_submissions_total', { result });
    const before = await scrape();
    expect((await submit(submission)).statusCode).toBe(201);
    expect((await submit(submission)).statusCode).toBe(200);
    expect((await submit({ ...submission, answers: [] })).statusCode).toBe(400);
    const after = await scrape();
    expect([count(after, 'accepted') - count(before, 'accepted'), count(after, 'repeated') - count(before, 'repeated'), count(after, 'refused') - count(before, 'refused')]).toEqual([1, 1, 1]);
  });

  it('shows how far behind the reminder job is, and the reminders that failed', async () => {
    const lag = (text: string) => sample(text, 'kaoping_reminder_lag_seconds');
    expect(lag(await scrape())).toBe(0);
    const [task] = await t.db.query<{ id: number }>(
      `insert into tasks (title, source, lead_unit_id, responsible_leader, start_date, deadline, status) values ('指标测试事项', 'meeting', $1, '王主任', '2021-03-01', '2099-06-30', 'in_progress') returning id`,
      [await unitId(t.db, '430421')],
    );
    const [user] = await t.db.query<{ id: number }>(`select id from users where username = '430421-head'`);
    const job = (kind: string, minutesAgo: number, status: string, attempts: number) =>
      t.db.query(
        `insert into reminder_jobs (task_id, kind, due_date, recipient, channel, user_id, idempotency_key, title, body, due_at, status, attempts)
         values ($1, $2, current_date, $3, 'email', $4, gen_random_uuid(), '催办', '请按期办结', now() - make_interval(mins => $5), $6, $7)`,
        [task!.id, kind, `user:${user!.id}`, user!.id, minutesAgo, status, attempts],
      );
    await job('approaching', 30, 'pending', 2);
    await job('overdue', 5, 'failed', 5);
    const text = await scrape();
    expect(lag(text)).toBeGreaterThanOrEqual(30 * 60);
    expect(lag(text)).toBeLessThan(40 * 60);
    expect(sample(text, 'kaoping_reminders_retrying')).toBe(1);
    expect(sample(text, 'kaoping_reminders', { status: 'failed' })).toBe(1);
    expect(sample(text, 'kaoping_reminders', { status: 'pending' })).toBe(1);
    expect(text).toContain('# TYPE kaoping_score_schedule_lag_seconds gauge');
  });

  it('shows the connection pool on PostgreSQL', async () => {
    const text = await scrape();
    if (dbKind() === 'postgresql') {
      expect(sample(text, 'kaoping_db_pool_max')).toBe(10);
      expect(sample(text, 'kaoping_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(text).toContain('kaoping_db_pool_connections{state="waiting"}');
    } else {
      // The embedded database has no pool: no series that would always read 0.
      expect(text).not.toContain('kaoping_db_pool');
    }
  });

  it("passes promtool's checks: only the process metrics named by prom-client itself draw a remark", async () => {
    const res = spawnSync(promtool(), ['check', 'metrics'], { input: await scrape(), encoding: 'utf8' });
    const remarks = `${res.stdout}${res.stderr}`.split('\n').filter(Boolean);
    expect(remarks.filter((r) => !/^nodejs_active_\w+_total non-counter metrics should not have "_total" suffix$/.test(r))).toEqual([]);
  });

  it('has alert rules in docs/OPERATIONS.md that promtool accepts and that name only metrics the server exports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-rules-'));
    try {
      writeFileSync(join(dir, 'rules.yml'), ALERT_RULES);
      const res = spawnSync(promtool(), ['check', 'rules', join(dir, 'rules.yml')], { encoding: 'utf8' });
      expect(res.status, `${res.stdout}${res.stderr}`).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const exported = new Set([...(await scrape()).matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
    const rules = (YAML.parse(ALERT_RULES) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(8);
    for (const rule of rules) {
      for (const [name] of rule.expr.matchAll(/\b(kaoping|process|nodejs)_[a-z0-9_]+/g)) {
        const metric = name.replace(/_(bucket|count|sum)$/, '');
        // The pool exists only on PostgreSQL.
        if (dbKind() === 'pglite' && metric.startsWith('kaoping_db_pool')) continue;
        expect(exported.has(metric), `${rule.alert}: ${metric}`).toBe(true);
      }
    }
  });
});
