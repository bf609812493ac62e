import type { LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME, writeSheet } from '../src/lib/excel.js';
import { makeProject } from './factories.js';
import { buildTestApp, type Client, expectRefused, login, type TestApp, unitId } from './helpers.js';

let t: TestApp;
let office: Client;
let supervisor: Client;
let leader: Client;
let head: Client;
let reporter: Client;
let otherReporter: Client;
let home: number;
let other: number;

const json = <T>(res: LightMyRequestResponse): T => res.json() as T;

const HEADERS = ['项目代码', '项目名称', '项目类别', '年度', '责任单位代码', '责任领导', '计划开工日期', '年度计划投资（万元）', '总投资（万元）', '下达资金（万元）'] as const;
type Row = Partial<Record<(typeof HEADERS)[number], string | number>>;

const workbook = (rows: Row[]) =>
  writeSheet(
    '重大项目',
    HEADERS.map((h) => ({ key: h, header: h, value: (r: Row) => r[h] ?? null })),
    rows,
  );

const upload = async (c: Client, rows: Row[]) => c.request('POST', '/api/projects/import', await workbook(rows), { 'content-type': XLSX_MIME });

/**
 * Three projects of a year: two of 衡阳县 (430421), one of ZH01. Amounts in 万元. Each test registers
 * its own, in a year no other test uses; the rates are read for 2021, which only their fixture has.
 */
const rowsOf = (year: number): Record<'P1' | 'P2' | 'P3', Row> => ({
  P1: { 项目代码: `HY-${year}-001`, 项目名称: '衡阳县产业园标准厂房（虚构）', 项目类别: '中央预算内', 年度: year, 责任单位代码: '430421', 责任领导: '张副县长', 计划开工日期: `${year}-03-01`, '年度计划投资（万元）': 1000, '总投资（万元）': 5000, '下达资金（万元）': 800 },
  P2: { 项目代码: `HY-${year}-002`, 项目名称: '衡阳县城乡供水一体化（虚构）', 项目类别: '专项债', 年度: year, 责任单位代码: '430421', 责任领导: '李副县长', 计划开工日期: `${year}/6/1`, '年度计划投资（万元）': 500, '总投资（万元）': 2000, '下达资金（万元）': 0 },
  P3: { 项目代码: `ZH-${year}-001`, 项目名称: '市级数据中心二期（虚构）', 项目类别: '重点项目', 年度: year, 责任单位代码: 'ZH01', 责任领导: '王局长', 计划开工日期: `${year}-05-01`, '年度计划投资（万元）': 400, '总投资（万元）': 1200, '下达资金（万元）': 400 },
});

type Ids = Record<'HY-001' | 'HY-002' | 'ZH-001', number>;
const report = (c: Client, id: number, month: string, body: object) => c.request('PUT', `/api/projects/${id}/reports/${month}`, body);

/** A year's three projects imported by the office; their ids. */
async function registered(year: number): Promise<Ids> {
  const { P1, P2, P3 } = rowsOf(year);
  const res = await upload(office, [P1, P2, P3]);
  expect(res.statusCode, res.body).toBe(200);
  const items = json<{ items: { id: number; code: string }[] }>(await office.get(`/api/projects?year=${year}`)).items;
  const id = (code: string) => items.find((x) => x.code === code)!.id;
  return { 'HY-001': id(`HY-${year}-001`), 'HY-002': id(`HY-${year}-002`), 'ZH-001': id(`ZH-${year}-001`) };
}

/** 衡阳县's August report of its first project (700 done, 600 in place, 420 paid, started in March). */
const AUGUST = { completedInvestment: 700, fundsInPlace: 600, fundsPaid: 420, started: true };

/** The year's reports as the units send them: 衡阳县's first project in August; ZH01's in July and (later) September. */
async function reported(year: number, ids: Ids): Promise<void> {
  expect((await report(reporter, ids['HY-001'], `${year}-08`, { ...AUGUST, startedOn: `${year}-03-15` })).statusCode).toBe(200);
  expect((await report(otherReporter, ids['ZH-001'], `${year}-07`, { completedInvestment: 100, fundsInPlace: 200, fundsPaid: 50, started: true, startedOn: `${year}-05-10` })).statusCode).toBe(200);
  expect((await report(office, ids['ZH-001'], `${year}-09`, { completedInvestment: 300, fundsInPlace: 400, fundsPaid: 250, started: true, startedOn: `${year}-05-10` })).statusCode).toBe(200);
}

interface RateView {
  value: number | null;
  numerator: number;
  denominator: number;
  expected: number;
  lag: number | null;
  lagging: boolean;
  explanation: { rule: string; steps: string[]; notes?: string[] };
}
type Rates = Record<'startRate' | 'fundsInPlaceRate' | 'paymentRate' | 'investmentCompletionRate', RateView>;
interface RatesResponse {
  asOf: string;
  scope: string;
  schedule: { value: number; text: string; basis: string };
  settings: { paymentBasis: string; paymentBasisLabel: string; progressBasis: string };
  projects: { code: string; reportMonth: string | null; lagging: string[]; rates: Rates }[];
  units: { unit: { code: string }; projectCount: number; rates: Rates }[];
  overall: { projectCount: number; lagging: string[]; rates: Rates };
}

/** The audit entries of an action, oldest first; of the given projects only when named. */
const auditOf = async (action: string, projectIds?: number[]) =>
  (
    await t.db.query<{ actor_name: string; entity_id: string; unit_id: number | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>(
      'select actor_name, entity_id, unit_id, before, after from audit_log where action = $1 order by id',
      [action],
    )
  ).filter((a) => !projectIds || projectIds.map(String).includes(a.entity_id));
const projectCount = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from projects'))[0]!.n;

beforeAll(async () => {
  t = await buildTestApp();
  office = await login(t.app, 'office');
  supervisor = await login(t.app, 'supervisor');
  leader = await login(t.app, 'leader');
  head = await login(t.app, '430421-head');
  reporter = await login(t.app, '430421-reporter');
  otherReporter = await login(t.app, 'ZH01-reporter');
  home = await unitId(t.db, '430421');
  other = await unitId(t.db, 'ZH01');
});
afterAll(async () => t?.close());

describe('the project register', () => {
  it('imports nothing when a row is wrong, and names the row and column', async () => {
    const { P1, P2, P3 } = rowsOf(2020);
    const [projectsBefore, importsBefore] = [await projectCount(), (await auditOf('project.import')).length];
    const res = await upload(office, [P1, { ...P2, 项目类别: '省预算内' }, { ...P3, 责任单位代码: 'NOPE', '年度计划投资（万元）': '-5' }]);
    expect(res.statusCode, res.body).toBe(422);
    const body = json<{ error: { code: string; details: { row: number; column: string; message: string }[] } }>(res);
    expect(body.error.code).toBe('IMPORT_FAILED');
    expect(body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: '项目类别' }),
        expect.objectContaining({ row: 4, column: '责任单位代码' }),
        expect.objectContaining({ row: 4, column: '年度计划投资（万元）' }),
      ]),
    );
    expect(body.error.details.some((d) => d.row === 2)).toBe(false);
    expect(await projectCount()).toBe(projectsBefore);
    expect(await auditOf('project.import')).toHaveLength(importsBefore);
  });

  it('imports a correct sheet, exports it, and the export imports back as updates', async () => {
    const year = 2022;
    const { P1, P2, P3 } = rowsOf(year);
    const res = await upload(office, [P1, P2, P3]);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ created: 3, updated: 0 });
    const ids: Record<string, number> = {};
    for (const r of json<{ items: { id: number; code: string }[] }>(await office.get(`/api/projects?year=${year}`)).items) ids[r.code] = r.id;

    const exported = await office.get(`/api/projects/export.xlsx?year=${year}`);
    expect(exported.statusCode).toBe(200);
    const again = await office.request('POST', '/api/projects/import', exported.rawPayload, { 'content-type': XLSX_MIME });
    expect(json(again)).toEqual({ created: 0, updated: 3 });

    const p2 = json<{ plannedStart: string; category: string; unit: { code: string }; fundsAllocated: number }>(await office.get(`/api/projects/${ids[`HY-${year}-002`]}`));
    expect(p2).toMatchObject({ plannedStart: `${year}-06-01`, category: 'special_bond', unit: { code: '430421' }, fundsAllocated: 0 });

    // A unit's export holds its own projects only.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await head.get(`/api/projects/export.xlsx?year=${year}`)).rawPayload as unknown as ArrayBuffer);
    // Rows with values (the drop-downs reach further down, for the rows an office adds).
    expect(wb.worksheets[0]!.actualRowCount).toBe(3);

    const audits = await auditOf('project.import', Object.values(ids));
    expect(audits).toHaveLength(6);
    expect(audits[0]).toMatchObject({ actor_name: 'office', unit_id: home, before: null, after: { code: `HY-${year}-001`, annualPlan: 1000 } });
    expect(audits[3]!.before).toMatchObject({ code: `HY-${year}-001` });
  });

  it('creates and edits one project, audited; a duplicate code and an unknown unit name the field', async () => {
    const body = { code: 'ZH-2026-009', name: '临时项目（虚构）', category: 'key', year: 2026, unitId: other, responsibleLeader: '赵局长', plannedStart: '2026-09-01', annualPlan: 10, totalInvestment: 10, fundsAllocated: 0 };
    const res = await supervisor.post('/api/projects', body);
    expect(res.statusCode, res.body).toBe(201);
    const id = json<{ id: number }>(res).id;
    const dup = await supervisor.post('/api/projects', body);
    expectRefused(dup, 'DUPLICATE');
    expect(json<{ error: { message: string } }>(dup).error.message).toMatch(/^code:/);
    const unknown = await supervisor.post('/api/projects', { ...body, code: 'ZH-2026-010', unitId: 999999 });
    expect(unknown.statusCode).toBe(400);
    expect(json<{ error: { message: string } }>(unknown).error.message).toMatch(/^unitId:/);
    const neg = await supervisor.post('/api/projects', { ...body, code: 'ZH-2026-011', annualPlan: -1 });
    expect(json<{ error: { message: string } }>(neg).error.message).toMatch(/^body\.annualPlan:/);

    const edit = await supervisor.patch(`/api/projects/${id}`, { responsibleLeader: '钱局长' });
    expect(json(edit)).toMatchObject({ responsibleLeader: '钱局长', code: 'ZH-2026-009' });
    expect((await head.patch(`/api/projects/${id}`, { name: '改名' })).statusCode).toBe(403);
    const created = await auditOf('project.create', [id]);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actor_name: 'supervisor', entity_id: String(id), unit_id: other });
    const updated = await auditOf('project.update', [id]);
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ before: { responsibleLeader: '赵局长' }, after: { responsibleLeader: '钱局长' } });
  });

  it('carries a live-stream address (连线项目现场): an http(s) .m3u8 URL, kept by other edits, cleared by empty; audited', async () => {
    const { id, responsibleLeader } = await makeProject(t, { year: 2027, plannedStart: '2027-03-01' });
    for (const bad of ['rtsp://cam.example/live.m3u8', 'https://cam.example/live.mp4', 'not a url']) {
      const res = await supervisor.patch(`/api/projects/${id}`, { streamUrl: bad });
      expect(res.statusCode, bad).toBe(400);
      expect(json<{ error: { message: string } }>(res).error.message).toMatch(/^body\.streamUrl: .*\.m3u8/);
    }
    const url = 'https://cam.example.gov.cn/live/site-1.m3u8?token=abc';
    expect(json(await supervisor.patch(`/api/projects/${id}`, { streamUrl: url }))).toMatchObject({ id, streamUrl: url });
    expect(json(await supervisor.patch(`/api/projects/${id}`, { responsibleLeader: '孙局长' }))).toMatchObject({ streamUrl: url, responsibleLeader: '孙局长' });
    expect(json(await supervisor.get(`/api/projects/${id}`))).toMatchObject({ streamUrl: url });
    expect((await auditOf('project.update', [id])).filter((a) => a.after?.streamUrl === url && a.before?.streamUrl === null)).toHaveLength(1);
    expect(json(await supervisor.patch(`/api/projects/${id}`, { streamUrl: '', responsibleLeader }))).toMatchObject({ streamUrl: null, responsibleLeader });
  });
});

describe('monthly reports', () => {
  it("are entered by the project's own unit; another unit, the leader and a wrong start date are refused", async () => {
    const year = 2023;
    const ids = await registered(year);
    const p1 = { ...AUGUST, startedOn: `${year}-03-15` };
    const foreign = await report(otherReporter, ids['HY-001'], `${year}-08`, p1);
    expect(foreign.statusCode).toBe(403);
    expect((await report(leader, ids['HY-001'], `${year}-08`, p1)).statusCode).toBe(403);
    const late = await report(reporter, ids['HY-001'], `${year}-08`, { ...p1, startedOn: `${year}-09-01` });
    expect(late.statusCode).toBe(400);
    expect(json<{ error: { message: string } }>(late).error.message).toMatch(/^startedOn:/);
    const noDate = await report(reporter, ids['HY-001'], `${year}-08`, { ...p1, startedOn: null });
    expect(json<{ error: { message: string } }>(noDate).error.message).toMatch(/^body\.startedOn:/);
    expect((await report(reporter, ids['HY-001'], `${year + 1}-01`, p1)).statusCode).toBe(400);

    // First a wrong figure, then the head corrects it: both audited, the second with what it replaced.
    expect((await report(reporter, ids['HY-001'], `${year}-08`, { ...p1, fundsPaid: 400 })).statusCode).toBe(200);
    const ok = await report(head, ids['HY-001'], `${year}-08`, p1);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ month: `${year}-08`, fundsPaid: 420, reportedBy: expect.any(String) });

    // The other unit reports its own project; the office may report for any unit.
    expect((await report(otherReporter, ids['ZH-001'], `${year}-07`, { completedInvestment: 100, fundsInPlace: 200, fundsPaid: 50, started: true, startedOn: `${year}-05-10` })).statusCode).toBe(200);
    expect((await report(office, ids['ZH-001'], `${year}-09`, { completedInvestment: 300, fundsInPlace: 400, fundsPaid: 250, started: true, startedOn: `${year}-05-10` })).statusCode).toBe(200);

    const audits = await auditOf('project.report', Object.values(ids));
    expect(audits).toHaveLength(4);
    expect(audits[0]).toMatchObject({ actor_name: '430421-reporter', unit_id: home, before: null, after: { month: `${year}-08`, fundsPaid: 400 } });
    expect(audits[1]).toMatchObject({ actor_name: '430421-head', before: { fundsPaid: 400 }, after: { fundsPaid: 420 } });
    expect(json<{ items: unknown[] }>(await head.get(`/api/projects/${ids['HY-001']}/reports`)).items).toHaveLength(1);
    expect((await head.get(`/api/projects/${ids['ZH-001']}/reports`)).statusCode).toBe(403);
  });
});

describe('rates as of August 2021 (时序进度 8/12 = 66.67%)', () => {
  let r: RatesResponse;
  let ids: Ids;
  // The fixture these read-only checks share: 2021's projects and reports, made once.
  beforeAll(async () => {
    ids = await registered(2021);
    await reported(2021, ids);
    const res = await leader.get('/api/projects/rates?asOf=2021-08');
    expect(res.statusCode, res.body).toBe(200);
    r = json<RatesResponse>(res);
  });
  const project = (code: string) => r.projects.find((p) => p.code === code)!;
  const unit = (code: string) => r.units.find((u) => u.unit.code === code)!;

  it('states 时序进度 and the payment denominator used', () => {
    expect(r.schedule).toMatchObject({ text: '8/12 = 66.67%', basis: 'month' });
    expect(r.settings).toEqual({ paymentBasis: 'completedInvestment', paymentBasisLabel: '完成投资', progressBasis: 'month' });
    expect(r.projects.map((p) => p.code).sort()).toEqual(['HY-2021-001', 'HY-2021-002', 'ZH-2021-001']);
  });

  it('per project: 700/1000, 600/800, 420/700 and started; the September report is not counted', () => {
    const p1 = project('HY-2021-001').rates;
    expect(p1.startRate).toMatchObject({ value: 1, lagging: false });
    expect(p1.fundsInPlaceRate.value).toBe(0.75);
    expect(p1.paymentRate.value).toBeCloseTo(0.6, 12);
    expect(p1.paymentRate.lag).toBeCloseTo(0.6 - 8 / 12, 9);
    expect(p1.investmentCompletionRate.value).toBe(0.7);
    expect(project('HY-2021-001').lagging).toEqual(['paymentRate']);

    const p3 = project('ZH-2021-001');
    expect(p3.reportMonth).toBe('2021-07');
    expect(p3.rates.investmentCompletionRate.value).toBe(0.25); // 100 ÷ 400, not September's 300
    expect(p3.rates.paymentRate.value).toBe(0.5); // 50 ÷ 100

    // Nothing allocated and nothing reported: 资金到位率 and 资金支付率 are not applicable, not 0%.
    const p2 = project('HY-2021-002');
    expect(p2.reportMonth).toBeNull();
    expect(p2.rates.fundsInPlaceRate).toMatchObject({ value: null, lag: null, lagging: false });
    expect(p2.rates.paymentRate).toMatchObject({ value: null, lagging: false });
    expect(p2.rates.startRate).toMatchObject({ value: 0, lagging: true });
    expect(p2.lagging).toEqual(['startRate', 'investmentCompletionRate']);
  });

  it('per unit and overall: sums, not means', () => {
    const hy = unit('430421').rates;
    expect(hy.startRate).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(hy.investmentCompletionRate.value).toBeCloseTo(700 / 1500, 12);
    expect(unit('ZH01').rates.fundsInPlaceRate).toMatchObject({ value: 0.5, lagging: true });

    const all = r.overall.rates;
    expect(r.overall.projectCount).toBe(3);
    expect(all.startRate.value).toBeCloseTo(2 / 3, 12);
    expect(all.fundsInPlaceRate).toMatchObject({ numerator: 800, denominator: 1200 });
    expect(all.paymentRate).toMatchObject({ value: 470 / 800, numerator: 470, denominator: 800, lagging: true });
    expect(all.investmentCompletionRate.value).toBeCloseTo(800 / 1900, 12);
    expect(all.investmentCompletionRate.lag).toBeCloseTo(800 / 1900 - 8 / 12, 9);
  });

  it('a unit sees its own projects and totals, never another unit’s', async () => {
    const own = json<RatesResponse>(await head.get('/api/projects/rates?asOf=2021-08'));
    expect(own.scope).toBe('unit');
    expect(own.projects.map((p) => p.code).sort()).toEqual(['HY-2021-001', 'HY-2021-002']);
    expect(own.overall.rates.startRate.value).toBe(0.5);
    expect((await head.get(`/api/projects/rates?asOf=2021-08&unitId=${other}`)).statusCode).toBe(403);
    expect((await head.get(`/api/projects/${ids['ZH-001']}`)).statusCode).toBe(403);
  });

  it('the payment denominator is a setting: on funds allocated 470 ÷ 1200; audited', async () => {
    const put = await office.request('PUT', '/api/projects/settings', { paymentBasis: 'allocated', progressBasis: 'month' });
    try {
      expect(json(put)).toMatchObject({ paymentBasis: 'allocated', paymentBasisLabel: '下达资金' });
      const res = json<RatesResponse>(await leader.get('/api/projects/rates?asOf=2021-08'));
      expect(res.settings.paymentBasisLabel).toBe('下达资金');
      expect(res.overall.rates.paymentRate).toMatchObject({ numerator: 470, denominator: 1200 });
      expect(res.overall.rates.paymentRate.explanation.rule).toBe('资金支付率 = 已支付资金 ÷ 下达资金');
      const audit = (await auditOf('project.settings')).at(-1);
      expect(audit).toMatchObject({ actor_name: 'office', before: { paymentBasis: 'completedInvestment' }, after: { paymentBasis: 'allocated' } });
    } finally {
      await office.request('PUT', '/api/projects/settings', { paymentBasis: 'completedInvestment', progressBasis: 'month' });
    }
  });

  it("gives one unit's rate as an indicator takes it", async () => {
    const res = await leader.get(`/api/projects/unit-rate?unitId=${home}&rate=investmentCompletionRate&asOf=2021-08`);
    expect(res.statusCode, res.body).toBe(200);
    const body = json<{ percent: number; value: number; lagging: boolean; projectCount: number }>(res);
    expect(body.percent).toBeCloseTo((700 / 1500) * 100, 9);
    expect(body).toMatchObject({ projectCount: 2, lagging: true });
    const none = json<{ percent: number | null; value: number | null }>(await leader.get(`/api/projects/unit-rate?unitId=${home}&rate=startRate&asOf=2021-02`));
    expect(none).toMatchObject({ percent: null, value: null });
    expect((await reporter.get(`/api/projects/unit-rate?unitId=${other}&rate=startRate&asOf=2021-08`)).statusCode).toBe(403);
  });
});

describe('one step from a lagging project to a supervised task', () => {
  it('registers a key-work task led by the project’s unit, with its leader, linked back by the code', async () => {
    const year = 2024;
    const ids = await registered(year);
    await reported(year, ids);
    const id = ids['HY-001'];
    expect((await office.post(`/api/projects/${id}/task`, { deadline: '2099-06-30' })).statusCode).toBe(403);
    const res = await supervisor.post(`/api/projects/${id}/task`, { deadline: '2099-06-30', asOf: `${year}-08` });
    expect(res.statusCode, res.body).toBe(201);
    const task = json<{ id: number; title: string; description: string; source: string; originRef: string; leadUnit: { id: number }; responsibleLeader: string; deadline: string; status: string }>(res);
    expect(task).toMatchObject({ source: 'key_work', originRef: `HY-${year}-001`, leadUnit: { id: home }, responsibleLeader: '张副县长', deadline: '2099-06-30', status: 'draft' });
    expect(task.title).toContain('资金支付率落后于时序进度');
    expect(task.description).toContain('资金支付率 60%，落后 6.67%');

    // The task is the tasks module's own: the unit sees it in its list, and the project links to it.
    expect(json<{ id: number }>(await supervisor.get(`/api/tasks/${task.id}`)).id).toBe(task.id);
    const project = json<{ tasks: { id: number; status: string }[] }>(await head.get(`/api/projects/${id}`));
    expect(project.tasks).toEqual([expect.objectContaining({ id: task.id, status: 'draft' })]);

    // Once is enough while the task is open.
    expectRefused(await supervisor.post(`/api/projects/${id}/task`, { deadline: '2099-06-30' }), 'DUPLICATE');
    const bad = await supervisor.post(`/api/projects/${ids['HY-002']}/task`, { deadline: '2000-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { message: string } }>(bad).error.message).toMatch(/^body\.deadline:/);

    const [audit] = await t.db.query<{ actor_name: string; entity_id: string; unit_id: number; after: object }>(
      "select actor_name, entity_id, unit_id, after from audit_log where action = 'task.create' and entity_id = $1",
      [String(task.id)],
    );
    expect(audit).toMatchObject({ actor_name: 'supervisor', entity_id: String(task.id), unit_id: home, after: { originRef: `HY-${year}-001`, source: 'key_work' } });
  });

  it('a project never reported still becomes a task, saying so', async () => {
    const ids = await registered(2025);
    const res = await supervisor.post(`/api/projects/${ids['HY-002']}/task`, { deadline: '2099-06-30', title: '城乡供水一体化项目开工督办' });
    expect(res.statusCode, res.body).toBe(201);
    expect(json<{ title: string; description: string; responsibleLeader: string }>(res)).toMatchObject({ title: '城乡供水一体化项目开工督办', responsibleLeader: '李副县长', description: expect.stringContaining('尚无月度报送') });
  });
});

describe('the audit chain', () => {
  it('still verifies after every project write', async () => {
    const admin = await login(t.app, 'admin');
    const res = await admin.get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(json<{ ok: boolean }>(res).ok).toBe(true);
  });
});
