import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from './helpers.js';

interface Ranking {
  run: { id: number; asOf: string };
  groups: { code: string; units: { code: string; total: number; rank: number; grade: string; vetoed: boolean }[] }[];
}

let t: TestApp;
let office: Client;
let schemeId: number;
beforeAll(async () => {
  t = await buildTestApp({ assessment: true });
  office = await login(t.app, 'office');
  schemeId = ((await office.get('/api/schemes')).json() as { items: { id: number; year: number; status: string }[] }).items.find((s) => s.year === 2021 && s.status === 'published')!.id;
});
afterAll(async () => t.close());

describe('the Hengyang 2021 assessment demo', () => {
  it('publishes a scheme of at least 40 indicators over the four kinds of group, using at least 6 methods', async () => {
    const leaves = await t.db.query<{ method: { method: string }; groups: string[] }>('select method, groups from indicators where scheme_id = $1 and is_leaf', [schemeId]);
    expect(leaves.length).toBeGreaterThanOrEqual(40);
    expect(new Set(leaves.map((l) => l.method.method)).size).toBeGreaterThanOrEqual(6);
    for (const g of ['XS', 'CQ', 'YQ', 'ZH', 'SF', 'DQ', 'ZF', 'ZS']) expect(leaves.some((l) => l.groups.includes(g)), g).toBe(true);
  });

  it('shows rankings for every group on first start, with grades and at most the quota of 优秀', async () => {
    const runs = ((await office.get(`/api/schemes/${schemeId}/runs`)).json() as { items: { id: number; asOf: string }[] }).items;
    expect(runs.map((r) => r.asOf)).toEqual(['2021-12-31', '2021-11-30']);
    const r = (await office.get(`/api/runs/${runs[0]!.id}`)).json() as Ranking;
    expect(r.groups.map((g) => g.code)).toEqual(['XS', 'CQ', 'YQ', 'ZH', 'SF', 'DQ', 'ZF', 'ZS']);
    expect(r.groups.reduce((n, g) => n + g.units.length, 0)).toBe(97);
    for (const g of r.groups) {
      expect(new Set(g.units.map((u) => u.total)).size, `${g.code} totals differ`).toBeGreaterThan(1);
      expect(g.units.filter((u) => u.grade === '优秀').length).toBeLessThanOrEqual(Math.floor(g.units.length * 0.3));
    }
  });

  it('leaves December in the approval chain, with a return to fix', async () => {
    const rows = await t.db.query<{ status: string; n: number }>(
      `select v.status, count(*)::int as n from data_values v join periods p on p.id = v.period_id where p.end_date > '2021-11-30' group by v.status`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(by.approved).toBeGreaterThan(0);
    expect(by.submitted).toBeGreaterThan(0);
    expect(by.draft).toBeGreaterThan(0);
    expect(by.returned).toBe(1);
  });

  it('lists lagging units in the 时序进度 view', async () => {
    const runs = ((await office.get(`/api/schemes/${schemeId}/runs`)).json() as { items: { id: number }[] }).items;
    const p = (await office.get(`/api/runs/${runs[1]!.id}/progress`)).json() as { rows: { lagging: boolean }[] };
    expect(p.rows.length).toBeGreaterThan(0);
    expect(p.rows.some((r) => r.lagging)).toBe(true);
    expect(p.rows.some((r) => !r.lagging)).toBe(true);
  });
});
