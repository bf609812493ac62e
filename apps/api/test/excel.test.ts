import ExcelJS from 'exceljs';
import type { UnitDto } from '@kaoping/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from './helpers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let office: Client;
beforeAll(async () => {
  t = await buildTestApp();
  office = await login(t.app, 'office');
});
afterAll(async () => t.close());

async function readRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push(Array.from((r.values as unknown[]).slice(1), (v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

async function sheet(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (c: Client, url: string, buf: Buffer) => c.request('POST', url, buf, { 'content-type': XLSX });
const unitCount = async () => ((await office.get('/api/units')).json() as { items: UnitDto[] }).items.length;

describe('units in Excel', () => {
  it('exports every unit with Chinese headers and names', async () => {
    const res = await office.get('/api/units/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    const rows = await readRows(res.rawPayload);
    expect(rows[0]).toEqual(['单位代码', '单位名称', '简称', '类型', '考核组别', '行政区划代码', '状态']);
    expect(rows).toHaveLength(98);
    expect(rows[1]).toEqual(['430421', '衡阳县', '', '县市', '县市', '430421', '启用']);
  });

  it('imports its own export back unchanged', async () => {
    const exported = (await office.get('/api/units/export.xlsx')).rawPayload;
    const res = await upload(office, '/api/units/import', exported);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 0, updated: 97 });
    expect(await unitCount()).toBe(97);
  });

  it('imports nothing when any row is wrong, and reports each wrong row', async () => {
    const buf = await sheet([
      ['单位代码', '单位名称', '简称', '类型', '考核组别', '行政区划代码', '状态'],
      ['SF90', '市新建演示局', '', '市直单位', '社会发展部门', '', '启用'],
      ['SF91', '市另一演示局', '', '市直单位', '不存在的组别', '', '启用'],
      ['430421', '衡阳县改名', '', '县市', '县市', '4304', '启用'],
      ['SF92', '市第三演示局', '', '火星', '社会发展部门', '', '也许'],
    ]);
    const res = await upload(office, '/api/units/import', buf);
    expect(res.statusCode).toBe(422);
    const body = res.json() as { error: { code: string; details: { row: number; column: string; message: string }[] } };
    expect(body.error.code).toBe('IMPORT_FAILED');
    const rowsWithErrors = [...new Set(body.error.details.map((d) => d.row))].sort();
    expect(rowsWithErrors).toEqual([3, 4, 5]);
    expect(body.error.details).toContainEqual(expect.objectContaining({ row: 3, column: '考核组别' }));
    expect(body.error.details).toContainEqual(expect.objectContaining({ row: 4, column: '行政区划代码' }));
    expect(await unitCount()).toBe(97);
    expect(((await office.get('/api/units?q=SF90')).json() as { items: unknown[] }).items).toHaveLength(0);
  });

  it('creates new units from a correct sheet, audited', async () => {
    const buf = await sheet([
      ['单位代码', '单位名称', '类型', '考核组别'],
      ['SF93', '市演示导入局', '市直单位', '社会发展部门'],
    ]);
    const res = await upload(office, '/api/units/import', buf);
    expect(res.json()).toEqual({ created: 1, updated: 0 });
    const audit = (await office.get('/api/audit?action=unit.import')).json() as { items: { after: { code: string } }[] };
    expect(audit.items.some((a) => a.after.code === 'SF93')).toBe(true);
  });

  it('says what is wrong with a file that is not a workbook or lacks a column', async () => {
    const garbage = await upload(office, '/api/units/import', Buffer.from('not a spreadsheet'));
    expect(garbage.statusCode).toBe(400);
    const missing = await upload(office, '/api/units/import', await sheet([['单位代码'], ['X']]));
    expect(missing.statusCode).toBe(422);
    expect((missing.json() as { error: { message: string } }).error.message).toContain('单位名称');
  });
});

describe('users in Excel', () => {
  it('exports accounts and imports new ones, which can then sign in', async () => {
    const admin = await login(t.app, 'admin');
    const rows = await readRows((await admin.get('/api/users/export.xlsx')).rawPayload);
    expect(rows[0]).toEqual(['用户名', '姓名', '角色', '单位代码', '单位名称', '状态', '初始密码']);
    expect(rows).toHaveLength(1 + 5 + 97 * 2);
    const buf = await sheet([
      ['用户名', '姓名', '角色', '单位代码', '状态', '初始密码'],
      ['li.si', '李四（演示）', '单位填报员', '430482', '启用', 'imported-password'],
      ['wang.wu', '王五（演示）', '市领导', '', '启用', 'imported-password'],
    ]);
    const res = await upload(admin, '/api/users/import', buf);
    expect(res.json()).toEqual({ created: 2, updated: 0 });
    const li = await login(t.app, 'li.si', 'imported-password');
    expect((await li.get('/api/auth/me')).json()).toMatchObject({ user: { role: 'reporter', unit: { code: '430482' } } });
  });

  it('rejects the whole sheet when a row is wrong', async () => {
    const admin = await login(t.app, 'admin');
    const buf = await sheet([
      ['用户名', '姓名', '角色', '单位代码', '状态', '初始密码'],
      ['ok.user', '好（演示）', '单位负责人', '430482', '启用', 'imported-password'],
      ['no.unit', '缺单位（演示）', '单位负责人', '', '启用', 'imported-password'],
      ['no.pw', '缺密码（演示）', '市领导', '', '启用', ''],
      ['weak.pw', '弱密码（演示）', '市领导', '', '启用', '123456789012'],
    ]);
    const res = await upload(admin, '/api/users/import', buf);
    expect(res.statusCode).toBe(422);
    const details = (res.json() as { error: { details: { row: number; column: string }[] } }).error.details;
    expect(details).toContainEqual(expect.objectContaining({ row: 3, column: '单位代码' }));
    expect(details).toContainEqual(expect.objectContaining({ row: 4, column: '初始密码' }));
    expect(details).toContainEqual(expect.objectContaining({ row: 5, column: '初始密码', message: expect.stringContaining('密码太常见或太容易猜到') }));
    expect(((await admin.get('/api/users?q=ok.user')).json() as { items: unknown[] }).items).toHaveLength(0);
  });
});
