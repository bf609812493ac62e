import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallScheme } from './fixtures/small-scheme.js';
import { buildTestApp, login, unitId, type Client, type TestApp } from './helpers.js';

/*
 * An assessment indicator fed by a major-project rate: the scheme names `project:<rate>` as the
 * leaf's data source, and a score run takes each unit's rate as of the as-of month from the
 * project monthly reports, saying so in the explanation.
 */

let t: TestApp;
let office: Client;
let schemeId: number;
const unit: Record<string, number> = {};
const project: Record<string, number> = {};

interface Card {
  indicators: { code: string; points: number; actual: number | null; target: number | null; explanation: { rule: string; steps: string[] } }[];
}

/** E2 of the small scheme, now 重大项目投资完成率 from the projects, scored as a ratio to 100%. */
const projectScheme = (code: string, dataSource = 'project:investmentCompletionRate', method: object = { type: 'ratio' }) => {
  const doc = smallScheme({ code });
  const e = doc.indicators[0]!;
  e.children = [
    e.children![0]!,
    { code: 'E2', name: '重大项目投资完成率', points: 30, unit: '%', frequency: 'month', dataSource, method: method as never, targets: { default: 100 } },
  ];
  return doc;
};

async function addProject(code: string, unitCode: string, annualPlan: number): Promise<void> {
  const res = await office.post('/api/projects', {
    code,
    name: `${code} 示例项目（虚构）`,
    category: 'key',
    year: 2021,
    unitId: unit[unitCode],
    responsibleLeader: '演示责任人',
    plannedStart: '2021-03-01',
    annualPlan,
    totalInvestment: annualPlan * 3,
    fundsAllocated: annualPlan,
  });
  expect(res.statusCode, res.body).toBe(201);
  project[code] = (res.json() as { id: number }).id;
}

async function report(code: string, month: string, completedInvestment: number): Promise<void> {
  const res = await office.request('PUT', `/api/projects/${project[code]}/reports/${month}`, {
    completedInvestment,
    fundsInPlace: completedInvestment,
    fundsPaid: completedInvestment / 2,
    started: true,
    startedOn: '2021-03-15',
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function run(asOf: string): Promise<{ id: number; inputsHash: string }> {
  const res = await office.post(`/api/schemes/${schemeId}/runs`, { asOf });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; inputsHash: string };
}

async function e2(runId: number, unitCode: string) {
  const res = await office.get(`/api/runs/${runId}/units/${unit[unitCode]}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Card).indicators.find((i) => i.code === 'E2')!;
}

beforeAll(async () => {
  t = await buildTestApp();
  office = await login(t.app, 'office');
  for (const c of ['430421', '430422', '430423']) unit[c] = await unitId(t.db, c);
  const created = await office.post('/api/schemes', projectScheme('PROJ-2021'));
  expect(created.statusCode, created.body).toBe(201);
  schemeId = (created.json() as { id: number }).id;
  expect((await office.post(`/api/schemes/${schemeId}/publish`)).statusCode).toBe(200);
  // 衡阳县: two projects, 1000 + 600 planned; 衡南县: one, 800 planned; 衡山县 has none.
  await addProject('T-HY-1', '430421', 1000);
  await addProject('T-HY-2', '430421', 600);
  await addProject('T-HN-1', '430422', 800);
  await report('T-HY-1', '2021-10', 700);
  await report('T-HY-2', '2021-11', 620);
  await report('T-HN-1', '2021-11', 400);
});
afterAll(async () => t?.close());

describe('an indicator fed by a project rate', () => {
  it("takes each unit's rate as of the run's month from the monthly reports, and says so", async () => {
    const { id } = await run('2021-11-30');
    // 衡阳县: (700 + 620) ÷ (1000 + 600) = 82.5% → 30 × 82.5 / 100 = 24.75
    const hy = await e2(id, '430421');
    expect(hy.actual).toBeCloseTo(82.5, 6);
    expect(hy.points).toBeCloseTo(24.75, 6);
    expect(hy.explanation.steps[0]).toBe('投资完成率 82.5%（重大项目月报，截至 2021-11）');
    // 衡南县: 400 ÷ 800 = 50% → 15
    const hn = await e2(id, '430422');
    expect(hn.actual).toBeCloseTo(50, 6);
    expect(hn.points).toBeCloseTo(15, 6);
    expect(hn.explanation.steps[0]).toBe('投资完成率 50%（重大项目月报，截至 2021-11）');
    // 衡山县 has no projects: not applicable, scored as not reported.
    const hs = await e2(id, '430423');
    expect(hs.actual).toBeNull();
    expect(hs.points).toBe(0);
    expect(hs.explanation.steps[0]).toContain('投资完成率不适用');
  });

  it('is not asked of the units: their reporting grid and due list leave it out', async () => {
    const periods = ((await office.get(`/api/schemes/${schemeId}/periods`)).json() as { items: { id: number; key: string }[] }).items;
    const november = periods.find((p) => p.key === '2021-11')!.id;
    expect((await office.patch(`/api/periods/${november}`, { status: 'open' })).statusCode).toBe(200);
    const reporter = await login(t.app, '430421-reporter');
    const grid = (await reporter.get(`/api/data?unitId=${unit['430421']}&periodId=${november}`)).json() as { rows: { indicator: { code: string } }[] };
    expect(grid.rows.map((r) => r.indicator.code)).not.toContain('E2');
    // November is open and nothing else in it is monthly: nothing is due from the county.
    const due = (await reporter.get('/api/data/due')).json() as { items: { periodId: number }[] };
    expect(due.items.map((d) => d.periodId)).not.toContain(november);
  });

  it('reads only the reports up to the as-of month', async () => {
    const { id } = await run('2021-10-31');
    // October: only 衡阳县's first project has reported, 700 ÷ 1600 = 43.75%.
    const hy = await e2(id, '430421');
    expect(hy.actual).toBeCloseTo(43.75, 6);
    expect(hy.explanation.steps[0]).toBe('投资完成率 43.75%（重大项目月报，截至 2021-10）');
    // 衡南县's project has not reported by October: nothing reported counts as nothing done.
    const hn = await e2(id, '430422');
    expect(hn.actual).toBe(0);
    expect(hn.points).toBe(0);
    expect(hn.explanation.steps[0]).toBe('投资完成率 0%（重大项目月报，截至 2021-10）');
  });

  it('changes with a later report: the next run has other inputs and other scores', async () => {
    const before = await run('2021-11-30');
    await report('T-HN-1', '2021-11', 600);
    const after = await run('2021-11-30');
    expect(after.inputsHash).not.toBe(before.inputsHash);
    const hn = await e2(after.id, '430422');
    expect(hn.actual).toBeCloseTo(75, 6);
    expect(hn.points).toBeCloseTo(22.5, 6);
    // The comparison of the two runs names the changed value.
    const cmp = (await office.get(`/api/runs/compare?from=${before.id}&to=${after.id}`)).json() as { changes: { unit: { code: string }; indicators?: { code: string; why: string[] }[] }[] };
    expect(JSON.stringify(cmp)).toContain('430422');
    // 衡阳县's December report raises its rate above 100%; the ratio caps the points.
    await report('T-HY-1', '2021-12', 1000);
    const dec = await e2((await run('2021-12-31')).id, '430421');
    expect(dec.actual).toBeCloseTo(101.25, 6);
    expect(dec.points).toBeCloseTo(30, 6);
    expect(dec.explanation.steps[0]).toBe('投资完成率 101.25%（重大项目月报，截至 2021-12）');
  });

  it('follows the project settings: 资金支付率 over the denominator set there', async () => {
    const doc = projectScheme('PROJ-PAY', 'project:paymentRate');
    const id = ((await office.post('/api/schemes', doc)).json() as { id: number }).id;
    expect((await office.post(`/api/schemes/${id}/publish`)).statusCode).toBe(200);
    const card = async (runId: number) => ((await office.get(`/api/runs/${runId}/units/${unit['430422']}`)).json() as Card).indicators.find((i) => i.code === 'E2')!;
    const runOf = async () => ((await office.post(`/api/schemes/${id}/runs`, { asOf: '2021-11-30' })).json() as { id: number }).id;
    // 衡南县 paid 300 of 600 completed (the default denominator): 50%.
    expect((await card(await runOf())).actual).toBeCloseTo(50, 6);
    expect((await office.request('PUT', '/api/projects/settings', { paymentBasis: 'allocated', progressBasis: 'month' })).statusCode).toBe(200);
    // Over the 800 allocated: 37.5%.
    const c = await card(await runOf());
    expect(c.actual).toBeCloseTo(37.5, 6);
    expect(c.explanation.steps[0]).toBe('资金支付率 37.5%（重大项目月报，截至 2021-11）');
    await office.request('PUT', '/api/projects/settings', { paymentBasis: 'completedInvestment', progressBasis: 'month' });
  });

  it('refuses an unknown rate, and a rate where the method cannot use a number', async () => {
    const unknown = await office.post('/api/schemes', projectScheme('PROJ-BAD', 'project:profitRate'));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('dataSource');
    const graded = await office.post('/api/schemes', projectScheme('PROJ-GRADE', 'project:startRate', { type: 'grade' }));
    expect(graded.statusCode).toBe(400);
    expect(graded.body).toContain('项目比率');
  });
});
