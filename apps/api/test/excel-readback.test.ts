import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from './helpers.js';

/**
 * Every Excel export and template of the demo, read back two ways: with exceljs, cell by cell (a date
 * is a Date with a date format, a share a number with a % format, drop-downs present, lights
 * filled), and with LibreOffice headless converted to CSV — an independent reader showing what an
 * office sees: dates as 2021-06-30, shares as 30%, statuses as words.
 */

const run = promisify(execFile);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let office: Client;
let admin: Client;
let dir: string;
let schemeId: number;
let runId: number;
const files = new Map<string, Buffer>();

/** GET an export as the office (or who is given), in the language asked for. */
async function download(url: string, opts: { as?: Client; lang?: string } = {}): Promise<Buffer> {
  const res = await (opts.as ?? office).request('GET', url, undefined, { 'accept-language': opts.lang ?? 'zh-CN' });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  expect(res.headers['content-type']).toContain(XLSX);
  return res.rawPayload;
}

interface Sheet {
  ws: ExcelJS.Worksheet;
  header: string[];
  /** The data rows' cells of a column, by header. */
  cells(header: string): ExcelJS.Cell[];
}

async function open(buf: Buffer, sheet = 0): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[sheet]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  return {
    ws,
    header,
    cells: (h: string) => {
      const col = header.indexOf(h) + 1;
      expect(col, `column ${h} in ${header.join(',')}`).toBeGreaterThan(0);
      const out: ExcelJS.Cell[] = [];
      for (let r = 2; r <= ws.actualRowCount; r++) out.push(ws.getRow(r).getCell(col));
      return out;
    },
  };
}

const filled = (cells: ExcelJS.Cell[]) => cells.filter((c) => c.value !== null && c.value !== undefined && c.value !== '');
const listOf = (cell: ExcelJS.Cell) => (cell.dataValidation?.type === 'list' ? cell.dataValidation.formulae[0] : undefined);

/** Each workbook as LibreOffice reads it (first sheet to CSV, UTF-8), all in one soffice run with its own profile. */
async function libreOfficeCsv(books: Map<string, Buffer>): Promise<Map<string, string[][]>> {
  for (const [name, buf] of books) await writeFile(join(dir, `${name}.xlsx`), buf);
  const args = [
    `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
    '--headless', '--invisible', '--nodefault', '--nolockcheck', '--nologo', '--norestore',
    '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1',
    '--outdir', join(dir, 'csv'),
    ...[...books.keys()].map((n) => join(dir, `${n}.xlsx`)),
  ];
  await run('soffice', args, { env: { ...process.env, HOME: dir }, timeout: 240_000 }).catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'ENOENT' ? new Error('soffice is not installed: apt-get install -y libreoffice-calc-nogui (see .ci/run)') : err;
  });
  const out = new Map<string, string[][]>();
  for (const name of books.keys()) {
    const text = await readFile(join(dir, 'csv', `${name}.csv`), 'utf8');
    out.set(name, parseCsv(text));
  }
  return out;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** A CSV column by its header. */
const csvColumn = (rows: string[][], header: string) => {
  const i = rows[0]!.indexOf(header);
  expect(i, `${header} in ${rows[0]!.join(',')}`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => r[i] ?? '');
};

beforeAll(async () => {
  t = await buildTestApp({ assessment: true });
  office = await login(t.app, 'office');
  admin = await login(t.app, 'admin');
  dir = await mkdtemp(join(tmpdir(), 'kaoping-xlsx-'));
  schemeId = ((await office.get('/api/schemes')).json() as { items: { id: number; year: number; status: string }[] }).items.find((s) => s.year === 2021 && s.status === 'published')!.id;
  runId = ((await office.get(`/api/schemes/${schemeId}/runs`)).json() as { items: { id: number }[] }).items[0]!.id;
}, 300_000);
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('cell types, read with exceljs', () => {
  it('tasks: dates are dates, progress a share with a % format, lights filled, statuses in words', async () => {
    const buf = await download('/api/tasks/export.xlsx');
    files.set('tasks', buf);
    const s = await open(buf);
    for (const h of ['开始日期', '办理期限']) {
      const cells = filled(s.cells(h));
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) {
        expect(c.value, h).toBeInstanceOf(Date);
        expect(c.numFmt).toBe('yyyy-mm-dd');
      }
    }
    const progress = filled(s.cells('完成进度'));
    expect(progress.length).toBeGreaterThan(0);
    for (const c of progress) {
      expect(typeof c.value).toBe('number');
      expect(c.value as number).toBeLessThanOrEqual(1);
      expect(c.numFmt).toContain('%');
    }
    const lights = filled(s.cells('亮灯'));
    expect(lights.length).toBeGreaterThan(0);
    for (const c of lights) {
      expect(['绿灯', '蓝灯', '黄灯', '红灯']).toContain(c.value);
      expect((c.fill as ExcelJS.FillPattern).fgColor?.argb).toMatch(/^FF[0-9A-F]{6}$/);
    }
    expect(filled(s.cells('状态')).every((c) => /^[\u4e00-\u9fa5]+$/.test(String(c.value)))).toBe(true);
    for (const c of filled(s.cells('办结时间'))) expect(c.value).toBeInstanceOf(Date);

    // In English when the caller reads English.
    const en = await open(await download('/api/tasks/export.xlsx', { lang: 'en' }));
    const enStatuses = [...new Set(filled(en.cells('状态')).map((c) => String(c.value)))];
    expect(enStatuses.filter((v) => /[\u4e00-\u9fa5]/.test(v)), enStatuses.join(' | ')).toEqual([]);
    expect(filled(en.cells('亮灯')).every((c) => ['Green', 'Blue', 'Yellow', 'Red'].includes(String(c.value)))).toBe(true);
  });

  it('the problem ledger: dates as dates and its lights filled as the tasks’ are', async () => {
    const buf = await download('/api/problems/export.xlsx');
    files.set('problems', buf);
    const s = await open(buf);
    for (const h of ['挂账日期', '整改期限']) {
      const cells = filled(s.cells(h));
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) expect(c.value, h).toBeInstanceOf(Date);
    }
    const lights = filled(s.cells('亮灯'));
    expect(lights.length).toBeGreaterThan(0);
    const fills = { 绿灯: 'FF52C41A', 蓝灯: 'FF1677FF', 黄灯: 'FFFADB14', 红灯: 'FFF5222D' } as Record<string, string>;
    for (const c of lights) expect((c.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(fills[String(c.value)]);
    expect(filled(s.cells('状态')).every((c) => /^[\u4e00-\u9fa5]+$/.test(String(c.value)))).toBe(true);
    const en = await open(await download('/api/problems/export.xlsx', { lang: 'en' }));
    expect(filled(en.cells('状态')).filter((c) => /[\u4e00-\u9fa5]/.test(String(c.value)))).toEqual([]);
  });

  it('rankings: the page’s columns, 扣分 included, as numbers', async () => {
    const buf = await download(`/api/runs/${runId}/export.xlsx`);
    files.set('rankings', buf);
    const s = await open(buf);
    const ranking = (await office.get(`/api/runs/${runId}`)).json() as { groups: { units: { code: string; deductions: number; bonus: number; total: number }[] }[] };
    const names = s.header;
    expect(names.slice(names.indexOf('加分'))).toEqual(['加分', '扣分', '总分', '等次', '一票否决']);
    const units = ranking.groups.flatMap((g) => g.units);
    const codes = s.cells('单位代码').map((c) => c.value);
    const deductions = s.cells('扣分');
    for (const c of deductions) expect(typeof c.value).toBe('number');
    const withDeductions = units.find((u) => u.deductions > 0)!;
    expect(withDeductions).toBeDefined();
    expect(deductions[codes.indexOf(withDeductions.code)]!.value).toBeCloseTo(withDeductions.deductions, 2);
  });

  it('timing progress and the supervision overview: shares with a % format', async () => {
    const progress = await download(`/api/runs/${runId}/progress.xlsx`);
    files.set('progress', progress);
    const p = await open(progress);
    for (const h of ['完成率', '时序进度']) for (const c of filled(p.cells(h))) expect([typeof c.value, c.numFmt]).toEqual(['number', '0.00%']);
    const overview = await download('/api/supervision/overview/export.xlsx');
    files.set('overview', overview);
    const o = await open(overview);
    const rates = filled(o.cells('办结率'));
    expect(rates.length).toBeGreaterThan(0);
    for (const c of rates) {
      expect(typeof c.value).toBe('number');
      expect(c.value as number).toBeLessThanOrEqual(1);
      expect(c.numFmt).toContain('%');
    }
  });

  it('the reporting template: statuses in words, a drop-down of its grades on each grade row', async () => {
    const hy = ((await office.get('/api/units')).json() as { items: { id: number; code: string }[] }).items.find((u) => u.code === '430421')!.id;
    const periods = ((await office.get(`/api/schemes/${schemeId}/periods`)).json() as { items: { id: number; key: string }[] }).items;
    let found: Sheet | undefined;
    for (const period of periods) {
      const buf = await download(`/api/data/template.xlsx?unitId=${hy}&periodId=${period.id}`);
      const s = await open(buf);
      if (s.cells('等次').some((c) => listOf(c))) {
        files.set('template', buf);
        found = s;
        break;
      }
    }
    expect(found, 'a period with grade rows').toBeDefined();
    const s = found!;
    const gradeLists = s.cells('等次').map(listOf).filter(Boolean);
    expect(gradeLists[0]).toMatch(/^"优秀,良好,一般,较差"$|^".+"$/);
    const statuses = s.cells('状态（只读）').map((c) => String(c.value));
    expect(statuses.every((v) => ['未填报', '草稿', '已提交', '已审核', '已退回'].includes(v))).toBe(true);
    expect(statuses.some((v) => v === 'approved' || v === 'draft')).toBe(false);
  });

  it('templates and import sheets: drop-downs for their enumerations; dates as dates', async () => {
    const template = await download('/api/projects/template.xlsx');
    files.set('projects-template', template);
    const pt = await open(template);
    expect(listOf(pt.cells('项目类别')[0]!)).toMatch(/^".+,.+"$/);
    // Also on the rows an office adds below the example.
    expect(listOf(pt.ws.getRow(50).getCell(pt.header.indexOf('项目类别') + 1))).toBe(listOf(pt.cells('项目类别')[0]!));
    expect(pt.cells('计划开工日期')[0]!.value).toBeInstanceOf(Date);

    const projects = await download('/api/projects/export.xlsx');
    files.set('projects', projects);
    for (const c of filled((await open(projects)).cells('计划开工日期'))) expect(c.value).toBeInstanceOf(Date);

    const units = await download('/api/units/export.xlsx');
    files.set('units', units);
    const u = await open(units);
    expect(listOf(u.cells('类型')[0]!)).toContain(',');
    expect(listOf(u.cells('状态')[0]!)).toBe('"启用,停用"');

    const users = await download('/api/users/export.xlsx', { as: admin });
    files.set('users', users);
    const us = await open(users);
    expect(listOf(us.cells('角色')[0]!)).toContain(',');
    expect(listOf(us.cells('状态')[0]!)).toBe('"启用,停用"');

    const scheme = await download(`/api/schemes/${schemeId}/export?format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(scheme as unknown as ArrayBuffer);
    const inds = wb.getWorksheet('指标')!;
    const header = (inds.getRow(1).values as unknown[]).slice(1).map(String);
    for (const h of ['方向', '填报频次', '计分方法']) expect(listOf(inds.getRow(2).getCell(header.indexOf(h) + 1)), h).toMatch(/^".+,.+"$/);

    const lastYear = await download(`/api/schemes/${schemeId}/indicators/E1/last-year.xlsx`).catch(() => undefined);
    if (lastYear) files.set('last-year', lastYear);
  });
});

describe('read back by LibreOffice (CSV)', () => {
  it('shows dates as dates, shares as percentages and statuses as words', async () => {
    const csv = await libreOfficeCsv(files);
    const tasks = csv.get('tasks')!;
    expect(tasks[0]).toContain('办理期限');
    for (const h of ['开始日期', '办理期限']) for (const v of csvColumn(tasks, h).filter(Boolean)) expect(v, h).toMatch(/^\d{4}-\d\d-\d\d$/);
    const progress = csvColumn(tasks, '完成进度').filter(Boolean);
    expect(progress.length).toBeGreaterThan(0);
    for (const v of progress) expect(v).toMatch(/^\d{1,3}%$/);
    for (const v of csvColumn(tasks, '办结时间').filter(Boolean)) expect(v).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(csvColumn(tasks, '亮灯').filter(Boolean).every((v) => /^[绿蓝黄红]灯$/.test(v))).toBe(true);

    const problems = csv.get('problems')!;
    for (const h of ['挂账日期', '整改期限']) for (const v of csvColumn(problems, h).filter(Boolean)) expect(v, h).toMatch(/^\d{4}-\d\d-\d\d$/);

    expect(csv.get('rankings')![0]).toEqual(expect.arrayContaining(['加分', '扣分', '总分']));
    for (const v of csvColumn(csv.get('progress')!, '完成率').filter(Boolean)) expect(v).toMatch(/^-?\d+\.\d\d%$/);
    for (const v of csvColumn(csv.get('overview')!, '办结率').filter(Boolean)) expect(v).toMatch(/^\d+(\.\d)?%$/);
    expect(csvColumn(csv.get('template')!, '状态（只读）').every((v) => /^[\u4e00-\u9fa5]+$/.test(v))).toBe(true);
    for (const v of csvColumn(csv.get('projects')!, '计划开工日期').filter(Boolean)) expect(v).toMatch(/^\d{4}-\d\d-\d\d$/);
    // Every workbook opened, with the header row it was written with.
    for (const [name, rows] of csv) expect(rows[0]!.length, name).toBeGreaterThan(2);
  }, 300_000);
});
