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
    // End of November, end of December, and end of December again once the public evaluation closed.
    expect(runs.map((r) => r.asOf)).toEqual(['2021-12-31', '2021-12-31', '2021-11-30']);
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
    const p = (await office.get(`/api/runs/${runs[2]!.id}/progress`)).json() as { rows: { lagging: boolean }[] };
    expect(p.rows.length).toBeGreaterThan(0);
    expect(p.rows.some((r) => r.lagging)).toBe(true);
    expect(p.rows.some((r) => !r.lagging)).toBe(true);
  });
});

describe('the Hengyang public evaluation demo', () => {
  interface Campaign {
    id: number;
    slug: string;
    status: string;
  }
  const campaign = async (slug: string) => ((await office.get('/api/campaigns')).json() as { items: Campaign[] }).items.find((c) => c.slug === slug)!;

  it('has a closed 2021 campaign over the 97 units whose results feed the final score run', async () => {
    const c = await campaign('hy-2021');
    expect(c.status).toBe('closed');
    const results = (await office.get(`/api/campaigns/${c.id}/results`)).json() as { units: { satisfaction: { combined: number | null } }[] };
    expect(results.units).toHaveLength(97);
    expect(results.units.every((u) => u.satisfaction.combined !== null && u.satisfaction.combined > 40)).toBe(true);
    const runs = ((await office.get(`/api/schemes/${schemeId}/runs`)).json() as { items: { id: number }[] }).items;
    const latest = (await office.get(`/api/runs/${runs[0]!.id}`)).json() as { groups: { units: { components: { code: string; points: number }[] }[] }[] };
    const publicPoints = latest.groups.flatMap((g) => g.units.map((u) => u.components.find((x) => x.code === 'public')!.points));
    expect(Math.min(...publicPoints)).toBeGreaterThan(0);
  });

  it('shows fraud flags with their evidence, and suggestions at every stage of handling', async () => {
    const c = await campaign('hy-2021');
    const flags = (await office.get(`/api/campaigns/${c.id}/flags`)).json() as { items: { kind: string; evidence: string; responseIds: number[] }[] };
    const kinds = new Set(flags.items.map((f) => f.kind));
    for (const k of ['address-burst', 'identical-burst', 'too-fast']) expect(kinds, k).toContain(k);
    const stats = (await office.get(`/api/campaigns/${c.id}/stats`)).json() as { participants: number; comments: number; praise: number; byStatus: Record<string, number> };
    expect(stats.participants).toBeGreaterThan(3000);
    expect(stats.comments / stats.participants).toBeGreaterThan(0.2);
    expect(stats.praise).toBeGreaterThan(0);
    for (const s of ['new', 'sorted', 'forwarded', 'replied', 'accepted']) expect(stats.byStatus[s], s).toBeGreaterThan(0);
  });

  it('has an open 2022 campaign taking answers now, its results sealed', async () => {
    const c = await campaign('hy-2022');
    expect(c.status).toBe('open');
    const page = (await t.app.inject({ method: 'GET', url: '/api/p/hy-2022' })).json() as { accepting: boolean };
    expect(page.accepting).toBe(true);
    expect((await office.get(`/api/campaigns/${c.id}/results`)).statusCode).toBe(403);
    expect(((await office.get(`/api/campaigns/${c.id}/participation`)).json() as { responses: number }).responses).toBeGreaterThan(0);
  });
});
