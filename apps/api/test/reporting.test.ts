import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, expectRefused, login, publishWithOpenPeriods, type TestApp, unitId } from './helpers.js';
import { checksScheme } from './fixtures/small-scheme.js';
import { makeScheme, makeUser, makeValue, type MadeScheme } from './factories.js';

interface Row {
  indicator: { id: number; code: string };
  valueId: number | null;
  value: number | null;
  events: unknown[] | null;
  lastYear: number | null;
  limits: { min: number; max: number; decimals: number | null } | null;
  status: string;
  returnReason: string | null;
  canEdit: boolean;
}
interface Grid {
  period: { id: number; status: string };
  rows: Row[];
}
type Err = { error: { code: string; message: string; details?: unknown } };

let t: TestApp;
let office: Client;
let reporter: Client;
let head: Client;
let hy: number;
let periodId: (key: string) => Promise<number>;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

beforeAll(async () => {
  t = await buildTestApp();
  office = await login(t.app, 'office');
  reporter = await login(t.app, '430421-reporter');
  head = await login(t.app, '430421-head');
  hy = await unitId(t.db, '430421');
});
afterAll(async () => t.close());

const grid = async (c: Client, key: string) => (await c.get(`/api/data?unitId=${hy}&periodId=${await periodId(key)}`)).json() as Grid;
const row = (g: Grid, code: string) => g.rows.find((r) => r.indicator.code === code)!;

describe('reporting data through the approval chain', () => {
  // Each test enters its data in a scheme of its own, published with January, February and the first quarter open.
  let scheme: MadeScheme;
  beforeEach(async () => {
    scheme = await makeScheme(t, {}, { open: ['2021-01', '2021-02', '2021-Q1'] });
    periodId = async (key) => scheme.period[key]!;
  });

  /** 衡阳县's January E2 approved at 11.8, the period then closed and locked. */
  const lockedJanuary = async () => {
    await makeValue(t, scheme, { unitCode: '430421', period: '2021-01', indicator: 'E2', value: 11.8 });
    const jan = await periodId('2021-01');
    expectRefused(await office.patch(`/api/periods/${jan}`, { status: 'locked' }), 'TRANSITION_NOT_ALLOWED');
    expect((await office.patch(`/api/periods/${jan}`, { status: 'closed' })).statusCode).toBe(200);
    expect((await office.patch(`/api/periods/${jan}`, { status: 'locked' })).statusCode).toBe(200);
    return jan;
  };
  /** A February value of E2 entered and saved, not yet submitted. */
  const februaryDraft = async (value: number) => {
    const feb = await periodId('2021-02');
    const e2 = row(await grid(reporter, '2021-02'), 'E2').indicator.id;
    expect((await reporter.request('PUT', '/api/data', { unitId: hy, periodId: feb, values: [{ indicatorId: e2, value }] })).statusCode).toBe(200);
  };

  it('reporter enters, head submits, office returns with a reason, it is fixed and approved — every step audited', async () => {
    const jan = await periodId('2021-01');
    const g = await grid(reporter, '2021-01');
    expect(g.rows.map((r) => r.indicator.code)).toEqual(['E2']);
    const e2 = row(g, 'E2').indicator.id;

    const saved = await reporter.request('PUT', '/api/data', { unitId: hy, periodId: jan, values: [{ indicatorId: e2, value: 12.5, note: '演示数据' }] });
    expect(saved.statusCode).toBe(200);
    expect(row(saved.json() as Grid, 'E2')).toMatchObject({ value: 12.5, status: 'draft', canEdit: true });

    expect((await reporter.post('/api/data/submit', { unitId: hy, periodId: jan })).statusCode).toBe(403);
    expect(row((await head.post('/api/data/submit', { unitId: hy, periodId: jan })).json() as Grid, 'E2').status).toBe('submitted');
    const locked = await reporter.request('PUT', '/api/data', { unitId: hy, periodId: jan, values: [{ indicatorId: e2, value: 13 }] });
    expectRefused(locked, 'FROZEN');

    const noReason = await office.post('/api/data/review', { unitId: hy, periodId: jan, decision: 'return' });
    expect(noReason.statusCode).toBe(400);
    expect((noReason.json() as Err).error.message).toContain('reason');
    const returned = (await office.post('/api/data/review', { unitId: hy, periodId: jan, decision: 'return', reason: '数值与统计口径不符，请核实' })).json() as Grid;
    expect(row(returned, 'E2')).toMatchObject({ status: 'returned', returnReason: '数值与统计口径不符，请核实' });

    const reporterView = row(await grid(reporter, '2021-01'), 'E2');
    expect(reporterView).toMatchObject({ status: 'returned', returnReason: '数值与统计口径不符，请核实', canEdit: true });
    await reporter.request('PUT', '/api/data', { unitId: hy, periodId: jan, values: [{ indicatorId: e2, value: 11.8, note: '已按统计口径更正' }] });
    await head.post('/api/data/submit', { unitId: hy, periodId: jan });
    const approved = (await office.post('/api/data/review', { unitId: hy, periodId: jan, decision: 'approve' })).json() as Grid;
    expect(row(approved, 'E2')).toMatchObject({ status: 'approved', value: 11.8 });

    const audit = (await office.get(`/api/audit?unitId=${hy}&entity=data_value&pageSize=200`)).json() as { items: { action: string; entityId: string | null }[] };
    const ofValue = audit.items.filter((a) => a.entityId === String(row(approved, 'E2').valueId));
    expect(ofValue.map((a) => a.action).reverse()).toEqual(['data.save', 'data.return', 'data.save', 'data.approve']);
  });

  it('lets the data-source unit enter the indicator it supplies, for every unit, and nobody else', async () => {
    const source = await (await makeUser(t, { displayName: '统计局数据员（演示）', role: 'datasource', unitId: await unitId(t.db, 'ZH11') })).login();
    const q1 = await periodId('2021-Q1');
    const before = row(await grid(reporter, '2021-Q1'), 'E1');
    expect(before.canEdit).toBe(false);
    const e1 = before.indicator.id;
    expect((await reporter.request('PUT', '/api/data', { unitId: hy, periodId: q1, values: [{ indicatorId: e1, value: 7 }] })).statusCode).toBe(403);
    const saved = await source.request('PUT', '/api/data', { unitId: hy, periodId: q1, values: [{ indicatorId: e1, value: 7.9 }] });
    expect(row(saved.json() as Grid, 'E1')).toMatchObject({ value: 7.9, status: 'submitted' });
    const ok = (await source.post('/api/data/review', { unitId: hy, periodId: q1, decision: 'approve' })).json() as Grid;
    expect(row(ok, 'E1').status).toBe('approved');
  });

  it('keeps a unit out of another unit’s data', async () => {
    const other = await login(t.app, '430422-reporter');
    const res = await other.get(`/api/data?unitId=${hy}&periodId=${await periodId('2021-01')}`);
    expect(res.statusCode).toBe(403);
  });

  it('refuses entry in a closed period, and after the lock changes a value only through an approved correction', async () => {
    const jan = await lockedJanuary();
    const g = await grid(reporter, '2021-01');
    const e2 = row(g, 'E2');
    expect(e2.canEdit).toBe(false);
    expectRefused(await reporter.request('PUT', '/api/data', { unitId: hy, periodId: jan, values: [{ indicatorId: e2.indicator.id, value: 1 }] }), 'PERIOD_LOCKED');
    const asked = await reporter.post(`/api/values/${e2.valueId}/corrections`, { value: 12.1, reason: '统计局年报修订（演示）' });
    expect(asked.statusCode).toBe(201);
    const { id } = asked.json() as { id: number };
    expect((await head.post(`/api/corrections/${id}/decide`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await office.post(`/api/corrections/${id}/decide`, { decision: 'approve', note: '同意' })).json()).toMatchObject({ status: 'approved' });
    expect(row(await grid(reporter, '2021-01'), 'E2').value).toBe(12.1);
    const audit = (await office.get('/api/audit?action=correction.approve')).json() as { items: { before: { value: number }; after: { value: number } }[] };
    expect(audit.items[0]).toMatchObject({ before: { value: 11.8 }, after: { value: 12.1 } });
  });

  it('takes evidence files of allowed types and sizes only', async () => {
    const feb = await periodId('2021-02');
    const g = (await reporter.request('PUT', '/api/data', { unitId: hy, periodId: feb, values: [{ indicatorId: row(await grid(reporter, '2021-02'), 'E2').indicator.id, value: 3 }] })).json() as Grid;
    const valueId = row(g, 'E2').valueId!;
    const up = await reporter.request('POST', `/api/values/${valueId}/evidence`, PNG, { 'content-type': 'image/png', 'x-filename': encodeURIComponent('现场照片.png') });
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ filename: '现场照片.png', mime: 'image/png', size: PNG.length });
    const fake = await reporter.request('POST', `/api/values/${valueId}/evidence`, Buffer.from('MZ not a png'), { 'content-type': 'image/png' });
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.message).toContain('文件内容不是 PNG');
    const exe = await reporter.request('POST', `/api/values/${valueId}/evidence`, Buffer.from('MZ'), { 'content-type': 'application/x-msdownload' });
    expect(exe.statusCode).toBe(415);
    const list = (await office.get(`/api/values/${valueId}/evidence`)).json() as { items: { id: number }[] };
    const file = await office.get(`/api/evidence/${list.items[0]!.id}`);
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect(file.headers['cache-control']).toBe('no-store');
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('现场照片.png')}`);
    // One store for every upload: the same photo again is kept once, by its SHA-256, beside the ledger's files.
    const again = await reporter.request('POST', `/api/values/${valueId}/evidence`, PNG, { 'content-type': 'image/png', 'x-filename': encodeURIComponent('现场照片2.png') });
    expect(again.statusCode).toBe(201);
    const sha = (up.json() as { sha256: string }).sha256;
    expect(await t.db.query('select sha256 from stored_files where sha256 = $1', [sha])).toHaveLength(1);
    expect(await t.db.query('select id from evidence_files where sha256 = $1', [sha])).toHaveLength(2);
    expect(row(await grid(reporter, '2021-02'), 'E2')).toMatchObject({ value: 3 });
  });

  it('round-trips the Excel template, and imports nothing when a row is wrong', async () => {
    await februaryDraft(3);
    const feb = await periodId('2021-02');
    const tpl = (await reporter.get(`/api/data/template.xlsx?unitId=${hy}&periodId=${feb}`)).rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('指标代码');
    ws.getRow(2).getCell(5).value = 'abc';
    const bad = await reporter.request('POST', `/api/data/import?unitId=${hy}&periodId=${feb}`, Buffer.from(await wb.xlsx.writeBuffer()), {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as Err).error.details).toEqual([{ row: 2, column: '填报值', message: '“abc”不是数字' }]);
    expect(row(await grid(reporter, '2021-02'), 'E2').value).toBe(3);
    ws.getRow(2).getCell(5).value = 4.25;
    const good = await reporter.request('POST', `/api/data/import?unitId=${hy}&periodId=${feb}`, Buffer.from(await wb.xlsx.writeBuffer()), {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(good.statusCode).toBe(200);
    expect(row(await grid(reporter, '2021-02'), 'E2').value).toBe(4.25);
  });

  it('shows a unit what is due and what is overdue', async () => {
    // January's only monthly indicator approved, February's entered but not submitted.
    await makeValue(t, scheme, { unitCode: '430421', period: '2021-01', indicator: 'E2', value: 11.8 });
    await februaryDraft(4.25);
    const due = (await reporter.get('/api/data/due')).json() as { items: { schemeId: number; periodLabel: string; overdue: boolean; drafts: number }[] };
    due.items = due.items.filter((d) => d.schemeId === scheme.id);
    expect(due.items).toContainEqual(expect.objectContaining({ periodLabel: '2021年2月', overdue: true, drafts: 1 }));
    expect(due.items.some((d) => d.periodLabel === '2021年1月')).toBe(false);
  });

  it('lists the unit-periods awaiting review and the corrections awaiting a decision', async () => {
    type QueueItem = { unitCode: string; periodKey: string; submitted: number; submittedAt: string | null };
    const jan = await lockedJanuary();
    const first = (await reporter.post(`/api/values/${row(await grid(reporter, '2021-01'), 'E2').valueId}/corrections`, { value: 12.1, reason: '统计局年报修订（演示）' })).json() as { id: number };
    expect((await office.post(`/api/corrections/${first.id}/decide`, { decision: 'approve', note: '同意' })).statusCode).toBe(200);
    await februaryDraft(4.25);
    const feb = await periodId('2021-02');
    expect((await head.post('/api/data/submit', { unitId: hy, periodId: feb })).statusCode).toBe(200);
    const queue = (await office.get(`/api/data/review-queue?periodId=${feb}`)).json() as { items: QueueItem[] };
    expect(queue.items).toEqual([expect.objectContaining({ unitCode: '430421', periodKey: '2021-02', submitted: 1 })]);
    expect(queue.items[0]!.submittedAt).not.toBeNull();
    expect((await reporter.get('/api/data/review-queue')).statusCode).toBe(403);
    const source = await (await makeUser(t, { role: 'datasource', unitId: await unitId(t.db, 'ZH11') })).login();
    const sourced = (await source.get('/api/data/review-queue')).json() as { items: QueueItem[] };
    expect(sourced.items.some((i) => i.periodKey === '2021-02')).toBe(false);
    await office.post('/api/data/review', { unitId: hy, periodId: feb, decision: 'approve' });
    expect(((await office.get(`/api/data/review-queue?periodId=${feb}`)).json() as { items: QueueItem[] }).items).toEqual([]);

    const e2 = row(await grid(reporter, '2021-01'), 'E2');
    const asked = (await reporter.post(`/api/values/${e2.valueId}/corrections`, { value: 12.3, reason: '复核后更正（演示）' })).json() as { id: number };
    const pending = (await office.get('/api/corrections')).json() as { items: { id: number; periodId: number; unitCode: string; indicatorCode: string; current: { value: number }; proposed: { value: number } }[] };
    pending.items = pending.items.filter((c) => c.periodId === jan);
    expect(pending.items).toEqual([expect.objectContaining({ id: asked.id, unitCode: '430421', indicatorCode: 'E2', current: expect.objectContaining({ value: 12.1 }), proposed: expect.objectContaining({ value: 12.3 }) })]);
    const decided = (await office.get('/api/corrections?status=approved')).json() as { items: { periodId: number; reason: string }[] };
    decided.items = decided.items.filter((c) => c.periodId === jan);
    expect(decided.items.map((c) => c.reason)).toEqual(['统计局年报修订（演示）']);
    expect((await reporter.get('/api/corrections')).statusCode).toBe(403);
  });
});

describe("what a unit may enter: each indicator's limits and the shapes of its events", () => {
  type Problem = { unitCode: string; indicatorCode: string; period: string; value: string; reason: string };
  let c: Awaited<ReturnType<typeof publishWithOpenPeriods>>;
  let source: Client;
  const XLSX = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  beforeAll(async () => {
    c = await publishWithOpenPeriods(office, t.db, checksScheme(), ['2021-01', '2021-02', '2021-03', '2021-04']);
    const admin = await login(t.app, 'admin');
    await admin.post('/api/users', { username: 'checks-tjj', displayName: '统计局数据员（演示）', role: 'datasource', unitId: await unitId(t.db, 'ZH11'), password: 'kaoping-demo' });
    source = await login(t.app, 'checks-tjj');
  });
  const at = (key: string) => ({ unitId: hy, periodId: c.period[key]! });
  const save = (client: Client, key: string, values: object[]) => client.request('PUT', '/api/data', { ...at(key), values });
  const gridOf = async (client: Client, key: string) => (await client.get(`/api/data?unitId=${hy}&periodId=${c.period[key]}`)).json() as Grid;
  const cell = (code: string, entry: object) => ({ indicatorId: c.indicator[code], ...entry });
  const problems = (res: { json(): unknown }) => (res.json() as Err).error.details as Problem[];

  it('refuses 1e308 and a negative or fractional count, naming the unit, indicator, period, value and what is allowed', async () => {
    const huge = await save(reporter, '2021-01', [cell('N2', { value: 1e308 })]);
    expect(huge.statusCode).toBe(400);
    const message = (huge.json() as Err).error.message;
    for (const part of ['衡阳县（430421）', 'N2 招商引资到位资金', '2021年1月', '1e+308', '超出允许范围', '允许 -1,000,000,000,000,000 至 1,000,000,000,000,000']) expect(message).toContain(part);
    expect(problems(huge)).toEqual([{ unitCode: '430421', unitName: '衡阳县', indicatorCode: 'N2', indicatorName: '招商引资到位资金', period: '2021年1月', value: '1e+308', reason: expect.stringContaining('超出允许范围') }]);

    // 新增市场主体 is counted in 个: a whole number, not below 0.
    const negative = await save(reporter, '2021-01', [cell('N1', { value: -5 })]);
    expect(negative.statusCode).toBe(400);
    expect((negative.json() as Err).error.message).toContain('新增市场主体 · 2021年1月：-5 计数不能为负数');
    expect((negative.json() as Err).error.message).toContain('允许 0 至 1,000,000,000,000,000 的整数');
    const fraction = await save(reporter, '2021-01', [cell('N1', { value: 2.5 })]);
    expect((fraction.json() as Err).error.message).toContain('2.5 须为整数');
    // All or none: a good cell beside a wrong one is not saved either, and both problems are listed.
    const both = await save(reporter, '2021-01', [cell('N2', { value: 3 }), cell('N1', { value: -1 }), cell('N2', { value: Number.MAX_VALUE })]);
    expect(problems(both).map((p) => p.indicatorCode)).toEqual(['N1', 'N2']);
    const g = await gridOf(reporter, '2021-01');
    expect(row(g, 'N1')).toMatchObject({ value: null, status: 'empty', limits: { min: 0, max: 1e15, decimals: 0 } });
    expect(row(g, 'N2')).toMatchObject({ value: null, limits: { min: -1e15, max: 1e15, decimals: null } });
    expect((await save(reporter, '2021-01', [cell('N1', { value: 12 }), cell('N2', { value: 4.5 })])).statusCode).toBe(200);
  });

  it('refuses events of a wrong shape or an unknown kind, at entry and at import, naming what is allowed', async () => {
    const shaped = await save(reporter, '2021-01', [cell('S1', { events: [{ type: 'criticism', n: 2 }] })]);
    expect(shaped.statusCode).toBe(400);
    const message = (shaped.json() as Err).error.message;
    for (const part of ['衡阳县（430421）· S1 安全生产 · 2021年1月', '{"type":"criticism","n":2}', '未知字段 type、n', '事项代码可选：major-accident（较大安全事故）、criticism（上级通报批评）']) {
      expect(message).toContain(part);
    }
    const unknown = await save(reporter, '2021-01', [cell('S1', { events: [{ kind: 'littering', count: 1 }] })]);
    expect((unknown.json() as Err).error.message).toContain('未知的扣分事项「littering」');
    expect((await save(reporter, '2021-01', [cell('S1', { value: 3 })])).statusCode).toBe(400);
    expect((await save(reporter, '2021-01', [cell('N1', { events: [{ kind: 'criticism' }] })])).statusCode).toBe(400);
    expect((await save(reporter, '2021-01', [cell('X', { events: [{ item: '全国文明城市', level: 'galaxy' }] })])).statusCode).toBe(400);
    expect(row(await gridOf(reporter, '2021-01'), 'S1').events).toBeNull();
    const ok = await save(reporter, '2021-01', [cell('S1', { events: [{ kind: 'criticism', count: 2, note: '省政府通报（演示）' }] })]);
    expect(ok.statusCode).toBe(200);
    expect(row(ok.json() as Grid, 'S1').events).toEqual([{ kind: 'criticism', count: 2, note: '省政府通报（演示）' }]);

    // The Excel template carries the events in one column: 本期无事项, or the events as JSON.
    const tpl = (await reporter.get(`/api/data/template.xlsx?unitId=${hy}&periodId=${c.period['2021-02']}`)).rawPayload;
    const upload = async (edit: (get: (code: string, header: string) => ExcelJS.Cell) => void) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(tpl as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const headers = (ws.getRow(1).values as string[]).slice(1);
      const codes = ws.getColumn(1).values as string[];
      edit((code, header) => ws.getRow(codes.indexOf(code)).getCell(headers.indexOf(header) + 1));
      return reporter.request('POST', `/api/data/import?unitId=${hy}&periodId=${c.period['2021-02']}`, Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    };
    const EVENTS = '事项（扣分/加分/否决）';
    const badShape = await upload((get) => (get('S1', EVENTS).value = '[{"type":"criticism","n":2}]'));
    expect(badShape.statusCode).toBe(422);
    const rows = (badShape.json() as Err).error.details as { row: number; column: string; message: string }[];
    expect(rows).toEqual([{ row: 4, column: EVENTS, message: expect.stringContaining('衡阳县（430421）· S1 安全生产 · 2021年2月') }]);
    expect(rows[0]!.message).toContain('未知字段 type、n');
    const badKind = await upload((get) => (get('S1', EVENTS).value = '[{"kind":"littering"}]'));
    expect(((badKind.json() as Err).error.details as { message: string }[])[0]!.message).toContain('未知的扣分事项「littering」');
    const badCount = await upload((get) => (get('N1', '填报值').value = -5));
    expect(((badCount.json() as Err).error.details as { message: string }[])[0]!.message).toContain('-5 计数不能为负数');
    const notJson = await upload((get) => (get('S1', EVENTS).value = 'criticism x2'));
    expect(((notJson.json() as Err).error.details as { message: string }[])[0]!.message).toContain('本期无事项');
    expect(row(await gridOf(reporter, '2021-02'), 'S1')).toMatchObject({ events: null, status: 'empty' });
    const none = await upload((get) => {
      get('S1', EVENTS).value = '本期无事项';
      get('N1', '填报值').value = 8;
    });
    expect(none.statusCode).toBe(200);
    expect(row(none.json() as Grid, 'S1')).toMatchObject({ events: [], status: 'draft' });
    expect(row(none.json() as Grid, 'N1')).toMatchObject({ value: 8 });
  });

  it('describes the event shapes, with examples, in the OpenAPI document', async () => {
    type Schema = { title?: string; examples?: unknown[]; anyOf?: Schema[]; properties?: Record<string, Schema>; items?: Schema; required?: string[] };
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: Schema }> } }>> };
    const body = doc.paths['/api/data']!.put!.requestBody.content['application/json']!.schema;
    // OpenAPI 3.1: a nullable list is `anyOf: [array, null]`.
    const events = body.properties!.values!.items!.properties!.events!;
    const list = events.items ? events : events.anyOf!.find((x) => x.items)!;
    const shapes = list.items!.anyOf!;
    expect(shapes.map((x) => [x.title, x.required])).toEqual([
      ['DeductEvent', ['kind']],
      ['BonusEvent', ['item']],
      ['VetoEvent', ['reason']],
    ]);
    expect(shapes[0]!.examples).toContainEqual({ kind: 'criticism', count: 2, note: '省政府通报批评 2 次' });
    expect(shapes.every((x) => (x.examples?.length ?? 0) > 0)).toBe(true);
  });

  it('starts event rows with nothing recorded, and one step confirms 本期无事项 so the head can submit', async () => {
    const apr = at('2021-04');
    await save(reporter, '2021-04', [cell('N1', { value: 20 }), cell('N2', { value: 6 })]);
    const g = await gridOf(head, '2021-04');
    expect(['S1', 'X'].map((code) => row(g, code).events)).toEqual([null, null]);
    const blocked = await head.post('/api/data/submit', apr);
    expectRefused(blocked, 'INCOMPLETE');
    expect((blocked.json() as Err).error.message).toContain('S1 安全生产');
    expect((blocked.json() as Err).error.message).toContain('本期无事项');

    expect((await reporter.post('/api/data/no-events', { ...apr, indicatorIds: [c.indicator.N1] })).statusCode).toBe(400);
    expect((await (await login(t.app, '430422-reporter')).post('/api/data/no-events', apr)).statusCode).toBe(403);
    const confirmed = await reporter.post('/api/data/no-events', apr);
    expect(confirmed.statusCode).toBe(200);
    const after = confirmed.json() as Grid;
    expect(['S1', 'X'].map((code) => [row(after, code).events, row(after, code).status])).toEqual([
      [[], 'draft'],
      [[], 'draft'],
    ]);
    expect(row(after, 'N1').value).toBe(20);
    // Nothing left to confirm.
    expectRefused(await reporter.post('/api/data/no-events', apr), 'NOTHING_TO_DO');
    expect((await head.post('/api/data/submit', apr)).statusCode).toBe(200);
    const audit = (await office.get(`/api/audit?unitId=${hy}&entity=data_value&action=data.save`)).json() as { items: { after: { events: unknown; indicator: string; period: string } }[] };
    expect(audit.items.filter((a) => a.after.period === '2021-04' && a.after.indicator === 'S1').map((a) => a.after.events)).toEqual([[]]);
  });

  it('lets the office return an approved value while its period is open, with a reason, audited; after that only a checked correction', async () => {
    const mar = at('2021-03');
    await save(reporter, '2021-03', [cell('N1', { value: 10 }), cell('N2', { value: 5 })]);
    await reporter.post('/api/data/no-events', mar);
    await head.post('/api/data/submit', mar);
    await office.post('/api/data/review', { ...mar, decision: 'approve' });
    const n1 = row(await gridOf(office, '2021-03'), 'N1');
    expect(n1.status).toBe('approved');

    expect((await head.post(`/api/values/${n1.valueId}/return`, { reason: '请核实' })).statusCode).toBe(403);
    expect((await office.post(`/api/values/${n1.valueId}/return`, { reason: '  ' })).statusCode).toBe(400);
    const returned = await office.post(`/api/values/${n1.valueId}/return`, { reason: '与市场监管局登记数不符，请核实（演示）' });
    expect(returned.statusCode).toBe(200);
    expect(row(returned.json() as Grid, 'N1')).toMatchObject({ status: 'returned', returnReason: '与市场监管局登记数不符，请核实（演示）' });
    expect(row(returned.json() as Grid, 'N2').status).toBe('approved');
    expectRefused(await office.post(`/api/values/${n1.valueId}/return`, { reason: '再退一次' }), 'TRANSITION_NOT_ALLOWED');
    const audit = (await office.get(`/api/audit?unitId=${hy}&entity=data_value&action=data.return`)).json() as { items: { entityId: string; before: { status: string }; after: { reason: string } }[] };
    expect(audit.items[0]).toMatchObject({ entityId: String(n1.valueId), before: { status: 'approved' }, after: { reason: '与市场监管局登记数不符，请核实（演示）' } });
    expect(row(await gridOf(reporter, '2021-03'), 'N1')).toMatchObject({ status: 'returned', canEdit: true });

    // The unit fixes it; once the period is closed the office can no longer return it, and a correction is checked like entry.
    await save(reporter, '2021-03', [cell('N1', { value: 11 })]);
    await head.post('/api/data/submit', mar);
    await office.post('/api/data/review', { ...mar, decision: 'approve' });
    await office.patch(`/api/periods/${c.period['2021-03']}`, { status: 'closed' });
    expectRefused(await office.post(`/api/values/${n1.valueId}/return`, { reason: '已关闭' }), 'PERIOD_CLOSED');
    const wrong = await reporter.post(`/api/values/${n1.valueId}/corrections`, { value: -5, reason: '更正（演示）' });
    expect(wrong.statusCode).toBe(400);
    expect((wrong.json() as Err).error.message).toContain('衡阳县（430421）· N1 新增市场主体 · 2021年3月：-5 计数不能为负数');
    const n2 = row(await gridOf(reporter, '2021-03'), 'N2');
    expect((await reporter.post(`/api/values/${n2.valueId}/corrections`, { value: 1e308, reason: '更正（演示）' })).statusCode).toBe(400);
    expect((await reporter.post(`/api/values/${n1.valueId}/corrections`, { value: 12, reason: '更正（演示）' })).statusCode).toBe(201);
  });

  it("takes last year's value from the scheme or the data-source unit, within the indicator's limits", async () => {
    const hn = await unitId(t.db, '430422');
    const url = `/api/schemes/${c.schemeId}/indicators/G1/last-year`;
    type Table = { canEdit: boolean; indicator: { readsLastYear: boolean }; items: { unitId: number; unitCode: string; value: number | null; source: string | null }[] };
    const table = (await office.get(url)).json() as Table;
    expect(table.indicator.readsLastYear).toBe(true);
    expect(table.items).toHaveLength(7);
    expect(table.items.find((i) => i.unitCode === '430421')).toMatchObject({ value: 20, source: 'scheme' });
    expect(table.items.find((i) => i.unitCode === '430422')).toMatchObject({ value: null, source: null });
    expect((await reporter.get(url)).statusCode).toBe(403);
    expect((await reporter.request('PUT', url, { values: [{ unitId: hn, value: 18 }] })).statusCode).toBe(403);

    expect(((await source.request('PUT', url, { values: [{ unitId: hn, value: 18.5 }] })).json() as Table).items.find((i) => i.unitId === hn)).toMatchObject({ value: 18.5, source: 'entered' });
    const fixed = await source.request('PUT', url, { values: [{ unitId: hy, value: 21 }] });
    expect(fixed.statusCode).toBe(400);
    expect((fixed.json() as Err).error.message).toContain('衡阳县（430421）· G1 一般公共预算收入增长 · 上年值：上年值由考核方案给定');
    const huge = await source.request('PUT', url, { values: [{ unitId: hn, value: 1e308 }] });
    expect((huge.json() as Err).error.message).toContain('衡南县（430422）· G1 一般公共预算收入增长 · 上年值：1e+308 超出允许范围');

    // Excel: fill 衡山县's value and upload.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await source.get(`${url}.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const r = (ws.getColumn(1).values as string[]).indexOf('430423');
    ws.getRow(r).getCell(3).value = 12.25;
    const imported = await source.request('POST', `${url}/import`, Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    expect(imported.statusCode, imported.body).toBe(200);
    expect((imported.json() as Table).items.find((i) => i.unitCode === '430423')).toMatchObject({ value: 12.25, source: 'entered' });
    const audit = (await office.get('/api/audit?action=last_year.save')).json() as { total: number };
    expect(audit.total).toBe(2);
    // The unit reads its last year's value beside the target.
    const grid = (await (await login(t.app, '430422-reporter')).get(`/api/data?unitId=${hn}&periodId=${c.period['2021-01']}`)).json() as Grid;
    expect(row(grid, 'G1').lastYear).toBe(18.5);
  });
});
