import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FraudReport } from '@kaoping/shared';
import { buildApp } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { countAnswers, countExcluded, findCampaign, participation } from '../src/modules/campaigns/campaigns.repository.js';
import { computeResults } from '../src/modules/campaigns/campaigns.service.js';
import { buildTestApp, login, unitId, type Client, type TestApp } from './helpers.js';

/**
 * What a province's campaign needs: fraud flags found by a stored scan and read a page at a time,
 * a closed campaign's results and participation counted once and kept, and the read paths that may
 * go to a replica (DATABASE_REPLICA_URL). Runs on PGlite and, with DATABASE_URL, on PostgreSQL.
 */
let t: TestApp;
let office: Client;
let units: number[];
let id: number;
const json = <T>(res: LightMyRequestResponse): T => res.json() as T;
const DAY = 86_400_000;

/**
 * `n` responses by SQL, one a second from `from`: the first 35 from one network within minutes
 * (an address burst), every fifth sent 3 s after its questionnaire was served (too fast), the
 * rest from networks and devices of their own.
 */
async function addResponses(campaignId: number, first: number, n: number, from: Date): Promise<void> {
  await t.db.query(
    `insert into responses (campaign_id, identity, respondent_class, submission_key, receipt, answer_vector, ip_prefix, device_hash,
                            submitted_at, served_at, answer_units, answer_values, answer_reasons)
     select $1::int, 'stored:' || g, case when g % 3 = 0 then 'invited' else 'open' end, 'page-' || g, 'R-STORED-' || $1::int || '-' || g, 'vector-' || g,
            case when g <= 35 then '198.51.100.0/24' else '10.9.' || g || '.0/24' end, 'device-' || g,
            $3::timestamptz + g * interval '1 second',
            $3::timestamptz + g * interval '1 second' - (case when g % 5 = 0 then 3 else 300 end) * interval '1 second',
            $4::int[], array['satisfied', case when g % 4 = 0 then 'dissatisfied' else 'basicallySatisfied' end, 'unaware'], array['', '', '']
       from generate_series($2::int, $2::int + $5::int - 1) g`,
    [campaignId, first, from.toISOString(), units, n],
  );
}

beforeAll(async () => {
  t = await buildTestApp();
  office = await login(t.app, 'office');
  units = [await unitId(t.db, '430421'), await unitId(t.db, '430405'), await unitId(t.db, 'ZH11')];
  const res = await office.post('/api/campaigns', {
    slug: 'stored-2021',
    name: '2021年度公众评估（保存的结果）',
    year: 2021,
    startsAt: new Date(Date.now() - DAY).toISOString(),
    endsAt: new Date(Date.now() + DAY).toISOString(),
    modes: ['open'],
    unitIds: units,
  });
  expect(res.statusCode, res.body).toBe(201);
  id = json<{ id: number }>(res).id;
  expect((await office.post(`/api/campaigns/${id}/open`)).statusCode).toBe(200);
  await addResponses(id, 1, 60, new Date(Date.now() - 3_600_000));
});
afterAll(async () => t.close());

const flags = async (query = '') => {
  const res = await office.get(`/api/campaigns/${id}/flags${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<FraudReport>(res);
};

describe('fraud flags of a campaign', () => {
  it('are read a page at a time, with totals over every flag', async () => {
    const first = await flags('?limit=5');
    // 12 too fast (every fifth of 60) and one address burst of the first 35.
    expect(first.kinds).toEqual({ 'too-fast': 12, 'address-burst': 1 });
    expect(first.total).toBe(13);
    expect(first.responses).toBe(60);
    expect(first.flagged).toBe(35 + 12 - 7); // the fast ones among the first 35 are in the burst too
    expect(first.items).toHaveLength(5);
    expect(first).toMatchObject({ offset: 0, limit: 5 });
    const seen = new Set<string>();
    for (let offset = 0; offset < first.total; offset += 5) {
      for (const f of (await flags(`?limit=5&offset=${offset}`)).items) seen.add(`${f.kind}|${f.key}|${f.from}`);
    }
    expect(seen.size).toBe(13);
    expect((await flags('?limit=5&offset=13')).items).toEqual([]);

    const fast = await flags('?kind=too-fast&limit=200');
    expect(fast.total).toBe(12);
    expect(fast.items.every((f) => f.kind === 'too-fast' && f.evidence.startsWith('问卷发放后 3.0 秒即提交'))).toBe(true);
    const burst = (await flags('?kind=address-burst')).items[0]!;
    expect(burst.responseIds).toHaveLength(35);
    expect(burst.evidence).toContain('同一网段 198.51.100.0/24');
  });

  it('refuse a page larger than 200 or a kind that does not exist, saying why', async () => {
    for (const q of ['?limit=500', '?limit=0', '?offset=-1', '?kind=everything']) {
      const res = await office.get(`/api/campaigns/${id}/flags${q}`);
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('come from a stored scan, made again when responses came in after it, or on demand', async () => {
    const a = await flags();
    const b = await flags();
    expect(b.scannedAt).toBe(a.scannedAt);
    const [{ n }] = (await t.db.query<{ n: number }>('select count(*)::int as n from campaign_flags where campaign_id = $1', [id])) as [{ n: number }];
    expect(n).toBe(13);

    await addResponses(id, 1000, 5, new Date(Date.now() - 60_000)); // response 1000 is too fast
    const c = await flags();
    expect(Date.parse(c.scannedAt)).toBeGreaterThan(Date.parse(a.scannedAt));
    expect(c.responses).toBe(65);
    expect(c.kinds['too-fast']).toBe(13);

    const scan = await office.post(`/api/campaigns/${id}/flags/scan`);
    expect(scan.statusCode, scan.body).toBe(200);
    expect(json<{ responses: number; flagged: number }>(scan)).toMatchObject({ responses: 65, flagged: c.flagged });
    expect(Date.parse((await flags()).scannedAt)).toBeGreaterThanOrEqual(Date.parse(json<{ scannedAt: string }>(scan).scannedAt));
    // Reading flags is for the office: a unit's reporter may neither read nor scan.
    const reporter = await login(t.app, '430421-reporter');
    expect((await reporter.post(`/api/campaigns/${id}/flags/scan`)).statusCode).toBe(403);
  });
});

describe('a closed campaign', () => {
  /** The results as counted from the responses now, the way they were before anything was kept. */
  const fresh = async (apply: boolean) => {
    const c = (await findCampaign(t.db, id))!;
    return computeResults(t.db, c, apply, 'zh', { counts: await countAnswers(t.db, id, apply), excluded: await countExcluded(t.db, id) });
  };
  const results = async (q = '') => json<{ excluded: number; units: unknown[] }>(await office.get(`/api/campaigns/${id}/results${q}`));

  it('has its results, participation and flags counted at close and kept, equal to a fresh count', async () => {
    const close = await office.post(`/api/campaigns/${id}/close`);
    expect(close.statusCode, close.body).toBe(200);
    const kept = await t.db.query<{ apply_exclusions: boolean }>('select apply_exclusions from campaign_tallies where campaign_id = $1 order by 1', [id]);
    expect(kept.map((k) => k.apply_exclusions)).toEqual([false, true]);
    expect(await t.db.query('select 1 from campaign_closing_counts where campaign_id = $1', [id])).toHaveLength(1);

    expect((await results()).units).toEqual(await fresh(true));
    expect((await results('?exclusions=ignore')).units).toEqual(await fresh(false));
    const detail = json<{ participation: unknown }>(await office.get(`/api/campaigns/${id}`));
    expect(detail.participation).toEqual(await participation(t.db, id));
  });

  it('counts its results with exclusions again when the office excludes responses, and only then', async () => {
    const before = await results();
    const ids = (await t.db.query<{ id: number }>(`select id from responses where campaign_id = $1 and ip_prefix = '198.51.100.0/24' order by id limit 3`, [id])).map((r) => r.id);
    const res = await office.post(`/api/campaigns/${id}/exclusions`, { responseIds: ids, excluded: true, reason: '同一网段集中提交' });
    expect(json(res)).toEqual({ changed: 3 });
    const after = await results();
    expect(after.excluded).toBe(3);
    expect(after.units).toEqual(await fresh(true));
    expect(after.units).not.toEqual(before.units);
    expect((await flags()).excluded).toBe(3);

    // A row written behind the API's back (it refuses answers once closed) changes nothing kept.
    await addResponses(id, 5000, 10, new Date());
    expect((await results()).units).toEqual(after.units);
    expect(json<{ participation: { responses: number } }>(await office.get(`/api/campaigns/${id}`)).participation.responses).toBe(65);
  });
});

describe('DATABASE_REPLICA_URL', () => {
  it('needs a PostgreSQL primary', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'postgres://postgres@127.0.0.1:5432/replica' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/p', DATABASE_REPLICA_URL: 'mysql://x' })).toThrow(/DATABASE_REPLICA_URL must look like postgres/);
  });

  it.runIf(process.env.DATABASE_URL)('serves campaign results and flag pages from the replica as from the primary', async () => {
    let replicaApp: FastifyInstance | null = null;
    try {
      // CI has no standby: the replica setting points at the same database (bench/province tries a real one).
      replicaApp = await buildApp({ config: { ...t.config, databaseReplicaUrl: t.config.databaseUrl }, db: t.db, logger: false });
      const onReplica = await login(replicaApp, 'office');
      for (const path of [`/api/campaigns/${id}/results`, `/api/campaigns/${id}/results?exclusions=ignore`, `/api/campaigns/${id}/flags?limit=3&offset=2`]) {
        const a = await office.get(path);
        const b = await onReplica.get(path);
        expect(b.statusCode, b.body).toBe(200);
        expect(b.json()).toEqual(a.json());
      }
    } finally {
      await replicaApp?.close();
    }
  });
});
