/**
 * bench/province — a province on PostgreSQL: 14 cities' assessed units (~1,400), a 48-indicator
 * scheme with a year of ten-day data for all of them, and a closed public-evaluation campaign of
 * 2,000,000 responses, built by SQL (generate_series) in a fresh database of its own that is dropped
 * afterwards. Each figure is set against a ceiling measured in the same run over the same rows:
 *
 * - a full score run against the bare SQL aggregate of its approved values;
 * - closing the campaign (counting and keeping its tallies, participation and fraud flags) and the
 *   fraud scan alone against the bare read of the rows they work from;
 * - the pages' API calls — rankings, a unit's scorecard, the supervision overview, the campaign, its
 *   results, a page of its fraud flags, the big screen's data — at 20 concurrent users (p50/p95),
 *   each against a bare route on the same app running the bare SQL of its rows at the same load.
 *
 * With --replica the province is built on a PostgreSQL primary of its own (initdb in a temporary
 * folder), a streaming standby is made of it with pg_basebackup, and the pages whose reads may go to
 * a replica are measured again with DATABASE_REPLICA_URL pointing at it (see docs/SCALING.md).
 *
 *   npm run bench:province                       # DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/postgres
 *   npm run bench:province -- --scale 0.05       # a quick run: 5% of the responses, fewer units
 *   npm run bench:province -- --replica          # and a real standby for the read paths
 *   npm run bench:province -- --only score       # the full score run alone (no responses, no pages)
 */
import { performance } from 'node:perf_hooks';
import { campaignCreateSchema, SCHEME_FORMAT, type SchemeDocument, type SchemeIndicator, type SchemeMethod } from '@kaoping/shared';
import { buildApp } from '../apps/api/src/app.js';
import { loadConfig } from '../apps/api/src/config.js';
import { openDatabase, type Database } from '../apps/api/src/db/database.js';
import { migrate } from '../apps/api/src/db/migrate.js';
import { createCampaign, keepClosingFigures, scanFlags, setStatus } from '../apps/api/src/modules/campaigns/campaigns.service.js';
import { importScheme, publishScheme } from '../apps/api/src/modules/schemes/schemes.service.js';
import { runScores } from '../apps/api/src/modules/scores/scores.service.js';
import { DEMO_PASSWORD, seedDemo } from '../apps/api/src/seed/seed-demo.js';
import { createTestDatabase } from '../apps/api/test/test-db.js';
import { startPrimary, type PrimaryWithStandby } from './standby.js';

process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SCALE = Math.min(1, Math.max(0.001, Number(arg('scale') ?? process.env.BENCH_SCALE ?? 1)));
const WITH_REPLICA = process.argv.includes('--replica');
const SCORE_ONLY = arg('only') === 'score';
const CITIES = 14;
const UNITS = Math.max(97, Math.round(1400 * Math.sqrt(SCALE)));
const RESPONSES = SCORE_ONLY ? 0 : Math.round(2_000_000 * SCALE);
const LEAVES = 48;
const USERS = 20;
const REQUESTS = 400;
/** A page's load stops at REQUESTS answers or after this long, whichever comes first (a slow bare query must not stall the run). */
const LOAD_MS = Number(process.env.BENCH_LOAD_SECONDS ?? 20) * 1000;
/** Score runs and bare aggregates measured, alternately; their medians are compared. */
const REPEAT = 5;
const SYSTEM = { actorId: null, actorName: 'bench' };
const METHODS: SchemeMethod[] = [{ type: 'ratio', cap: 1.2 }, { type: 'rank' }, { type: 'progress' }, { type: 'formula', expression: 'P * clamp(actual / target, 0, 1)' }];
const GOAL = { scoreMs: 10_000, scoreRatio: 3, p95: 300 };

/** What a closed campaign's results are counted from: answers per unit, class and answer. */
const TALLY_SQL = `select a.unit_id, r.respondent_class, a.answer, count(*)::int as n
                     from responses r cross join lateral unnest(r.answer_units, r.answer_values) as a (unit_id, answer)
                    where r.campaign_id = $1 group by a.unit_id, r.respondent_class, a.answer`;
/** What a fraud scan cannot do with less than: every response's marks. */
const MARKS_SQL = `select id, submitted_at, served_at, submission_key, ip_prefix, device_hash, phone_prefix, answer_vector, cardinality(answer_units) as units
                     from responses where campaign_id = $1`;
const PARTICIPATION_SQL = `select count(*)::int, count(*) filter (where respondent_class = 'invited')::int, sum(cardinality(answer_units))::int from responses where campaign_id = $1`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
const log = (s: string) => console.log(s);

function provinceScheme(groups: string[]): SchemeDocument {
  const per = LEAVES / 4;
  const indicators: SchemeIndicator[] = [0, 1, 2, 3].map((h) => ({
    code: `H${h + 1}`,
    name: `一级指标 ${h + 1}`,
    points: 250,
    component: 'key',
    children: Array.from({ length: per }, (_, i) => {
      const n = h * per + i + 1;
      return { code: `L${n}`, name: `指标 ${n}`, points: 250 / per, frequency: 'tenDay' as const, aggregate: 'last' as const, method: METHODS[n % METHODS.length]!, targets: { default: 100 } };
    }),
  }));
  return { format: SCHEME_FORMAT, code: 'PROVINCE-2021', name: '全省绩效考评方案', year: 2021, total: 1000, groups, components: [{ code: 'key', name: '重点工作', points: 1000 }], indicators };
}

/** Units of the 13 other cities, spread over the demo's groups, up to UNITS in all. */
async function addProvinceUnits(db: Database): Promise<void> {
  const [{ n }] = (await db.query<{ n: number }>('select count(*)::int as n from units')) as [{ n: number }];
  const more = UNITS - n;
  if (more <= 0) return;
  await db.query(
    `insert into units (code, name, kind, group_id)
     select 'P' || lpad(g::text, 5, '0'), '第' || (2 + g % ($2 - 1)) || '市 单位 ' || g, gr.kind, gr.id
       from generate_series(1, $1::int) g
       join lateral (select id, kind from unit_groups order by id offset (g % (select count(*) from unit_groups)) limit 1) gr on true`,
    [more, CITIES],
  );
}

/** A year of ten-day values for every leaf and unit, approved, by one statement. */
async function addIndicatorData(db: Database, schemeId: number): Promise<number> {
  const [{ n }] = (await db.query<{ n: number }>(
    `with ins as (
       insert into data_values (indicator_id, unit_id, period_id, value, status)
       select i.id, u.id, p.id, round(((p.rn) * (2 + random() * 2))::numeric, 2)::float8, 'approved'
         from indicators i cross join units u
         cross join (select id, row_number() over (order by start_date) as rn from periods where scheme_id = $1) p
        where i.scheme_id = $1 and i.is_leaf and u.active
       returning 1)
     select count(*)::int as n from ins`,
    [schemeId],
  )) as [{ n: number }];
  return n;
}

/**
 * RESPONSES responses over the campaign's ten days, each answering 10–20 consecutive units of the
 * campaign, with the marks fraud review reads: a few networks and devices sending bursts, some
 * answers faster than a person can, the rest spread thinly.
 */
async function addResponses(db: Database, campaignId: number, startsAt: string): Promise<void> {
  const BATCH = 250_000;
  for (let from = 1; from <= RESPONSES; from += BATCH) {
    const to = Math.min(RESPONSES, from + BATCH - 1);
    await db.query(
      `with u as (select array_agg(unit_id order by unit_id) as ids from campaign_units where campaign_id = $1),
            g as (select g, 10 + (hashint4(g) & 1023) % 11 as n, (hashint4(g * 7) & 1048575) as h from generate_series($3::int, $4::int) g)
       insert into responses (campaign_id, identity, respondent_class, submission_key, receipt, answer_vector, ip_prefix, device_hash, phone_prefix,
                              submitted_at, served_at, answer_units, answer_values, answer_reasons)
       select $1, 'bench:' || g.g, case when g.h % 10 < 3 then 'invited' else 'open' end, md5('page' || g.g), md5('receipt' || g.g),
              case when g.h % 500 = 0 then 'same-vector' else md5('vector' || g.g) end,
              case when g.h % 400 = 0 then '198.51.100.0/24' else '10.' || (g.h % 200) || '.' || (g.h / 200 % 250) || '.0/24' end,
              md5('device' || (case when g.h % 1000 = 0 then 1 else g.g end)),
              null,
              $2::timestamptz + (g.g::float8 / $5) * interval '10 days',
              $2::timestamptz + (g.g::float8 / $5) * interval '10 days' - (case when g.h % 700 = 0 then 3 else 60 + g.h % 900 end) * interval '1 second',
              u.ids[1 + g.h % (cardinality(u.ids) - g.n) : g.n + g.h % (cardinality(u.ids) - g.n)],
              array(select (array['satisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'unaware'])[1 + (hashint4(g.g * 31 + k) & 1023) % 5] from generate_series(1, g.n) k),
              array_fill(''::text, array[g.n])
         from g cross join u`,
      [campaignId, startsAt, from, to, RESPONSES],
    );
  }
  // The office has excluded a few hundred responses.
  await db.query(
    `insert into response_exclusions (response_id, reason) select id, '同一网段集中提交' from responses where campaign_id = $1 and ip_prefix = '198.51.100.0/24' order by id limit 500`,
    [campaignId],
  );
  // Settled as a live database is by autovacuum, so that a vacuum of the fresh rows does not run
  // in the middle of what is measured (and the first reads do not set every row's hint bits).
  await db.query('vacuum (analyze)');
}

interface Load {
  p50: number;
  p95: number;
  bytes: number;
  n: number;
}

/** USERS concurrent users each asking for `path` until REQUESTS answers came back; latency per request. */
async function load(base: string, path: string, cookie: string): Promise<Load> {
  const latencies: number[] = [];
  let bytes = 0;
  let next = 0;
  const until = performance.now() + LOAD_MS;
  const user = async () => {
    while (next < REQUESTS && (next < USERS || performance.now() < until)) {
      next++;
      const t0 = performance.now();
      const res = await fetch(base + path, { headers: { cookie } });
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${Buffer.from(body).toString().slice(0, 300)}`);
      latencies.push(performance.now() - t0);
      bytes = body.byteLength;
    }
  };
  await fetch(base + path, { headers: { cookie } }); // warm-up
  await Promise.all(Array.from({ length: USERS }, user));
  return { p50: pct(latencies, 50), p95: pct(latencies, 95), bytes, n: latencies.length };
}

/** Each page's API call and its bare route, with the app reading from `replicaUrl` where it may (and the bare SQL run on `bareUrl`). */
async function measurePages(
  db: Database,
  databaseUrl: string,
  replicaUrl: string | undefined,
  bareRoutes: Record<string, { sql: string; params: unknown[] }>,
  pages: [string, string][],
  bareUrl?: string,
): Promise<{ met: boolean }> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATABASE_REPLICA_URL: replicaUrl ?? '', DATA_DIR: ':memory:', LOG_LEVEL: 'silent', LOGIN_RATE_PER_IP: '100000' });
  const app = await buildApp({ config, db, logger: false });
  const bareDb = bareUrl ? await openDatabase({ databaseUrl: bareUrl, dataDir: ':memory:' }) : db;
  for (const [name, q] of Object.entries(bareRoutes)) app.get(`/bench-bare/${name}`, async () => ({ rows: (await bareDb.query(q.sql, q.params)).length }));
  let met = true;
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const signIn = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'office', password: DEMO_PASSWORD }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    if (signIn.status !== 200 || !cookie.startsWith('kp_session=')) throw new Error(`sign-in failed: ${signIn.status}`);
    for (const [name, path] of pages) {
      const bare = await load(base, `/bench-bare/${name}`, cookie);
      const api = await load(base, path, cookie);
      met &&= api.p95 <= GOAL.p95;
      log(
        `  ${name.padEnd(10)} ${path.padEnd(34)} p50 ${ms(api.p50).padStart(7)} · p95 ${ms(api.p95).padStart(7)} (${(api.bytes / 1024).toFixed(0)} kB, n=${api.n})` +
          ` · bare p50 ${ms(bare.p50).padStart(6)} · p95 ${ms(bare.p95).padStart(6)} · ratio p95 ${(api.p95 / Math.max(bare.p95, 0.1)).toFixed(1)}×${api.p95 <= GOAL.p95 ? '' : ' MISSED'}`,
      );
    }
  } finally {
    await app.close();
    if (bareDb !== db) await bareDb.close();
  }
  return { met };
}

async function main(): Promise<void> {
  log(`province: ${UNITS} units in ${CITIES} cities, ${LEAVES} indicators, ${RESPONSES.toLocaleString('en')} responses (scale ${SCALE})`);
  // With --replica the province lives on a primary of its own, so that a standby can be made of it.
  const cluster: PrimaryWithStandby | null = WITH_REPLICA ? await startPrimary() : null;
  const tdb = cluster ? { databaseUrl: cluster.primary.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  let db: Database | null = null;
  try {
    db = await openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: ':memory:' });
    const t0 = performance.now();
    await migrate(db);
    await seedDemo(db, { assessment: false, publicEvaluation: false, supervision: true });
    await addProvinceUnits(db);
    const groups = (await db.query<{ code: string }>('select code from unit_groups order by sort_order, id')).map((g) => g.code);
    const draft = await importScheme(db, provinceScheme(groups), null, SYSTEM);
    await publishScheme(db, draft.id, null, SYSTEM);
    const values = await addIndicatorData(db, draft.id);
    const campaign = await createCampaign(
      db,
      campaignCreateSchema.parse({ slug: 'province-2021', name: '2021 年度全省群众满意度评价（基准测试）', year: 2021, startsAt: '2021-12-01T00:00:00.000Z', endsAt: '2021-12-11T00:00:00.000Z', modes: ['open'] }),
      null,
      SYSTEM,
    );
    await setStatus(db, campaign.id, 'open', SYSTEM);
    await addResponses(db, campaign.id, '2021-12-01T00:00:00.000Z');
    const [{ n: responses }] = (await db.query<{ n: number }>('select count(*)::int as n from responses where campaign_id = $1', [campaign.id])) as [{ n: number }];
    const [{ size }] = (await db.query<{ size: string }>(`select pg_size_pretty(pg_database_size(current_database())) as size`)) as [{ size: string }];
    log(`fixture: ${values.toLocaleString('en')} indicator values, ${responses.toLocaleString('en')} responses, database ${size}, built in ${ms(performance.now() - t0)}`);

    // A full score run against the bare aggregate of the values it reads.
    const bareScore = `select v.indicator_id, v.unit_id, sum(v.value), count(*) from data_values v join periods p on p.id = v.period_id
                        where p.scheme_id = $1 and p.end_date <= $2::date and v.status = 'approved' group by v.indicator_id, v.unit_id`;
    const runOnce = () => runScores(db!, draft.id, { asOf: '2021-12-31', trigger: 'manual', userId: null }, SYSTEM);
    // Without JIT, as the run reads its values (scores.repository.ts), so the two compare like for like.
    const bareOnce = () =>
      db!.transaction(async (tx) => {
        await tx.query('set local jit = off');
        return tx.query(bareScore, [draft.id, '2021-12-31']);
      });
    await runOnce();
    await bareOnce();
    const runTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      bareTimes.push(await time(bareOnce));
      runTimes.push(await time(runOnce));
    }
    const scoreRun = median(runTimes);
    const scoreBare = median(bareTimes);
    const scoreRatio = scoreRun / scoreBare;
    log(
      `full score run      ${ms(scoreRun)} (median of ${REPEAT}) · bare aggregate ${ms(scoreBare)} · ratio ${scoreRatio.toFixed(2)}× · ` +
        `goal ≤ ${GOAL.scoreMs / 1000} s ${scoreRun <= GOAL.scoreMs ? 'met' : 'MISSED'}, ≤ ${GOAL.scoreRatio}× ${scoreRatio <= GOAL.scoreRatio ? 'met' : 'MISSED'}`,
    );
    if (SCORE_ONLY) return;

    // Closing the campaign, and its fraud scan alone, against the bare reads of their rows.
    const bareMarks = await time(() => db!.query(MARKS_SQL, [campaign.id]));
    const bareTally = await time(() => db!.query(TALLY_SQL, [campaign.id]));
    await setStatus(db, campaign.id, 'closed', SYSTEM);
    const closeMs = await time(() => keepClosingFigures(db!, campaign.id));
    const scanMs = await time(() => scanFlags(db!, campaign.id));
    const [{ flags }] = (await db.query<{ flags: number }>('select count(*)::int as flags from campaign_flags where campaign_id = $1', [campaign.id])) as [{ flags: number }];
    log(`close campaign      ${ms(closeMs)} (tallies, participation, fraud scan kept) · bare tally ${ms(bareTally)} + bare read of marks ${ms(bareMarks)} · ratio ${(closeMs / (bareTally + bareMarks)).toFixed(2)}×`);
    log(`fraud scan          ${ms(scanMs)} (${flags.toLocaleString('en')} flags stored) · bare read of marks ${ms(bareMarks)} · ratio ${(scanMs / bareMarks).toFixed(2)}×`);
    const [run] = await db.query<{ id: number }>('select id from score_runs where scheme_id = $1 order by id desc limit 1', [draft.id]);
    const [unit] = await db.query<{ unit_id: number }>('select unit_id from unit_scores where run_id = $1 order by rank limit 1', [run!.id]);

    // The API, on the primary alone; then, with --replica, with its read paths sent to a standby.
    const bareRoutes: Record<string, { sql: string; params: unknown[] }> = {
      rankings: { sql: 'select unit_id, group_code, total, rank, grade from unit_scores where run_id = $1 order by group_code, rank', params: [run!.id] },
      scorecard: { sql: 'select * from unit_scores where run_id = $1 and unit_id = $2', params: [run!.id, unit!.unit_id] },
      overview: { sql: `select t.status, count(*)::int from tasks t group by t.status`, params: [] },
      campaign: { sql: PARTICIPATION_SQL, params: [campaign.id] },
      results: { sql: TALLY_SQL, params: [campaign.id] },
      flags: { sql: 'select * from campaign_flags where campaign_id = $1 order by seq limit 50', params: [campaign.id] },
      screen: { sql: 'select u.group_code, count(*), avg(u.total) from unit_scores u where u.run_id = $1 group by u.group_code', params: [run!.id] },
    };
    const pages: [string, string][] = [
      ['rankings', `/api/runs/${run!.id}`],
      ['scorecard', `/api/runs/${run!.id}/units/${unit!.unit_id}`],
      ['overview', '/api/supervision/overview'],
      ['campaign', `/api/campaigns/${campaign.id}`],
      ['results', `/api/campaigns/${campaign.id}/results`],
      ['flags', `/api/campaigns/${campaign.id}/flags`],
      ['screen', '/api/screen'],
    ];
    log(`API at ${USERS} concurrent users, up to ${REQUESTS} requests or ${LOAD_MS / 1000} s each page, against a bare route running the bare SQL of its rows:`);
    const onPrimary = await measurePages(db, tdb.databaseUrl!, undefined, bareRoutes, pages);
    log(`goal p95 ≤ ${GOAL.p95} ms on every page: ${onPrimary.met ? 'met' : 'MISSED'}`);
    if (cluster) {
      const standby = await cluster.startStandby();
      for (let i = 0; i < 100 && (await cluster.lagBytes()) !== 0; i++) await new Promise((r) => setTimeout(r, 100));
      log(`standby: pg_basebackup of the primary on port ${cluster.primary.port}, streaming on port ${standby.port}, replay lag ${await cluster.lagBytes()} bytes`);
      // Only the read paths that go to the replica are measured again: campaign results and flag pages.
      log('with DATABASE_REPLICA_URL on the standby (bare routes read the standby too):');
      await measurePages(db, tdb.databaseUrl!, standby.databaseUrl, bareRoutes, pages.filter(([name]) => name === 'results' || name === 'flags'), standby.databaseUrl);
    }

  } finally {
    await db?.close();
    await tdb.drop();
    await cluster?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
