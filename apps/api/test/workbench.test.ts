import type { Bulletin, LeaderWorkbench, OfficeWorkbench, SupervisionWorkbench, UnitWorkbench, Workbench } from '@kaoping/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from './helpers.js';

/**
 * The workbench of each role over the Hengyang demo: every figure is checked against the list its
 * link opens, asked of the API with the same filter (the admin's pages read those filters from the
 * address and send them on).
 */

let t: TestApp;
const clients = new Map<string, Client>();
const as = async (username: string) => {
  const c = clients.get(username) ?? (await login(t.app, username));
  clients.set(username, c);
  return c;
};

beforeAll(async () => {
  t = await buildTestApp({ assessment: true });
});
afterAll(async () => t?.close());

async function workbench<W extends Workbench>(username: string): Promise<W> {
  const res = await (await as(username)).get('/api/workbench');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as W;
}

/** The API list behind an admin link: `/supervision/tasks?light=red` → `/api/tasks?light=red`. */
const API_OF: Record<string, string> = {
  '/supervision/tasks': '/api/tasks',
  '/supervision/problems': '/api/problems',
  '/assessment/review': '/api/data/review-queue',
  '/public-evaluation/suggestions': '/api/suggestions',
  '/bulletins': '/api/bulletins',
};
async function countBehind(c: Client, link: string): Promise<number> {
  const [path, query = ''] = link.split('?');
  const api = API_OF[path!];
  if (!api) throw new Error(`no list for ${link}`);
  const res = await c.get(`${api}${query ? `?${query}` : ''}`);
  expect(res.statusCode, `${link}: ${res.body}`).toBe(200);
  return (res.json() as { items: unknown[] }).items.length;
}

describe('the workbench', () => {
  it('gives each role its own layout, chosen by the server', async () => {
    expect((await workbench('office')).role).toBe('office');
    expect((await workbench('admin')).role).toBe('office');
    expect((await workbench('supervisor')).role).toBe('supervisor');
    expect((await workbench('leader')).role).toBe('leader');
    expect((await workbench('430421-reporter')).role).toBe('reporter');
    expect((await workbench('430421-head')).role).toBe('head');
  });

  it('office: reporting by unit for this 旬 and month, the queue by data source, the latest run and who is behind', async () => {
    const office = await as('office');
    const w = await workbench<OfficeWorkbench>('office');
    expect(w.scheme?.year).toBe(2021);
    // The demo year is past: this 旬 and this month are December's last, still open and overdue.
    expect(w.reporting.map((r) => r.period.key)).toEqual(['2021-12-D3', '2021-12']);
    for (const r of w.reporting) {
      expect(r.overdue).toBe(true);
      expect(r.behind.link).toBe(`/assessment/review?tab=status&period=${r.period.id}&behind=1`);
      const status = (await office.get(`/api/data/status?periodId=${r.period.id}&behind=1`)).json() as { units: { filed: number; expected: number }[] };
      expect(status.units.length).toBe(r.behind.count);
      expect(status.units.every((u) => u.filed < u.expected)).toBe(true);
    }
    expect(w.reporting[1]!.behind.count).toBeGreaterThan(0);

    expect(w.review.total.count).toBe(await countBehind(office, w.review.total.link));
    expect(w.review.total.count).toBeGreaterThan(0);
    expect(w.review.bySource.length).toBeGreaterThan(0);
    for (const s of w.review.bySource) expect(await countBehind(office, s.link), s.name).toBe(s.count);

    expect(w.latestRun?.asOf).toBe('2021-12-31');
    expect(w.latestRun!.movers.length).toBeGreaterThan(0);
    expect(w.behind!.units).toBeGreaterThan(0);
    const [indicator] = w.behind!.indicators;
    const progress = (await office.get(`/api/runs/${w.latestRun!.id}/progress`)).json() as { rows: { indicatorId: number; lagging: boolean }[] };
    expect(progress.rows.filter((r) => r.indicatorId === indicator!.indicatorId && r.lagging).length).toBe(indicator!.lagging);
    expect(indicator!.link).toContain(`indicator=${indicator!.indicatorId}`);
    expect(w.campaigns.map((c) => c.link)).toEqual(w.campaigns.map((c) => `/public-evaluation/campaigns/${c.id}`));
  });

  it('supervision: lights, alerts, due this week and problems to close out, each as many as its list holds', async () => {
    const c = await as('supervisor');
    const w = await workbench<SupervisionWorkbench>('supervisor');
    for (const l of ['red', 'yellow', 'blue', 'green'] as const) {
      expect(await countBehind(c, w.tasks[l].link), `tasks ${l}`).toBe(w.tasks[l].count);
      expect(await countBehind(c, w.problems[l].link), `problems ${l}`).toBe(w.problems[l].count);
    }
    expect(w.tasks.red.count).toBeGreaterThan(0);
    expect(w.alerts.tasks.count).toBeGreaterThan(0);
    expect(await countBehind(c, w.alerts.tasks.link)).toBe(w.alerts.tasks.count);
    expect(await countBehind(c, w.alerts.problems.link)).toBe(w.alerts.problems.count);
    expect(await countBehind(c, w.dueThisWeek.link)).toBe(w.dueThisWeek.count);
    expect(await countBehind(c, w.awaitingCloseOut.link)).toBe(w.awaitingCloseOut.count);
    expect(w.inspections.length).toBeGreaterThan(0);
    expect(w.red.every((i) => i.light === 'red')).toBe(true);
  });

  it('leader: the items they are named on, city lights by group, top and bottom three, lagging projects', async () => {
    const c = await as('leader');
    const w = await workbench<LeaderWorkbench>('leader');
    expect(w.name).toBe('刘副市长（演示）');
    expect(w.named.count).toBeGreaterThan(0);
    expect(await countBehind(c, w.named.link)).toBe(w.named.count);
    for (const l of ['red', 'yellow', 'blue', 'green'] as const) expect(await countBehind(c, w.named.lights[l].link)).toBe(w.named.lights[l].count);
    const tasks = (await c.get(w.named.link.replace('/supervision/tasks', '/api/tasks'))).json() as { items: { responsibleLeader: string }[] };
    expect(tasks.items.every((i) => i.responsibleLeader === w.name)).toBe(true);
    expect(w.groups.length).toBeGreaterThan(0);
    // Each group's lights open the overview's units of that group, whose lights add up to them.
    const overview = (await c.get('/api/supervision/overview')).json() as { units: { unit: { groupCode: string | null }; all: Record<'red' | 'yellow' | 'blue' | 'green', number> }[] };
    for (const g of w.groups) {
      expect(g.link).toBe(`/supervision/overview?group=${encodeURIComponent(g.code)}`);
      const units = overview.units.filter((u) => u.unit.groupCode === g.code);
      for (const l of ['red', 'yellow', 'blue', 'green'] as const) expect(units.reduce((n, u) => n + u.all[l], 0)).toBe(g.lights[l]);
    }
    expect(w.rankings!.groups.length).toBe(8);
    for (const g of w.rankings!.groups) {
      expect(g.top.map((u) => u.rank)).toEqual([...g.top.map((u) => u.rank)].sort((a, b) => a - b));
      expect(g.top[0]!.rank).toBe(1);
    }
    expect(w.projects.total).toBeGreaterThan(0);
    expect(w.projects.link).toBe(`/projects?asOf=${w.projects.asOf}&lagging=1`);
    const rates = (await c.get(`/api/projects/rates?asOf=${w.projects.asOf}`)).json() as { projects: { lagging: string[] }[] };
    expect(rates.projects.filter((p) => p.lagging.length > 0).length).toBe(w.projects.count);
  });

  it('unit: what is due, returned values with the reason, tasks to sign for or report on, notices; the head sees what to submit', async () => {
    const [returnedUnit] = await t.db.query<{ code: string }>(`select u.code from data_values v join units u on u.id = v.unit_id where v.status = 'returned'`);
    expect(returnedUnit!.code).toBe('430421');
    const reporter = await as(`${returnedUnit!.code}-reporter`);
    const w = await workbench<UnitWorkbench>(`${returnedUnit!.code}-reporter`);
    expect(w.due.length).toBeGreaterThan(0);
    const due = (await reporter.get('/api/data/due')).json() as { items: { periodId: number }[] };
    expect(w.due.map((d) => d.periodId)).toEqual(due.items.map((d) => d.periodId));
    expect(w.due.every((d) => d.link === `/assessment/reporting?period=${d.periodId}`)).toBe(true);
    expect(w.returned.length).toBe(1);
    expect(w.returned[0]!.reason).toContain('口径不一致');
    expect(w.toSubmit).toBeNull();

    const hy = await as('430421-reporter');
    const hyw = await workbench<UnitWorkbench>('430421-reporter');
    expect(await countBehind(hy, hyw.tasks.toSign.link)).toBe(hyw.tasks.toSign.count);
    expect(await countBehind(hy, hyw.tasks.toReport.link)).toBe(hyw.tasks.toReport.count);
    expect(await countBehind(hy, hyw.notices.link)).toBe(hyw.notices.count);

    const head = await workbench<UnitWorkbench>('430421-head');
    expect(head.toSubmit).not.toBeNull();
    for (const s of head.toSubmit!) expect(head.due.find((d) => d.periodId === s.periodId)!.drafts + head.due.find((d) => d.periodId === s.periodId)!.returned).toBe(s.values);
  });

  it('bulletins: every figure is as many as the archive lists behind its link; a unit signs for one and leaves the office’s unsigned list', async () => {
    const office = await as('office');
    const o = await workbench<OfficeWorkbench>('office');
    expect(o.bulletins.drafts.link).toBe('/bulletins?status=draft');
    expect(o.bulletins.toIssue.link).toBe('/bulletins?status=approved');
    expect(o.bulletins.drafts.count).toBeGreaterThan(0);
    expect(await countBehind(office, o.bulletins.drafts.link)).toBe(o.bulletins.drafts.count);
    expect(await countBehind(office, o.bulletins.toIssue.link)).toBe(o.bulletins.toIssue.count);
    expect(o.bulletins.drafts.items.every((b) => b.status === 'draft')).toBe(true);
    // The latest issued bulletin of the office's series, and exactly the units whose receipt is unsigned.
    const [tenDay] = o.bulletins.unsigned;
    expect(o.bulletins.unsigned).toHaveLength(1);
    expect(tenDay!.bulletin.docNumber).toMatch(/^衡绩办通〔2021〕\d+号$/);
    expect(tenDay!.bulletin.link).toBe(`/bulletins/${tenDay!.bulletin.id}`);
    const full = (await office.get(`/api/bulletins/${tenDay!.bulletin.id}`)).json() as Bulletin;
    const unsignedIds = full.receipts.filter((r) => !r.signedAt).map((r) => r.unit.id);
    expect(tenDay!.units.map((u) => u.id).sort((a, b) => a - b)).toEqual(unsignedIds.sort((a, b) => a - b));
    expect(unsignedIds.length).toBeGreaterThan(0);

    const sup = await as('supervisor');
    const s = await workbench<SupervisionWorkbench>('supervisor');
    expect(s.bulletins.map((b) => b.name)).toEqual(['督查通报']);
    expect(s.bulletins[0]!.count).toBeGreaterThan(0);
    expect(await countBehind(sup, s.bulletins[0]!.link)).toBe(s.bulletins[0]!.count);

    const leader = await as('leader');
    const l = await workbench<LeaderWorkbench>('leader');
    expect(l.bulletins.link).toBe('/bulletins?status=issued');
    expect(l.bulletins.count).toBe(await countBehind(leader, l.bulletins.link));
    expect(l.bulletins.items.length).toBe(Math.min(5, l.bulletins.count));
    expect([...l.bulletins.items.map((b) => b.asOf)]).toEqual(l.bulletins.items.map((b) => b.asOf).sort().reverse());

    // A unit that has not signed: its head's workbench lists the bulletin, signs for it there, and it is gone — here and from the office's list.
    const [{ code }] = (await t.db.query<{ code: string }>('select code from units where id = $1', [tenDay!.units[0]!.id])) as [{ code: string }];
    const head = await as(`${code}-head`);
    const before = await workbench<UnitWorkbench>(`${code}-head`);
    expect(before.bulletins.link).toBe('/bulletins?unsigned=1');
    expect(await countBehind(head, before.bulletins.link)).toBe(before.bulletins.count);
    expect(before.bulletins.items.map((b) => b.id)).toContain(tenDay!.bulletin.id);
    expect((await head.post(`/api/bulletins/${tenDay!.bulletin.id}/sign`)).statusCode).toBe(200);
    const after = await workbench<UnitWorkbench>(`${code}-head`);
    expect(after.bulletins.count).toBe(before.bulletins.count - 1);
    expect(await countBehind(head, after.bulletins.link)).toBe(after.bulletins.count);
    const o2 = await workbench<OfficeWorkbench>('office');
    expect(o2.bulletins.unsigned[0]!.units.map((u) => u.id)).not.toContain(tenDay!.units[0]!.id);
    expect(o2.bulletins.unsigned[0]!.units.length).toBe(tenDay!.units.length - 1);
  });
});

describe('the review queue at scale', () => {
  it('filters by period type, indicator and data source', async () => {
    const office = await as('office');
    const all = ((await office.get('/api/data/review-queue')).json() as { items: { frequency: string; indicatorIds: number[]; submitted: number }[] }).items;
    const months = ((await office.get('/api/data/review-queue?frequency=month')).json() as { items: { frequency: string }[] }).items;
    expect(months.length).toBeGreaterThan(0);
    expect(months.every((i) => i.frequency === 'month')).toBe(true);
    expect(months.length).toBe(all.filter((i) => i.frequency === 'month').length);
    const indicatorId = all[0]!.indicatorIds[0]!;
    const one = ((await office.get(`/api/data/review-queue?indicatorId=${indicatorId}`)).json() as { items: { indicatorIds: number[]; submitted: number }[] }).items;
    expect(one.length).toBe(all.filter((i) => i.indicatorIds.includes(indicatorId)).length);
    expect(one.every((i) => i.indicatorIds.length === 1 && i.indicatorIds[0] === indicatorId && i.submitted === 1)).toBe(true);
    expect((await office.get('/api/data/review-queue?source=abc')).statusCode).toBe(400);
  });

  it('approves a selection at once: one audit entry per value, failures reported item by item', async () => {
    const office = await as('office');
    const queue = ((await office.get('/api/data/review-queue?frequency=month')).json() as { items: { unitId: number; periodId: number; submitted: number }[] }).items;
    const picked = queue.slice(0, 20);
    const [{ n: before }] = (await t.db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'data.approve'`)) as [{ n: number }];
    const res = await office.post('/api/data/review/bulk', { items: [...picked.map((i) => ({ unitId: i.unitId, periodId: i.periodId })), { unitId: picked[0]!.unitId, periodId: picked[0]!.periodId }] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { approved: number; items: { ok: boolean; error: string | null }[] };
    const values = picked.reduce((n, i) => n + i.submitted, 0);
    expect(body.approved).toBe(values);
    expect(body.items.slice(0, 20).every((i) => i.ok)).toBe(true);
    // The same unit-period twice: the second finds nothing left to approve.
    expect(body.items[20]).toMatchObject({ ok: false, error: expect.stringContaining('没有待审核的数据') });
    const [{ n: after }] = (await t.db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'data.approve'`)) as [{ n: number }];
    expect(after - before).toBe(values);
    const left = ((await office.get('/api/data/review-queue?frequency=month')).json() as { items: unknown[] }).items;
    expect(left.length).toBe(queue.length - 20);
    expect((await (await as('supervisor')).post('/api/data/review/bulk', { items: [{ unitId: 1, periodId: 1 }] })).statusCode).toBe(403);
  });
});
