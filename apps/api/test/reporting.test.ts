import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, unitId, type Client, type TestApp } from './helpers.js';
import { smallScheme } from './fixtures/small-scheme.js';

interface Row {
  indicator: { id: number; code: string };
  valueId: number | null;
  value: number | null;
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
  const scheme = (await office.post('/api/schemes', smallScheme())).json() as { id: number };
  expect((await office.post(`/api/schemes/${scheme.id}/publish`)).statusCode).toBe(200);
  const periods = ((await office.get(`/api/schemes/${scheme.id}/periods`)).json() as { items: { id: number; key: string }[] }).items;
  periodId = async (key) => periods.find((p) => p.key === key)!.id;
  for (const key of ['2021-01', '2021-02', '2021-Q1']) expect((await office.patch(`/api/periods/${await periodId(key)}`, { status: 'open' })).statusCode).toBe(200);
});
afterAll(async () => t.close());

const grid = async (c: Client, key: string) => (await c.get(`/api/data?unitId=${hy}&periodId=${await periodId(key)}`)).json() as Grid;
const row = (g: Grid, code: string) => g.rows.find((r) => r.indicator.code === code)!;

describe('reporting data through the approval chain', () => {
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
    expect(locked.statusCode).toBe(409);

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

    const audit = (await office.get(`/api/audit?unitId=${hy}&entity=data_value`)).json() as { items: { action: string }[] };
    expect(audit.items.map((a) => a.action).reverse()).toEqual(['data.save', 'data.return', 'data.save', 'data.approve']);
  });

  it('lets the data-source unit enter the indicator it supplies, for every unit, and nobody else', async () => {
    const admin = await login(t.app, 'admin');
    await admin.post('/api/users', { username: 'tjj-source', displayName: '统计局数据员（演示）', role: 'datasource', unitId: await unitId(t.db, 'ZH11'), password: 'kaoping-demo' });
    const source = await login(t.app, 'tjj-source');
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
    const jan = await periodId('2021-01');
    expect((await office.patch(`/api/periods/${jan}`, { status: 'locked' })).statusCode).toBe(409);
    await office.patch(`/api/periods/${jan}`, { status: 'closed' });
    await office.patch(`/api/periods/${jan}`, { status: 'locked' });
    const g = await grid(reporter, '2021-01');
    const e2 = row(g, 'E2');
    expect(e2.canEdit).toBe(false);
    expect((await reporter.request('PUT', '/api/data', { unitId: hy, periodId: jan, values: [{ indicatorId: e2.indicator.id, value: 1 }] })).statusCode).toBe(409);
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
    expect(fake.statusCode).toBe(400);
    const exe = await reporter.request('POST', `/api/values/${valueId}/evidence`, Buffer.from('MZ'), { 'content-type': 'application/x-msdownload' });
    expect(exe.statusCode).toBe(415);
    const list = (await office.get(`/api/values/${valueId}/evidence`)).json() as { items: { id: number }[] };
    const file = await office.get(`/api/evidence/${list.items[0]!.id}`);
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect(file.headers['cache-control']).toBe('no-store');
    expect(row(await grid(reporter, '2021-02'), 'E2')).toMatchObject({ value: 3 });
  });

  it('round-trips the Excel template, and imports nothing when a row is wrong', async () => {
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
    const due = (await reporter.get('/api/data/due')).json() as { items: { periodLabel: string; overdue: boolean; drafts: number }[] };
    expect(due.items).toContainEqual(expect.objectContaining({ periodLabel: '2021年2月', overdue: true, drafts: 1 }));
    expect(due.items.some((d) => d.periodLabel === '2021年1月')).toBe(false);
  });

  it('lists the unit-periods awaiting review and the corrections awaiting a decision', async () => {
    type QueueItem = { unitCode: string; periodKey: string; submitted: number; submittedAt: string | null };
    const feb = await periodId('2021-02');
    expect((await head.post('/api/data/submit', { unitId: hy, periodId: feb })).statusCode).toBe(200);
    const queue = (await office.get(`/api/data/review-queue?periodId=${feb}`)).json() as { items: QueueItem[] };
    expect(queue.items).toEqual([expect.objectContaining({ unitCode: '430421', periodKey: '2021-02', submitted: 1 })]);
    expect(queue.items[0]!.submittedAt).not.toBeNull();
    expect((await reporter.get('/api/data/review-queue')).statusCode).toBe(403);
    const source = await login(t.app, 'tjj-source');
    const sourced = (await source.get('/api/data/review-queue')).json() as { items: QueueItem[] };
    expect(sourced.items.some((i) => i.periodKey === '2021-02')).toBe(false);
    await office.post('/api/data/review', { unitId: hy, periodId: feb, decision: 'approve' });
    expect(((await office.get(`/api/data/review-queue?periodId=${feb}`)).json() as { items: QueueItem[] }).items).toEqual([]);

    const e2 = row(await grid(reporter, '2021-01'), 'E2');
    const asked = (await reporter.post(`/api/values/${e2.valueId}/corrections`, { value: 12.3, reason: '复核后更正（演示）' })).json() as { id: number };
    const pending = (await office.get('/api/corrections')).json() as { items: { id: number; unitCode: string; indicatorCode: string; current: { value: number }; proposed: { value: number } }[] };
    expect(pending.items).toEqual([expect.objectContaining({ id: asked.id, unitCode: '430421', indicatorCode: 'E2', current: expect.objectContaining({ value: 12.1 }), proposed: expect.objectContaining({ value: 12.3 }) })]);
    const decided = (await office.get('/api/corrections?status=approved')).json() as { items: { reason: string }[] };
    expect(decided.items.map((c) => c.reason)).toEqual(['统计局年报修订（演示）']);
    expect((await reporter.get('/api/corrections')).statusCode).toBe(403);
  });
});
