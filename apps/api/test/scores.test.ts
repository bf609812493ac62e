import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCHEME_FORMAT, type SchemeDocument } from '@kaoping/shared';
import { TimeZone } from '../src/lib/time-zone.js';
import { buildTestApp, type Client, expectRefused, login, publishWithOpenPeriods, type TestApp, unitId } from './helpers.js';
import { checksScheme, smallScheme } from './fixtures/small-scheme.js';
import { makeScheme, makeUser, makeValue, type MadeScheme } from './factories.js';

interface Ranking {
  run: { id: number; inputsHash: string; schemeVersion: number; asOf: string };
  groups: { code: string; units: { code: string; total: number; rank: number; grade: string; bonus: number }[] }[];
}

let t: TestApp;
let office: Client;
let schemeId: number;
const period: Record<string, number> = {};
const ids: Record<string, number> = {};

/** Enters, submits and approves one value as the unit would, through the API. */
async function report(unitCode: string, key: string, code: string, entry: { value?: number; grade?: string; events?: unknown[] }) {
  const uid = await unitId(t.db, unitCode);
  const c = code === 'E1' ? await login(t.app, 'tjj') : await login(t.app, `${unitCode}-reporter`);
  const res = await c.request('PUT', '/api/data', { unitId: uid, periodId: period[key], values: [{ indicatorId: ids[code], ...entry }] });
  if (res.statusCode !== 200) throw new Error(res.body);
  if (code !== 'E1') {
    const sub = await (await login(t.app, `${unitCode}-head`)).post('/api/data/submit', { unitId: uid, periodId: period[key] });
    if (sub.statusCode !== 200) throw new Error(sub.body + unitCode + key + code);
  }
  const ok = await office.post('/api/data/review', { unitId: uid, periodId: period[key], decision: 'approve' });
  if (ok.statusCode !== 200) throw new Error(ok.body);
}

beforeAll(async () => {
  t = await buildTestApp();
  office = await login(t.app, 'office');
  const admin = await login(t.app, 'admin');
  await admin.post('/api/users', { username: 'tjj', displayName: '统计局（演示）', role: 'datasource', unitId: await unitId(t.db, 'ZH11'), password: 'kaoping-demo' });
  schemeId = ((await office.post('/api/schemes', smallScheme())).json() as { id: number }).id;
  await office.post(`/api/schemes/${schemeId}/publish`);
  for (const p of ((await office.get(`/api/schemes/${schemeId}/periods`)).json() as { items: { id: number; key: string }[] }).items) period[p.key] = p.id;
  for (const key of ['2021-Q4', '2021-12', '2021']) await office.patch(`/api/periods/${period[key]}`, { status: 'open' });
  for (const r of await t.db.query<{ id: number; code: string }>('select id, code from indicators where scheme_id = $1', [schemeId])) ids[r.code] = r.id;
  // 衡阳县 beats its 8% target, 衡南县 reaches 6.3 of 7, 衡山县 reports nothing.
  await report('430421', '2021-Q4', 'E1', { value: 8.4 });
  await report('430422', '2021-Q4', 'E1', { value: 6.3 });
  await report('430421', '2021-12', 'E2', { value: 40 });
  await report('430422', '2021-12', 'E2', { value: 55 });
  await report('430421', '2021', 'L', { grade: '优' });
  await report('430422', '2021', 'L', { grade: '良' });
  await report('430422', '2021', 'B', { events: [{ item: '全国文明城市', level: 'province' }, { item: '全国文明城市', level: 'nation' }] });
});
afterAll(async () => t.close());

const run = async () => {
  const res = await office.post(`/api/schemes/${schemeId}/runs`, { asOf: '2021-12-31' });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: number }).id;
};

/**
 * The main fixture's data again, in a scheme of a year of its own: for a test that changes the data
 * it scores (closes a period, corrects a value), so the tests that read the fixture are left alone.
 */
async function schemeOfItsOwn(year: number): Promise<MadeScheme & { run(): Promise<number> }> {
  const scheme = await makeScheme(t, { year }, { open: [`${year}-Q4`, `${year}-12`, `${year}`] });
  const value = (unitCode: string, period: string, indicator: string, v: { value?: number; grade?: string; events?: unknown[] }) =>
    makeValue(t, scheme, { unitCode, period, indicator, ...v, ...(indicator === 'E1' ? { dataSource: 'tjj' } : {}) });
  await value('430421', `${year}-Q4`, 'E1', { value: 8.4 });
  await value('430422', `${year}-Q4`, 'E1', { value: 6.3 });
  await value('430421', `${year}-12`, 'E2', { value: 40 });
  await value('430422', `${year}-12`, 'E2', { value: 55 });
  await value('430421', `${year}`, 'L', { grade: '优' });
  await value('430422', `${year}`, 'L', { grade: '良' });
  await value('430422', `${year}`, 'B', { events: [{ item: '全国文明城市', level: 'province' }, { item: '全国文明城市', level: 'nation' }] });
  const run = async () => {
    const res = await office.post(`/api/schemes/${scheme.id}/runs`, { asOf: `${year}-12-31` });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: number }).id;
  };
  return { ...scheme, run };
}

describe('score runs', () => {
  it('scores, ranks and grades every unit of each group, naming the scheme version', async () => {
    const id = await run();
    const r = (await office.get(`/api/runs/${id}`)).json() as Ranking;
    expect(r.run).toMatchObject({ schemeVersion: 1, asOf: '2021-12-31' });
    const xs = r.groups.find((g) => g.code === 'XS')!;
    expect(xs.units).toHaveLength(7);
    const hy = xs.units.find((u) => u.code === '430421')!;
    const hn = xs.units.find((u) => u.code === '430422')!;
    // 衡阳县: E1 50 × min(8.4/8, 1.2) = 52.5; E2 rank 2 of 2 with values → 30 × 0.6 = 18; L 优 = 20 → 90.5
    expect(hy.total).toBeCloseTo(90.5, 6);
    // 衡南县: E1 50 × 6.3/7 = 45; E2 rank 1 → 30; L 良 20 × 0.85 = 17; bonus once at its highest level 5 (cap 5) → 97
    expect(hn.total).toBeCloseTo(97, 6);
    expect(hn.bonus).toBe(5);
    expect([hn.rank, hy.rank]).toEqual([1, 2]);
    expect(xs.units.find((u) => u.code === '430423')).toMatchObject({ total: 0, grade: '较差' });
    expect(hn.grade).toBe('优秀');
  });

  it('explains each indicator on the unit scorecard', async () => {
    const id = await run();
    const card = (await office.get(`/api/runs/${id}/units/${await unitId(t.db, '430421')}`)).json() as {
      unit: { total: number; rank: number; groupSize: number };
      indicators: { code: string; points: number; explanation: { rule: string; steps: string[]; inputs: Record<string, unknown> } }[];
    };
    expect(card.unit).toMatchObject({ rank: 2, groupSize: 7 });
    const e1 = card.indicators.find((i) => i.code === 'E1')!;
    expect(e1.points).toBeCloseTo(52.5, 6);
    expect(e1.explanation.rule).toContain('完成率');
    expect(e1.explanation.steps.join(' ')).toContain('8.4');
  });

  it('is reproducible: the same data gives the same input hash and the same scores', async () => {
    const a = (await office.get(`/api/runs/${await run()}`)).json() as Ranking;
    const b = (await office.get(`/api/runs/${await run()}`)).json() as Ranking;
    expect(b.run.inputsHash).toBe(a.run.inputsHash);
    expect(b.groups).toEqual(a.groups);
    const cmp = (await office.get(`/api/runs/compare?from=${a.run.id}&to=${b.run.id}`)).json() as { changes: unknown[] };
    expect(cmp.changes).toEqual([]);
  });

  it('keeps its inputs, rebuilds each explanation from them, and says so when the rules no longer give the stored points', async () => {
    const id = await run();
    const uid = await unitId(t.db, '430421');
    const [stored] = await t.db.query<{ inputs: string; inputs_hash: string }>('select inputs, inputs_hash from score_runs where id = $1', [id]);
    const inputs = JSON.parse(stored!.inputs) as { asOf: string; units: { code: string }[]; valuesByLeaf: { unitId: number[] }[] };
    expect(inputs.asOf).toBe('2021-12-31');
    expect(inputs.units.map((u) => u.code)).toContain('430421');
    expect(inputs.valuesByLeaf.some((l) => l.unitId.includes(uid))).toBe(true);
    // A stored point that the engine would not give (as after a change of rules) is shown with a note, never replaced.
    await t.db.query(
      `update unit_scores set indicators = (select json_agg(case when (e->>0)::int = $3 then jsonb_set(e::jsonb, '{1}', '1')::json else e end) from json_array_elements(indicators) e)
        where run_id = $1 and unit_id = $2`,
      [id, uid, ids.E1],
    );
    const card = (await office.get(`/api/runs/${id}/units/${uid}`)).json() as { indicators: { code: string; points: number; explanation: { steps: string[]; notes?: string[] } }[] };
    const e1 = card.indicators.find((i) => i.code === 'E1')!;
    expect(e1.points).toBe(1);
    expect(e1.explanation.steps.join(' ')).toContain('8.4');
    expect(e1.explanation.notes?.join(' ')).toContain('得分以存储为准');
    expect(card.indicators.find((i) => i.code === 'E2')!.explanation.notes ?? []).not.toContain(expect.stringContaining('得分以存储为准'));
  });

  it('rebuilds a run once for many readers at once, as a comparison of every unit reads it', async () => {
    const { unitExplanation } = await import('../src/modules/scores/run-explanations.js');
    const id = await run();
    const rows = await t.db.query<{ unit_id: number; components: []; explanation: never }>('select unit_id, components, explanation from unit_scores where run_id = $1', [id]);
    let reads = 0;
    // A database handle of its own (the rebuilds are kept per handle) that counts the reads of the run's inputs.
    const counting = { query: (sql: string, params?: unknown[]) => ((reads += sql.includes('select inputs from score_runs') ? 1 : 0), t.db.query(sql, params)) } as typeof t.db;
    const read = await Promise.all(rows.map((r) => unitExplanation(counting, id, r.unit_id, r, 'en')));
    expect(read).toHaveLength(rows.length);
    expect(reads).toBe(1);
  });

  it('reads results stored one object per indicator, with or without explanations, once migration 0061 has turned them into arrays', async () => {
    const { readFileSync } = await import('node:fs');
    const id = await run();
    const uid = await unitId(t.db, '430421');
    // Read from the rows (the scorecard's answer is kept once read, and the point is to read the migrated rows).
    const stored = () =>
      t.db.query<{ id: number; points: number; actual: number | null; target: number | null }>(
        `select (e->>0)::int as id, (e->>1)::float8 as points, (e->>2)::float8 as actual, (e->>3)::float8 as target
           from unit_scores, json_array_elements(indicators) e where run_id = $1 and unit_id = $2 order by 1`,
        [id, uid],
      );
    const before = await stored();
    expect(before.length).toBeGreaterThan(1);
    // As runs stored their results before: objects naming each field; the oldest kept each explanation, here E1's.
    await t.db.query(
      `update unit_scores set indicators = (
         select json_agg(json_build_object('indicatorId', (e->>0)::int, 'points', (e->>1)::float8, 'actual', (e->>2)::float8, 'target', (e->>3)::float8, 'lag', (e->>4)::float8)::jsonb
                         || case when (e->>0)::int = $2 then jsonb_build_object('explanation', jsonb_build_object('method', 'ratio', 'inputs', '{}'::jsonb, 'rule', '当时存储的说明', 'steps', jsonb_build_array('旧'), 'result', (e->>1)::float8)) else '{}'::jsonb end)
           from json_array_elements(indicators) e)
        where run_id = $1`,
      [id, ids.E1],
    );
    await t.db.exec(readFileSync(new URL('../migrations/0061_unit_indicator_arrays.sql', import.meta.url), 'utf8'));
    const [row] = await t.db.query<{ first: unknown[] }>('select indicators->0 as first from unit_scores where run_id = $1 and unit_id = $2', [id, uid]);
    expect(Array.isArray(row!.first)).toBe(true);
    expect(await stored()).toEqual(before);
    const card = (await office.get(`/api/runs/${id}/units/${uid}`)).json() as { indicators: { code: string; points: number; actual: number | null; target: number | null; explanation: { rule: string } }[] };
    const byId = Object.fromEntries(Object.entries(ids).map(([code, i]) => [i, code]));
    expect(card.indicators.map(({ code, points, actual, target }) => ({ code, points, actual, target })).sort((a, b) => a.code.localeCompare(b.code))).toEqual(
      before.map(({ id: i, points, actual, target }) => ({ code: byId[i], points, actual, target })).sort((a, b) => a.code!.localeCompare(b.code!)),
    );
    // E1 keeps the explanation it was stored with; the others are rebuilt from the run's inputs as before.
    expect(card.indicators.find((i) => i.code === 'E1')!.explanation.rule).toBe('当时存储的说明');
    expect(card.indicators.find((i) => i.code === 'E2')!.explanation.rule).toMatch(/排名|rank/);
  });

  it('compares two runs: which units and indicators changed, and why', async () => {
    const own = await schemeOfItsOwn(2023);
    const before = await own.run();
    expect((await office.patch(`/api/periods/${own.period['2023-Q4']}`, { status: 'closed' })).statusCode).toBe(200);
    const hn = await unitId(t.db, '430422');
    const grid = (await office.get(`/api/data?unitId=${hn}&periodId=${own.period['2023-Q4']}`)).json() as { rows: { indicator: { code: string }; valueId: number }[] };
    const tjj = await login(t.app, 'tjj');
    const corr = (await tjj.post(`/api/values/${grid.rows.find((r) => r.indicator.code === 'E1')!.valueId}/corrections`, { value: 7.7, reason: '统计局年报修订（演示）' })).json() as { id: number };
    await office.post(`/api/corrections/${corr.id}/decide`, { decision: 'approve' });
    const after = await own.run();
    const cmp = (await office.get(`/api/runs/compare?from=${before}&to=${after}`)).json() as {
      changes: { code: string; from: { total: number }; to: { total: number }; indicators: { code: string; from: number; to: number; why: string[] }[] }[];
    };
    expect(cmp.changes.map((c) => c.code)).toEqual(['430422']);
    const c = cmp.changes[0]!;
    // 50 × min(7.7/7, 1.2) = 55 against 50 × 6.3/7 = 45
    expect(c.to.total - c.from.total).toBeCloseTo(10, 6);
    expect(c.indicators).toEqual([{ code: 'E1', name: '地区生产总值增长', from: expect.closeTo(45, 6), to: expect.closeTo(55, 6), why: ['实际值 6.3 → 7.7'] }]);
  });

  it('names the changed input when a grade is corrected, so the unit reads why its points moved', async () => {
    const own = await schemeOfItsOwn(2024);
    const before = await own.run();
    expect((await office.patch(`/api/periods/${own.period['2024']}`, { status: 'closed' })).statusCode).toBe(200);
    const hy = await unitId(t.db, '430421');
    const grid = (await office.get(`/api/data?unitId=${hy}&periodId=${own.period['2024']}`)).json() as { rows: { indicator: { code: string }; valueId: number }[] };
    const reporter = await login(t.app, '430421-reporter');
    const asked = await reporter.post(`/api/values/${grid.rows.find((r) => r.indicator.code === 'L')!.valueId}/corrections`, { grade: '良', reason: '考核组复核后调整（演示）' });
    expect(asked.statusCode, asked.body).toBe(201);
    await office.post(`/api/corrections/${(asked.json() as { id: number }).id}/decide`, { decision: 'approve' });
    const after = await own.run();
    const cmp = (await office.get(`/api/runs/compare?from=${before}&to=${after}`)).json() as {
      changes: { code: string; indicators: { code: string; from: number; to: number; why: string[] }[] }[];
    };
    const l = cmp.changes.find((c) => c.code === '430421')!.indicators.find((i) => i.code === 'L')!;
    // 20 × 1.0 = 20 against 20 × 0.85 = 17
    expect([l.from, l.to]).toEqual([expect.closeTo(20, 6), expect.closeTo(17, 6)]);
    expect(l.why).toEqual(['评价等次 优 → 良', '得分比例 1 → 0.85']);
    // The same reasons for a reader of the English pages.
    const english = (await office.request('GET', `/api/runs/compare?from=${before}&to=${after}`, undefined, { 'accept-language': 'en-US' })).json() as typeof cmp;
    expect(english.changes.find((c) => c.code === '430421')!.indicators.find((i) => i.code === 'L')!.why).toEqual(['grade 优 → 良', 'share of points 1 → 0.85']);
  });

  it('writes the scorecard in the reader\'s language, rebuilt from the same stored inputs', async () => {
    const id = await run();
    const url = `/api/runs/${id}/units/${await unitId(t.db, '430421')}`;
    type Card = {
      unit: { group: string; total: number; explanation: { steps: string[]; grade: { rule: string; steps: string[] } } };
      indicators: { code: string; points: number; explanation: { rule: string; steps: string[]; inputs: Record<string, unknown> } }[];
    };
    const zh = (await office.get(url)).json() as Card;
    const en = (await office.request('GET', url, undefined, { 'accept-language': 'en-US,en;q=0.9' })).json() as Card;
    // The numbers are the same; only the words change.
    expect(en.indicators.map((i) => i.points)).toEqual(zh.indicators.map((i) => i.points));
    const e1 = en.indicators.find((i) => i.code === 'E1')!.explanation;
    expect(e1.rule).toBe('Completion ratio: P × min(actual/target, cap)');
    expect(e1.steps).toEqual(['completion = 8.4/8 = 105%', '50 × min(8.4/8, 1.2) = 52.5']);
    expect(e1.inputs.direction).toBe('higher is better');
    expect(zh.indicators.find((i) => i.code === 'E1')!.explanation.steps).toEqual(['完成率 = 8.4/8 = 105%', '50 × min(8.4/8, 1.2) = 52.5']);
    expect(en.unit.group).toBe('Counties and county-level cities');
    expect(zh.unit.group).toBe('县市');
    expect(en.unit.explanation.grade.steps[0]).toBe('rank 2 of 7 units in the group');
    expect(en.unit.explanation.steps.at(-1)).toBe(`total = ${zh.unit.total.toFixed(2)}`);
    // Nothing a unit reads on its English scorecard is written in Chinese by the server (names and grades are the scheme's own).
    const written = [...en.unit.explanation.steps.map((x) => x.split(':').slice(1).join(':')), ...en.indicators.flatMap((i) => [i.explanation.rule.replace(/\([^)]*\)|「[^」]*」/g, ''), ...i.explanation.steps.map((x) => x.replace(/"[^"]*"/g, ''))])];
    for (const line of written) expect(line, line).not.toMatch(/[\u4e00-\u9fff]/);
    // 时序进度 reads in English too.
    const progress = (await office.request('GET', `/api/runs/${id}/progress`, undefined, { 'accept-language': 'en' })).json() as { rows: { text: string }[] };
    for (const r of progress.rows) expect(r.text).toMatch(/percentage points \((behind|ahead of|level with) the schedule\)$/);
  });

  it('shows a unit only its own results', async () => {
    const id = await run();
    const head = await login(t.app, '430421-head');
    const r = (await head.get(`/api/runs/${id}`)).json() as Ranking;
    expect(r.groups.flatMap((g) => g.units.map((u) => u.code))).toEqual(['430421']);
    expect((await head.get(`/api/runs/${id}/units/${await unitId(t.db, '430422')}`)).statusCode).toBe(403);
    expect((await head.get(`/api/runs/${id}/units/${await unitId(t.db, '430421')}`)).statusCode).toBe(200);
    expect((await head.post(`/api/schemes/${schemeId}/runs`, {})).statusCode).toBe(403);
  });

  it('builds a run\'s rankings once for all readers, answers 304 to a reader who has them, and shows a renamed unit at once', async () => {
    const id = await run();
    const first = await office.get(`/api/runs/${id}`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await office.get(`/api/runs/${id}`);
    expect(again.headers.etag).toBe(etag);
    expect(again.body).toBe(first.body);
    const unchanged = await office.request('GET', `/api/runs/${id}`, undefined, { 'if-none-match': etag });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
    // A unit's own people are not served the city's answer: their scope is part of what is kept.
    const head = await login(t.app, '430421-head');
    expect(((await head.get(`/api/runs/${id}`)).json() as Ranking).groups.flatMap((g) => g.units.map((u) => u.code))).toEqual(['430421']);
    expect((await head.request('GET', `/api/runs/${id}`, undefined, { 'if-none-match': etag })).statusCode).toBe(200);

    const uid = await unitId(t.db, '430422');
    const admin = await login(t.app, 'admin');
    const before = ((await admin.get(`/api/units/${uid}`)).json() as { name: string }).name;
    expect((await admin.patch(`/api/units/${uid}`, { name: '衡南县（更名测试）' })).statusCode).toBe(200);
    try {
      const renamed = await office.get(`/api/runs/${id}`);
      expect(renamed.headers.etag).not.toBe(etag);
      expect((renamed.json() as { groups: { units: { code: string; name: string }[] }[] }).groups.flatMap((g) => g.units).find((u) => u.code === '430422')?.name).toBe('衡南县（更名测试）');
      const card = (await office.get(`/api/runs/${id}/units/${uid}`)).json() as { unit: { name: string } };
      expect(card.unit.name).toBe('衡南县（更名测试）');
    } finally {
      await admin.patch(`/api/units/${uid}`, { name: before });
    }
  });

  it('exports the rankings to Excel', async () => {
    const id = await run();
    const buf = (await office.get(`/api/runs/${id}/export.xlsx`)).rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '考核组别', '组内排名', '单位代码', '单位名称', '重点工作', '领导评价', '加分', '扣分', '总分', '等次', '一票否决']);
    expect(ws.rowCount).toBe(1 + 12);
  });

  it('refuses to score a draft or outside the scheme year', async () => {
    const draft = ((await office.post('/api/schemes', smallScheme({ code: 'DRAFT-ONLY' }))).json() as { id: number }).id;
    expectRefused(await office.post(`/api/schemes/${draft}/runs`, {}), 'SCHEME_NOT_PUBLISHED');
    expect((await office.post(`/api/schemes/${schemeId}/runs`, { asOf: '2022-01-01' })).statusCode).toBe(400);
  });
});

/** The deployment's zone the daily run counts its hours in. */
const china = new TimeZone('Asia/Shanghai');

describe('scheduled score runs', () => {
  it('run once a day for the schemes of the current year, from the configured hour', async () => {
    const { runScheduledScores } = await import('../src/jobs/scheduled-scores.js');
    // The fixture scheme is for 2021: on a day of 2021 it is current. Hours are the deployment zone's, not the server's.
    expect(await runScheduledScores(t.db, china, china.at('2021-06-30', 1), 2)).toEqual({ made: [], failed: [] });
    // Every published scheme of 2021 is scored (other tests of this file may have published some); the fixture's once.
    const scheduled = async () =>
      ((await office.get(`/api/schemes/${schemeId}/runs`)).json() as { items: { id: number; trigger: string; asOf: string }[] }).items.filter((r) => r.trigger === 'schedule' && r.asOf === '2021-06-30');
    const { made } = await runScheduledScores(t.db, china, china.at('2021-06-30', 2, 5), 2);
    expect(await scheduled()).toHaveLength(1);
    expect(made).toContain((await scheduled())[0]!.id);
    expect((await runScheduledScores(t.db, china, china.at('2021-06-30', 23), 2)).made).toEqual([]);
    expect(await scheduled()).toHaveLength(1);
    expect(await runScheduledScores(t.db, china, china.at('2022-01-03', 9), 2)).toEqual({ made: [], failed: [] });
  });
});

type Err = { error: { code: string; message: string; details?: unknown } };
type Scheme = Awaited<ReturnType<typeof publishWithOpenPeriods>>;

/** Enters one unit's cells for a period as its reporter (or the data source for what it supplies), submits and approves them. */
async function approve(scheme: Scheme, unitCode: string, key: string, cells: Record<string, { value?: number; events?: unknown[] }>, by = `${unitCode}-reporter`) {
  const uid = await unitId(t.db, unitCode);
  const at = { unitId: uid, periodId: scheme.period[key] };
  const values = Object.entries(cells).map(([code, e]) => ({ indicatorId: scheme.indicator[code], ...e }));
  const saved = await (await login(t.app, by)).request('PUT', '/api/data', { ...at, values });
  if (saved.statusCode !== 200) throw new Error(saved.body);
  if (!by.endsWith('-reporter')) return void (await office.post('/api/data/review', { ...at, decision: 'approve' }));
  const submitted = await (await login(t.app, `${unitCode}-head`)).post('/api/data/submit', at);
  if (submitted.statusCode !== 200) throw new Error(submitted.body);
  const ok = await office.post('/api/data/review', { ...at, decision: 'approve' });
  if (ok.statusCode !== 200) throw new Error(ok.body);
}

/** The office returns the three unscoreable values of a checks scheme (their period is open) and the units enter them again. */
async function fixTheThree(c: Scheme): Promise<void> {
  for (const [unitCode, code] of [['430421', 'N2'], ['430422', 'N1'], ['430422', 'S1']] as const) {
    const grid = (await office.get(`/api/data?unitId=${await unitId(t.db, unitCode)}&periodId=${c.period['2021-01']}`)).json() as { rows: { indicator: { code: string }; valueId: number }[] };
    const valueId = grid.rows.find((r) => r.indicator.code === code)!.valueId;
    expect((await office.post(`/api/values/${valueId}/return`, { reason: '数据异常，请核实后重新填报（演示）' })).statusCode).toBe(200);
  }
  await approve(c, '430421', '2021-01', { N2: { value: 4.2 } });
  await approve(c, '430422', '2021-01', { N1: { value: 9 }, S1: { events: [] } });
}

/** Overwrites a stored cell behind the API's back, as data stored before entry checked it. */
async function storeBehindChecks(scheme: Scheme, unitCode: string, key: string, code: string, set: { value?: number; events?: unknown[] }) {
  await t.db.query(
    `update data_values set value = coalesce($5, value), events = coalesce($6::jsonb, events)
      where indicator_id = $1 and unit_id = $2 and period_id = $3 and status = $4`,
    [scheme.indicator[code], await unitId(t.db, unitCode), scheme.period[key], 'approved', set.value ?? null, set.events ? JSON.stringify(set.events) : null],
  );
}

describe('a run that meets approved data it cannot score', () => {
  let c: Scheme;
  let n = 0;
  // Each test a checks scheme of its own with three cells that cannot be scored.
  beforeEach(async () => {
    c = await publishWithOpenPeriods(office, t.db, checksScheme({ code: `CHECKS-2021-${++n}` }), ['2021-01']);
    await approve(c, '430421', '2021-01', { N1: { value: 12 }, N2: { value: 4 }, S1: { events: [{ kind: 'criticism', count: 1 }] } });
    await approve(c, '430422', '2021-01', { N1: { value: 10 }, N2: { value: 5 }, S1: { events: [] } });
    // 1e308 and −5 and an event of no known shape, stored as if before entry checked them.
    await storeBehindChecks(c, '430421', '2021-01', 'N2', { value: 1e308 });
    await storeBehindChecks(c, '430422', '2021-01', 'N1', { value: -5 });
    await storeBehindChecks(c, '430422', '2021-01', 'S1', { events: [{ type: 'criticism', n: 2 }] });
  });
  // What a test left unscoreable is returned and fixed, so no later daily run meets it.
  afterEach(async () => {
    if ((await office.post(`/api/schemes/${c.schemeId}/runs`, { asOf: '2021-01-31' })).statusCode !== 422) return;
    await fixTheThree(c);
  });

  it('answers 422 listing every such input — unit, indicator, period, value, reason — and stores nothing', async () => {
    const res = await office.post(`/api/schemes/${c.schemeId}/runs`, { asOf: '2021-01-31' });
    expect(res.statusCode).toBe(422);
    const body = res.json() as Err;
    expect(body.error.code).toBe('UNSCORABLE_INPUT');
    expect(body.error.message).toContain('有 3 项已审核数据无法计分');
    // In the scheme's order of indicators, then by unit; the stored event as it is stored (jsonb orders its keys).
    expect(body.error.details).toEqual([
      { unitCode: '430422', unitName: '衡南县', indicatorCode: 'N1', indicatorName: '新增市场主体', period: '2021年1月', value: '-5', reason: expect.stringContaining('计数不能为负数') },
      { unitCode: '430421', unitName: '衡阳县', indicatorCode: 'N2', indicatorName: '招商引资到位资金', period: '2021年1月', value: '1e+308', reason: expect.stringContaining('超出允许范围') },
      { unitCode: '430422', unitName: '衡南县', indicatorCode: 'S1', indicatorName: '安全生产', period: '2021年1月', value: '[{"n":2,"type":"criticism"}]', reason: expect.stringContaining('未知字段 n、type') },
    ]);
    expect((body.error.details as { reason: string }[])[0]!.reason).toContain('允许 0 至 1,000,000,000,000,000 的整数');
    const runs = (await office.get(`/api/schemes/${c.schemeId}/runs`)).json() as { items: unknown[] };
    expect(runs.items).toEqual([]);
  });

  it('names values whose sum would overflow (1e308 in two months) instead of failing the run', async () => {
    const two = await publishWithOpenPeriods(office, t.db, checksScheme({ code: `CHECKS-2021-SUM-${++n}` }), ['2021-01', '2021-02']);
    for (const key of ['2021-01', '2021-02']) {
      await approve(two, '430421', key, { N1: { value: 12 }, N2: { value: 4 }, S1: { events: [] } });
      await storeBehindChecks(two, '430421', key, 'N2', { value: 1e308 });
    }
    const res = await office.post(`/api/schemes/${two.schemeId}/runs`, { asOf: '2021-02-28' });
    expect(res.statusCode).toBe(422);
    const body = res.json() as Err;
    expect(body.error.code).toBe('UNSCORABLE_INPUT');
    expect((body.error.details as { indicatorCode: string; period: string; value: string }[]).map((d) => [d.indicatorCode, d.period, d.value])).toEqual([
      ['N2', '2021年1月', '1e+308'],
      ['N2', '2021年2月', '1e+308'],
    ]);
    for (const key of ['2021-01', '2021-02']) await storeBehindChecks(two, '430421', key, 'N2', { value: 4 });
    expect((await office.post(`/api/schemes/${two.schemeId}/runs`, { asOf: '2021-02-28' })).statusCode).toBe(201);
  });

  it('in the daily run, tells the office once (inbox and run list), goes on with the other schemes, and scores once the values are returned and fixed', async () => {
    const { runScheduledScores } = await import('../src/jobs/scheduled-scores.js');
    const first = await runScheduledScores(t.db, china, china.at('2021-01-31', 3), 2);
    expect(first.failed).toEqual([{ schemeId: c.schemeId, message: expect.stringContaining('有 3 项已审核数据无法计分') }]);
    // The other 2021 schemes are scored regardless: the main fixture's among them.
    const mainRuns = ((await office.get(`/api/schemes/${schemeId}/runs`)).json() as { items: { id: number; trigger: string; asOf: string }[] }).items;
    const mainScheduled = mainRuns.find((r) => r.trigger === 'schedule' && r.asOf === '2021-01-31');
    expect(mainScheduled).toBeDefined();
    expect(first.made).toContain(mainScheduled!.id);
    const again = await runScheduledScores(t.db, china, china.at('2021-01-31', 3, 15), 2);
    expect(again).toEqual({ made: [], failed: [{ schemeId: c.schemeId, message: expect.any(String) }] });

    type Inbox = { items: { kind: string; title: string; body: string }[] };
    const inbox = ((await office.get('/api/inbox')).json() as Inbox).items.filter((i) => i.kind === 'score_run_failed');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.title).toContain('数据校验测试方案（演示）（截至 2021-01-31）');
    expect(inbox[0]!.body).toContain('衡阳县（430421）· N2 招商引资到位资金 · 2021年1月：1e+308 超出允许范围');
    expect(inbox[0]!.body).toContain('衡南县（430422）· S1 安全生产 · 2021年1月');
    const listed = (await office.get(`/api/schemes/${c.schemeId}/runs`)).json() as { failure: { asOf: string; count: number; problems: { indicatorCode: string }[] } | null };
    expect(listed.failure).toMatchObject({ asOf: '2021-01-31', count: 3 });
    expect(listed.failure!.problems.map((p) => p.indicatorCode)).toEqual(['N1', 'N2', 'S1']);
    // A unit does not see the office's failure notice.
    expect(((await (await login(t.app, '430421-head')).get(`/api/schemes/${c.schemeId}/runs`)).json() as { failure: unknown }).failure).toBeNull();

    // The office returns the three values (their period is open); the units fix them; the next check scores.
    await fixTheThree(c);
    const fixed = await runScheduledScores(t.db, china, china.at('2021-01-31', 3, 30), 2);
    expect(fixed).toEqual({ made: [expect.any(Number)], failed: [] });
    expect(((await office.get(`/api/schemes/${c.schemeId}/runs`)).json() as { failure: unknown }).failure).toBeNull();
  });

  it("feeds last year's value to the formula and shows it on the scorecard", async () => {
    // A checks scheme of its own (of 2025, out of the daily runs' way) with every value scoreable.
    const c = await publishWithOpenPeriods(office, t.db, checksScheme({ code: 'CHECKS-2025', year: 2025 }), ['2025-01']);
    const source = await makeUser(t, { role: 'datasource', unitId: await unitId(t.db, 'ZH11') });
    const hn = await unitId(t.db, '430422');
    await approve(c, '430421', '2025-01', { N1: { value: 12 }, N2: { value: 4 }, S1: { events: [{ kind: 'criticism', count: 1 }] } });
    await approve(c, '430422', '2025-01', { N1: { value: 10 }, N2: { value: 5 }, S1: { events: [] } });
    const put = await (await source.login()).request('PUT', `/api/schemes/${c.schemeId}/indicators/G1/last-year`, { values: [{ unitId: hn, value: 18.5 }] });
    expect(put.statusCode, put.body).toBe(200);
    // 衡阳县: 21.8 against last year's 20 (from the scheme) = 9% growth ≥ 8% → all 30 points.
    // 衡南县: 19.24 against 18.5 (entered by the statistics bureau) = 4% growth → 30 × 4/8 = 15.
    await approve(c, '430421', '2025-01', { G1: { value: 21.8 } }, source.username);
    await approve(c, '430422', '2025-01', { G1: { value: 19.24 } }, source.username);
    const run = await office.post(`/api/schemes/${c.schemeId}/runs`, { asOf: '2025-01-31' });
    expect(run.statusCode, run.body).toBe(201);
    const runId = (run.json() as { id: number }).id;
    type Card = { indicators: { code: string; points: number; actual: number; lastYear: number | null; explanation: { steps: string[] } }[] };
    const g1 = async (code: string) => ((await office.get(`/api/runs/${runId}/units/${await unitId(t.db, code)}`)).json() as Card).indicators.find((i) => i.code === 'G1')!;
    expect(await g1('430421')).toMatchObject({ points: 30, actual: 21.8, lastYear: 20 });
    const hnG1 = await g1('430422');
    expect(hnG1).toMatchObject({ actual: 19.24, lastYear: 18.5 });
    expect(hnG1.points).toBeCloseTo((30 * (19.24 / 18.5 - 1)) / 0.08, 9);
    expect(hnG1.points).toBeCloseTo(15, 9);
    expect(hnG1.explanation.steps[0]).toContain('19.24 / 18.5');
    // 衡山县 has neither: it scores 0 for want of last year's value, and says so.
    expect(await g1('430423')).toMatchObject({ points: 0, lastYear: null });
  });
});

describe('时序进度 by months or by days, worked by hand on 2021-08-31', () => {
  /** P1 follows the scheme's basis, P2 says days; 600 of an annual 1000 reported by the end of August. */
  const progressScheme = (code: string, progressBasis?: 'month' | 'day'): SchemeDocument => ({
    format: SCHEME_FORMAT,
    code,
    name: '时序进度测试方案（演示）',
    year: 2021,
    total: 100,
    groups: ['XS'],
    ...(progressBasis ? { progressBasis } : {}),
    components: [{ code: 'key', name: '重点工作', points: 100 }],
    indicators: [
      { code: 'P1', name: '重点项目投资完成', points: 60, component: 'key', unit: '亿元', frequency: 'month', method: { type: 'progress' }, targets: { default: 1000 } },
      { code: 'P2', name: '技改投资完成', points: 40, component: 'key', unit: '亿元', frequency: 'month', method: { type: 'progress', basis: 'day' }, targets: { default: 1000 } },
    ],
  });
  // Jan–Aug: 8 months of 12; 31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 = 243 days of 365.
  const byMonths = 8 / 12;
  const byDays = (31 + 28 + 31 + 30 + 31 + 30 + 31 + 31) / 365;

  async function scored(doc: SchemeDocument) {
    const s = await publishWithOpenPeriods(office, t.db, doc, ['2021-08']);
    await approve(s, '430421', '2021-08', { P1: { value: 600 }, P2: { value: 600 } });
    const res = await office.post(`/api/schemes/${s.schemeId}/runs`, { asOf: '2021-08-31' });
    expect(res.statusCode, res.body).toBe(201);
    const runId = (res.json() as { id: number }).id;
    type Card = { indicators: { code: string; points: number; explanation: { rule: string; steps: string[] } }[] };
    const card = (await office.get(`/api/runs/${runId}/units/${await unitId(t.db, '430421')}`)).json() as Card;
    return { runId, card: new Map(card.indicators.map((i) => [i.code, i])) };
  }

  it('counts months unless told otherwise: 60 × 60% ÷ 8/12 = 54, and days where the indicator says: 40 × 60% ÷ 243/365 = 36.05', async () => {
    const { runId, card } = await scored(progressScheme('PROG-M-2021'));
    expect(card.get('P1')!.points).toBeCloseTo((60 * 0.6) / byMonths, 9);
    expect(card.get('P1')!.points).toBeCloseTo(54, 9);
    expect(card.get('P1')!.explanation.steps).toContain('时序进度（按月）= 8/12 = 66.67%');
    expect(card.get('P1')!.explanation.rule).toContain('时序进度按月计（已过月数 ÷ 12）');
    expect(card.get('P2')!.points).toBeCloseTo((40 * 0.6) / byDays, 9);
    expect(card.get('P2')!.points).toBeCloseTo(36.049383, 5);
    expect(card.get('P2')!.explanation.steps).toContain('时序进度（按日）= 243/365 = 66.58%');

    const view = (await office.get(`/api/runs/${runId}/progress`)).json() as { rows: { code: string; unitCode: string; expected: number; lag: number; basis: string }[] };
    const mine = view.rows.filter((r) => r.unitCode === '430421');
    expect(mine.map((r) => [r.code, r.basis, r.expected])).toEqual([
      ['P1', 'month', byMonths],
      ['P2', 'day', byDays],
    ]);
    expect(mine[0]!.lag).toBeCloseTo(0.6 - byMonths, 12);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await office.get(`/api/runs/${runId}/progress.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(['指标代码', '指标名称', '单位代码', '单位名称', '完成率', '时序进度', '时序进度口径', '差距（百分点）', '落后于时序进度']);
    const rows = ws.getSheetValues().slice(2) as (string | number)[][];
    const p1 = rows.find((r) => r[1] === 'P1' && r[3] === '430421')!;
    expect(p1.slice(5, 10)).toEqual([0.6, 0.6667, '按月（已过月数 ÷ 12）', -6.67, '是']);
    expect(ws.getRow(rows.indexOf(p1) + 2).getCell(6).numFmt).toBe('0.00%');
    expect(rows.find((r) => r[1] === 'P2' && r[3] === '430421')![7]).toBe('按日（已过天数 ÷ 全年天数）');
  });

  it('counts days for the whole scheme when it says progressBasis: day', async () => {
    const { card } = await scored(progressScheme('PROG-D-2021', 'day'));
    expect(card.get('P1')!.points).toBeCloseTo((60 * 0.6) / byDays, 9);
    expect(card.get('P1')!.explanation.steps).toContain('时序进度（按日）= 243/365 = 66.58%');
  });
});
