import ExcelJS from 'exceljs';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, expectRefused, login, type TestApp } from './helpers.js';
import { smallScheme } from './fixtures/small-scheme.js';

interface SchemeDto {
  id: number;
  code: string;
  version: number;
  status: string;
  leafCount: number;
}
type Issues = { error: { code: string; message: string; details: { path: string; message: string }[] } };

let t: TestApp;
let office: Client;
beforeAll(async () => {
  t = await buildTestApp();
  office = await login(t.app, 'office');
});
afterAll(async () => t.close());

describe('scheme documents', () => {
  it('publishes a JSON Schema of the format', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/schemas/scheme.json' });
    expect(res.statusCode).toBe(200);
    const s = res.json() as { properties: Record<string, unknown>; required: string[] };
    expect(s.required).toEqual(expect.arrayContaining(['format', 'code', 'year', 'total', 'components', 'indicators']));
  });

  it('names the path and the problem', async () => {
    const doc = smallScheme();
    doc.indicators[0]!.children![1]!.points = 0;
    const res = await office.post('/api/schemes/validate', doc);
    const body = res.json() as { ok: boolean; issues: { path: string; message: string }[] };
    expect(body.ok).toBe(false);
    expect(body.issues).toContainEqual({ path: 'indicators[0].children[1].points', message: expect.stringContaining('must be > 0') });
  });

  it('says when points do not add up to their parent or component', async () => {
    const doc = smallScheme();
    doc.indicators[0]!.children![0]!.points = 45;
    const issues = ((await office.post('/api/schemes/validate', doc)).json() as { issues: { path: string; message: string }[] }).issues;
    expect(issues.map((i) => i.path)).toContain('indicators[0].points');
    expect(issues.find((i) => i.path === 'indicators[0].points')!.message).toContain('75');
  });

  it('says which units lack a target the method needs', async () => {
    const doc = smallScheme();
    doc.indicators[0]!.children![0]!.targets = { byUnit: { '430421': 8 } };
    const res = await office.post('/api/schemes', doc);
    expect(res.statusCode).toBe(400);
    const body = res.json() as Issues;
    expect(body.error.message).toMatch(/^indicators\[0\]\.children\[0\]\.targets: 11 个单位缺少目标值/);
    expect(body.error.message).toContain('430422（衡南县）');
  });

  it('imports YAML, publishes a frozen version, and makes a change the next version', async () => {
    const yaml = YAML.stringify(smallScheme());
    const imported = await office.request('POST', '/api/schemes', yaml, { 'content-type': 'application/yaml' });
    expect(imported.statusCode).toBe(201);
    const draft = imported.json() as SchemeDto;
    expect(draft).toMatchObject({ code: 'TEST-2021', version: 1, status: 'draft', leafCount: 4 });

    const published = (await office.post(`/api/schemes/${draft.id}/publish`)).json() as SchemeDto;
    expect(published.status).toBe('published');
    const [periods] = await t.db.query<{ n: number }>('select count(*)::int as n from periods where scheme_id = $1', [draft.id]);
    expect(periods!.n).toBe(4 + 12 + 1);
    const [target] = await t.db.query<{ target: number }>(
      `select t.target from indicator_targets t join indicators i on i.id = t.indicator_id join units u on u.id = t.unit_id
        where i.scheme_id = $1 and i.code = 'E1' and u.code = '430421'`,
      [draft.id],
    );
    expect(target!.target).toBe(8);

    const frozen = await office.request('PUT', `/api/schemes/${draft.id}`, smallScheme({ name: '改名' }));
    expectRefused(frozen, 'FROZEN');
    const next = (await office.post(`/api/schemes/${draft.id}/versions`)).json() as SchemeDto;
    expect(next).toMatchObject({ code: 'TEST-2021', version: 2, status: 'draft' });
    const changed = await office.request('PUT', `/api/schemes/${next.id}`, smallScheme({ name: '测试方案第二版（演示）' }));
    expect(changed.statusCode).toBe(200);
    await office.post(`/api/schemes/${next.id}/publish`);
    const list = ((await office.get('/api/schemes')).json() as { items: SchemeDto[] }).items.filter((s) => s.code === 'TEST-2021');
    expect(list.map((s) => [s.version, s.status])).toEqual([
      [2, 'published'],
      [1, 'archived'],
    ]);
    const audit = (await office.get('/api/audit?entity=scheme&action=scheme.publish')).json() as { total: number };
    expect(audit.total).toBe(2);
  });

  it('exports YAML, JSON and Excel that import back to the same document', async () => {
    // With the fields added since the first layout: limits, last year's values, the 时序进度 basis.
    const withEverything = () => {
      const doc = smallScheme({ code: 'RT-2021', progressBasis: 'day' });
      doc.indicators[0]!.children![1] = { ...doc.indicators[0]!.children![1]!, min: 0, max: 500, decimals: 2, lastYear: { default: 30, byUnit: { '430421': 42.5 } } };
      doc.indicators[0]!.children![0]!.method = { type: 'progress', basis: 'month' };
      return doc;
    };
    const created = (await office.post('/api/schemes', withEverything())).json() as SchemeDto;
    const original = withEverything();
    const yaml = (await office.get(`/api/schemes/${created.id}/export?format=yaml`)).body;
    expect(YAML.parse(yaml)).toEqual(original);
    const json = (await office.get(`/api/schemes/${created.id}/export?format=json`)).json() as unknown;
    expect(json).toEqual(original);
    const xlsx = (await office.get(`/api/schemes/${created.id}/export?format=xlsx`)).rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['方案', '考核内容', '指标', '目标值', '上年值']);
    const reimported = await office.request('POST', '/api/schemes/validate', xlsx, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(reimported.json()).toEqual({ ok: true, issues: [] });
    const back = await office.request('PUT', `/api/schemes/${created.id}`, xlsx, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(back.statusCode).toBe(200);
    expect((back.json() as { document: unknown }).document).toEqual(original);
  });

  it('refuses a formula that reads a name nothing supplies, naming it', async () => {
    const growth = (extra: object) => {
      const doc = smallScheme({ code: 'GROWTH-2021' });
      doc.indicators[0]!.children![1] = { code: 'E2', name: '一般公共预算收入增长', points: 30, unit: '亿元', frequency: 'month', method: { type: 'formula', expression: 'P * clamp((actual / lastYear - 1) / 0.08, 0, 1)' }, ...extra };
      return doc;
    };
    const issues = async (doc: unknown) => ((await office.post('/api/schemes/validate', doc)).json() as { issues: { path: string; message: string }[] }).issues;
    expect(await issues(growth({}))).toEqual([{ path: 'indicators[0].children[1].lastYear', message: expect.stringContaining('公式使用 lastYear（上年值），但没有来源：12 个单位缺少上年值') }]);
    // Some units only: the rest are named.
    expect((await issues(growth({ lastYear: { byUnit: { '430421': 20 } } })))[0]!.message).toContain('11 个单位缺少上年值（430422（衡南县）');
    expect(await issues(growth({ lastYear: { default: 20 } }))).toEqual([]);
    // A data-source unit that enters it supplies it; a project rate does not.
    expect(await issues(growth({ dataSource: 'ZH11' }))).toEqual([]);
    expect((await issues(growth({ dataSource: 'project:startRate' }))).map((i) => i.path)).toContain('indicators[0].children[1].lastYear');
    const unknown = await issues(growth({ method: { type: 'formula', expression: 'P * min(1, actual / lastMonth)' } }));
    expect(unknown).toEqual([{ path: 'indicators[0].children[1].method', message: expect.stringContaining('未定义的名称「lastMonth」') }]);
    // A formula reading target needs targets, as ratio does.
    expect((await issues(growth({ method: { type: 'formula', expression: 'P * min(1, actual / target)' } })))[0]!.path).toBe('indicators[0].children[1].targets');
  });

  it('checks the limits a scheme declares, its last-year values against them, and the 时序进度 basis', async () => {
    const issues = async (edit: (doc: ReturnType<typeof smallScheme>) => void) => {
      const doc = smallScheme({ code: 'LIMITS-2021' });
      edit(doc);
      return ((await office.post('/api/schemes/validate', doc)).json() as { issues: { path: string; message: string }[] }).issues;
    };
    const e2 = (doc: ReturnType<typeof smallScheme>) => doc.indicators[0]!.children![1]!;
    expect(await issues((d) => Object.assign(e2(d), { min: 10, max: 5 }))).toEqual([{ path: 'indicators[0].children[1].max', message: expect.stringContaining('上限 5 小于下限 10') }]);
    expect((await issues((d) => Object.assign(e2(d), { max: 1e308 })))[0]!.path).toBe('indicators[0].children[1].max');
    expect((await issues((d) => Object.assign(e2(d), { decimals: 1.5 })))[0]!.path).toBe('indicators[0].children[1].decimals');
    expect((await issues((d) => Object.assign(d.indicators[1]!, { min: 0 })))[0]).toEqual({ path: 'indicators[1].min', message: expect.stringContaining('grade 指标不填报数值') });
    // 个 counts whole things: last year's −3 and 2.5 do not fit.
    const counted = await issues((d) => Object.assign(e2(d), { unit: '个', lastYear: { default: -3, byUnit: { '430421': 2.5, NOPE: 1 } } }));
    expect(counted.map((i) => i.path)).toEqual(['indicators[0].children[1].lastYear.byUnit.NOPE', 'indicators[0].children[1].lastYear.default', 'indicators[0].children[1].lastYear.byUnit.430421']);
    expect(counted[1]!.message).toContain('上年值 -3 计数不能为负数');
    expect((await issues((d) => Object.assign(d, { progressBasis: 'week' })))[0]!.path).toBe('progressBasis');
    expect(await issues((d) => Object.assign(d, { progressBasis: 'day' }))).toEqual([]);
    expect((await issues((d) => (e2(d).method = { type: 'progress', basis: 'quarter' } as never)))[0]!.path).toBe('indicators[0].children[1].method.basis');
  });

  it('reads completion bands as shares of the target and refuses one written in percent', async () => {
    const doc = smallScheme({ code: 'BANDS-2021' });
    doc.indicators[0]!.children![1] = { ...doc.indicators[0]!.children![1]!, method: { type: 'bands', measure: 'completion', bands: [{ from: 95, share: 1 }, { from: 0.8, to: 95, share: 0.6 }] }, targets: { default: 10 } };
    const issues = ((await office.post('/api/schemes/validate', doc)).json() as { issues: { path: string; message: string }[] }).issues;
    expect(issues).toEqual([
      { path: 'indicators[0].children[1].method.bands[0].from', message: expect.stringContaining('完成率分档的上下限按比例书写（0.9 表示 90%），95 相当于 9500%：请写 0.95') },
      { path: 'indicators[0].children[1].method.bands[1].to', message: expect.stringContaining('请写 0.95') },
    ]);
    doc.indicators[0]!.children![1]!.method = { type: 'bands', measure: 'completion', bands: [{ from: 0.95, share: 1 }, { from: 0.8, to: 0.95, share: 0.6 }] };
    expect((await office.post('/api/schemes/validate', doc)).json()).toEqual({ ok: true, issues: [] });
  });

  it('reports YAML syntax errors with the line', async () => {
    const res = await office.request('POST', '/api/schemes', 'format: kaoping.scheme/v1\n  code: [unclosed', { 'content-type': 'application/yaml' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as Issues).error.message).toMatch(/YAML.*line \d/);
  });

  it('lets only the performance office write schemes', async () => {
    const head = await login(t.app, '430421-head');
    expect((await head.post('/api/schemes', smallScheme({ code: 'NO-2021' }))).statusCode).toBe(403);
    expect((await head.get('/api/schemes')).statusCode).toBe(200);
  });
});
