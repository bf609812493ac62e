import ExcelJS from 'exceljs';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from './helpers.js';
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
    expect(frozen.statusCode).toBe(409);
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
    const created = (await office.post('/api/schemes', smallScheme({ code: 'RT-2021' }))).json() as SchemeDto;
    const original = smallScheme({ code: 'RT-2021' });
    const yaml = (await office.get(`/api/schemes/${created.id}/export?format=yaml`)).body;
    expect(YAML.parse(yaml)).toEqual(original);
    const json = (await office.get(`/api/schemes/${created.id}/export?format=json`)).json() as unknown;
    expect(json).toEqual(original);
    const xlsx = (await office.get(`/api/schemes/${created.id}/export?format=xlsx`)).rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['方案', '考核内容', '指标', '目标值']);
    const reimported = await office.request('POST', '/api/schemes/validate', xlsx, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(reimported.json()).toEqual({ ok: true, issues: [] });
    const back = await office.request('PUT', `/api/schemes/${created.id}`, xlsx, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(back.statusCode).toBe(200);
    expect((back.json() as { document: unknown }).document).toEqual(original);
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
