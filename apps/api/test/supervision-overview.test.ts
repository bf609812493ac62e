import ExcelJS from 'exceljs';
import type { OverviewCounts, SupervisionOverview } from '@kaoping/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/lib/principal.js';
import { TimeZone } from '../src/lib/time-zone.js';
import { overview } from '../src/modules/supervision-overview/supervision-overview.service.js';
import { seedSupervisionDemo } from '../src/seed/seed-supervision.js';
import { buildTestApp, login, unitId, type Client, type TestApp } from './helpers.js';

/**
 * The supervision overview on a fixed clock — 30 September 2021, 10:00 in China — over a small
 * hand-made set of tasks and problems whose numbers can be worked out by hand:
 *
 * 衡阳县 (430421) leads three tasks: one closed out 4 days after it started, one overdue since
 * 20 September with nothing done since (red, alert), one on track (green); a draft that is not yet
 * anyone's work; and one problem closed out 10 days after it was put on the ledger.
 * 市发改委 (ZH01) leads a task due in two days (blue) and one behind 时序进度 (yellow), and has an
 * overdue problem (red).
 */

const NOW = new Date('2021-09-30T10:00:00+08:00');
const CHINA = { lang: 'zh' as const, zone: new TimeZone('Asia/Shanghai') };

let t: TestApp;
let admin: Client;
let head: Client;
let a: number;
let b: number;

async function task(unit: number, f: { title: string; source?: string; leader?: string; start: string; deadline: string; status: string; progress?: number; lastActionAt?: string; closedAt?: string }) {
  const [row] = await t.db.query<{ id: number }>(
    `insert into tasks (title, source, lead_unit_id, responsible_leader, start_date, deadline, status, progress, last_action_at, closed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [f.title, f.source ?? 'instruction', unit, f.leader ?? '刘副市长', f.start, f.deadline, f.status, f.progress ?? null, f.lastActionAt ?? null, f.closedAt ?? null],
  );
  // A task at work was signed for on its start day: its 时序进度 runs from then.
  if (f.status !== 'draft' && f.status !== 'review' && f.status !== 'issued') {
    await t.db.query(`insert into task_events (task_id, action, from_status, to_status, actor_name, created_at) values ($1, 'sign', 'issued', 'in_progress', '单位', $2)`, [
      row!.id,
      `${f.start}T10:00:00+08:00`,
    ]);
  }
}

async function problem(unit: number, f: { title: string; source?: string; start: string; deadline: string; status: string; closedAt?: string; done: boolean[] }) {
  const [row] = await t.db.query<{ id: number }>(
    `insert into problems (title, source, unit_id, responsible_leader, start_date, deadline, status, closed_at) values ($1, $2, $3, '王副县长', $4, $5, $6, $7) returning id`,
    [f.title, f.source ?? 'inspection', unit, f.start, f.deadline, f.status, f.closedAt ?? null],
  );
  for (const [i, done] of f.done.entries()) {
    await t.db.query('insert into problem_requirements (problem_id, position, text, done) values ($1, $2, $3, $4)', [row!.id, i + 1, `整改要求 ${i + 1}`, done]);
  }
}

const as = (role: Principal['role'], unit: number | null): Principal => ({ via: 'session', userId: null, username: role, displayName: role, role, unitId: unit });
const rowOf = (o: SupervisionOverview, unit: number) => o.units.find((r) => r.unit.id === unit)!;
const zero = { green: 0, blue: 0, yellow: 0, red: 0 };

beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'admin');
  head = await login(t.app, '430421-head');
  a = await unitId(t.db, '430421');
  b = await unitId(t.db, 'ZH01');
  await task(a, { title: '已办结事项', start: '2021-06-01', deadline: '2021-07-31', status: 'closed', progress: 100, closedAt: '2021-06-05T16:30:00+08:00' });
  await task(a, { title: '超期事项', start: '2021-06-01', deadline: '2021-09-20', status: 'in_progress', progress: 50, lastActionAt: '2021-09-10T10:00:00+08:00' });
  await task(a, { title: '正常推进事项', source: 'audit', leader: '陈副市长', start: '2021-09-01', deadline: '2021-12-31', status: 'in_progress', progress: 50 });
  await task(a, { title: '尚未下发的事项', start: '2021-09-01', deadline: '2021-09-02', status: 'draft' });
  await task(b, { title: '临近期限事项', leader: '陈副市长', start: '2021-09-01', deadline: '2021-10-02', status: 'in_progress', progress: 99 });
  await task(b, { title: '进度滞后事项', leader: '陈副市长', start: '2021-08-01', deadline: '2021-10-31', status: 'in_progress', progress: 10 });
  await problem(a, { title: '已销号问题', start: '2021-07-01', deadline: '2021-08-31', status: 'closed', closedAt: '2021-07-11T09:00:00+08:00', done: [true, true] });
  await problem(b, { title: '超期问题', source: 'audit', start: '2021-09-01', deadline: '2021-09-15', status: 'rectifying', done: [true, false] });
});
afterAll(async () => t.close());

describe('the supervision overview', () => {
  it('counts each unit’s tasks and problems by light, overdue, closed, close-out rate and days to close', async () => {
    const o = await overview(t.db, as('supervisor', null), {}, CHINA, NOW);
    expect(o.cityWide).toBe(true);
    expect(o.units.map((r) => r.unit.code)).toEqual(['430421', 'ZH01']);

    const ra = rowOf(o, a);
    // The draft is not counted: it has not gone out yet.
    expect(ra.tasks).toEqual<OverviewCounts>({ total: 3, open: 2, ...zero, green: 1, red: 1, overdue: 1, alert: 1, closed: 1, closeRate: 1 / 3, avgDaysToClose: 4 });
    expect(ra.problems).toEqual<OverviewCounts>({ total: 1, open: 0, ...zero, overdue: 0, alert: 0, closed: 1, closeRate: 1, avgDaysToClose: 10 });
    expect(ra.all).toMatchObject({ total: 4, closed: 2, closeRate: 0.5, avgDaysToClose: 7, red: 1, green: 1 });

    const rb = rowOf(o, b);
    expect(rb.tasks).toMatchObject({ total: 2, open: 2, green: 0, blue: 1, yellow: 1, red: 0, closed: 0, closeRate: 0, avgDaysToClose: null });
    expect(rb.problems).toMatchObject({ total: 1, red: 1, overdue: 1, closed: 0, closeRate: 0 });

    expect(o.totals.tasks).toMatchObject({ total: 5, open: 4, green: 1, blue: 1, yellow: 1, red: 1, overdue: 1, closed: 1, closeRate: 0.2, avgDaysToClose: 4 });
    expect(o.totals.all).toMatchObject({ total: 7, red: 2, overdue: 2, closed: 2, avgDaysToClose: 7 });
    expect(o.groups.map((g) => [g.code, g.all.total])).toEqual([
      ['XS', 4],
      ['ZH', 3],
    ]);
  });

  it('rolls the tasks up per responsible leader, with the red ones listed (领导视图)', async () => {
    const o = await overview(t.db, as('leader', null), {}, CHINA, NOW);
    const liu = o.leaders.find((l) => l.leader === '刘副市长')!;
    const chen = o.leaders.find((l) => l.leader === '陈副市长')!;
    expect(liu.counts).toMatchObject({ total: 2, red: 1, overdue: 1, closed: 1 });
    expect(liu.red).toEqual([{ id: expect.any(Number), title: '超期事项', unit: { id: a, name: '衡阳县' }, deadline: '2021-09-20', reason: '已超期 10 天', alert: true }]);
    expect(chen.counts).toMatchObject({ total: 3, green: 1, blue: 1, yellow: 1, red: 0 });
    expect(chen.units.sort()).toEqual(['衡阳县', '市发展和改革委员会'].sort());
    expect(o.leaders[0]!.leader).toBe('刘副市长'); // the one with red items first
  });

  it('takes a window of deadlines and a source', async () => {
    const autumn = await overview(t.db, as('office', null), { from: '2021-09-01', to: '2021-12-31' }, CHINA, NOW);
    expect(autumn.totals.tasks).toMatchObject({ total: 4, closed: 0, closeRate: 0 });
    expect(autumn.totals.problems.total).toBe(1);
    const audit = await overview(t.db, as('office', null), { source: 'audit' }, CHINA, NOW);
    expect([audit.totals.tasks.total, audit.totals.problems.total]).toEqual([1, 1]);
    const meeting = await overview(t.db, as('office', null), { source: 'meeting' }, CHINA, NOW);
    expect([meeting.totals.all.total, meeting.units.length]).toEqual([0, 0]);
    const bad = await admin.get('/api/supervision/overview?from=2021-12-01&to=2021-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('to');
    expect((await admin.get('/api/supervision/overview?from=yesterday')).statusCode).toBe(400);
    expect((await admin.get('/api/supervision/overview?source=rumour')).statusCode).toBe(400);
  });

  it('gives a unit its own row only, and no way to ask for another unit', async () => {
    const own = await overview(t.db, as('head', a), {}, CHINA, NOW);
    expect(own.cityWide).toBe(false);
    expect(own.units.map((r) => r.unit.id)).toEqual([a]);
    expect(own.totals.all).toEqual(rowOf(own, a).all);
    expect(own.groups).toEqual([]);
    expect(own.leaders.flatMap((l) => l.units)).not.toContain('市发展和改革委员会');

    const res = await head.get('/api/supervision/overview');
    expect(res.statusCode).toBe(200);
    const body = res.json() as SupervisionOverview;
    expect(body.units.map((r) => r.unit.code)).toEqual(['430421']);
    expect(body.totals.all.total).toBe(4);
    expect((await head.get(`/api/supervision/overview?unitId=${b}`)).statusCode).toBe(400);

    // A unit with nothing assigned still sees its (empty) row.
    const other = (await (await login(t.app, '430422-reporter')).get('/api/supervision/overview')).json() as SupervisionOverview;
    expect(other.units).toHaveLength(1);
    expect(other.units[0]).toMatchObject({ unit: { code: '430422' }, all: { total: 0, closeRate: null, avgDaysToClose: null } });
  });

  it('exports one row per unit with the light counts in coloured columns; a unit gets its own row', async () => {
    const read = async (c: Client) => {
      const res = await c.get('/api/supervision/overview/export.xlsx');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('督查总览'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return wb.worksheets[0]!;
    };
    const ws = await read(admin);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['单位编码', '单位', '考核组别', '督办事项', '挂账问题', '未办结', '绿灯', '蓝灯', '黄灯', '红灯', '超期', '红灯无整改', '已办结销号', '办结率', '平均办结天数']);
    expect(ws.rowCount).toBe(4); // two units and the total
    const col = (name: string) => header.indexOf(name) + 1;
    const rowA = ws.getRow(2);
    expect(rowA.getCell(col('单位')).value).toBe('衡阳县');
    expect([rowA.getCell(col('督办事项')).value, rowA.getCell(col('挂账问题')).value, rowA.getCell(col('已办结销号')).value, rowA.getCell(col('办结率')).value]).toEqual([3, 1, 2, 0.5]);
    expect(rowA.getCell(col('办结率')).numFmt).toBe('0.0%');
    expect(ws.getRow(4).getCell(col('单位')).value).toBe('合计');
    for (const [name, argb] of [
      ['绿灯', 'FFD9F7BE'],
      ['红灯', 'FFFFCCC7'],
    ] as const) {
      expect((rowA.getCell(col(name)).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(argb);
    }
    const unitSheet = await read(head);
    expect(unitSheet.rowCount).toBe(3);
    expect(unitSheet.getRow(2).getCell(2).value).toBe('衡阳县');
  });
});

describe('the supervision demo', () => {
  let demo: TestApp;
  beforeAll(async () => {
    demo = await buildTestApp();
    await seedSupervisionDemo(demo.db);
  });
  afterAll(async () => demo.close());

  it('loads through the services, audited, and shows every light, overdue items and closed-out problems on first start', async () => {
    const leader = await login(demo.app, 'leader');
    const o = (await leader.get('/api/supervision/overview')).json() as SupervisionOverview;
    for (const l of ['green', 'blue', 'yellow', 'red'] as const) expect(o.totals.tasks[l], l).toBeGreaterThan(0);
    expect(o.totals.all.alert).toBeGreaterThan(0);
    expect(o.totals.problems.closed).toBeGreaterThan(0);
    expect(o.totals.problems.open).toBeGreaterThan(0);
    expect(o.totals.problems.red).toBeGreaterThan(0);
    expect(o.totals.all.avgDaysToClose).toBeGreaterThan(0);
    expect(o.groups.length).toBeGreaterThan(3);
    expect(o.leaders.some((l) => l.red.length > 0)).toBe(true);
    const [audit] = await demo.db.query<{ tasks: number; problems: number; returns: number }>(
      `select count(*) filter (where action like 'task.%')::int as tasks, count(*) filter (where action like 'problem.%')::int as problems,
              count(*) filter (where action in ('task.return', 'problem.return'))::int as returns from audit_log`,
    );
    expect(audit!.tasks).toBeGreaterThan(100);
    expect(audit!.problems).toBeGreaterThan(50);
    expect(audit!.returns).toBeGreaterThan(2);
    // Steps carry the days of the story, not the day the demo was loaded.
    const [closed] = await demo.db.query<{ y: string }>(`select min(to_char(closed_at, 'YYYY')) as y from tasks where status = 'closed'`);
    expect(closed!.y).toBe('2021');
  });
});
