/**
 * bench/portal-submit — citizens submitting questionnaires (POST /api/p/:slug/responses) on a fresh
 * PostgreSQL database, against a ceiling measured in the same run: a bare route on the same app
 * doing one INSERT per request through the same pool. Each submission uses its own invitation token,
 * submission key and served-questionnaire token, and answers 10–20 of the 97 demo units. The two routes alternate in three
 * rounds; afterwards every acknowledged receipt is looked up in the database. Goal: accepted
 * submissions/s at least 50% of the ceiling's requests/s (reported, never enforced).
 *
 *   npm run bench:portal                      # DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/postgres
 *   BENCH_SECONDS=18 BENCH_CONNECTIONS=50 npm run bench:portal   # seconds per route, split over the rounds
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { campaignCreateSchema, type CampaignAnswer } from '@kaoping/shared';
import { buildApp } from '../apps/api/src/app.js';
import { loadConfig } from '../apps/api/src/config.js';
import { openDatabase } from '../apps/api/src/db/database.js';
import { migrate } from '../apps/api/src/db/migrate.js';
import { createCampaign, setStatus } from '../apps/api/src/modules/campaigns/campaigns.service.js';
import { insertInvitations } from '../apps/api/src/modules/campaigns/campaigns.repository.js';
import { Privacy } from '../apps/api/src/modules/privacy/privacy.js';
import { issueServed } from '../apps/api/src/modules/campaigns/served.js';
import { randomSecret, sha256 } from '../apps/api/src/lib/tokens.js';
import { seedDemo } from '../apps/api/src/seed/seed-demo.js';
import { createTestDatabase } from '../apps/api/test/test-db.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = 3;
const ROUND_SECONDS = Math.max(1, Math.round(SECONDS / ROUNDS));
const WARMUP_SECONDS = 3;
const GOAL = 0.5;
const SYSTEM = { actorId: null, actorName: 'bench' };

process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';

let seed = 11;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const REASONS = ['办事窗口排队时间太长', '投诉后一直没有回音', '道路施工长期不完工', '政策宣传不到位，不知道去哪里办'];
const SUGGESTIONS = ['希望周末也能开放办事大厅', '建议在小区附近多建口袋公园', '希望公交线路延伸到新城区', '建议公开整改进度，方便市民监督', '学校门口上下学时段交通拥堵，建议增派人员疏导'];

/** One citizen's questionnaire: 10–20 units, mostly satisfied, reasons on 不满意, a few suggestions; sent with the token its page was served. */
function questionnaire(unitIds: number[], token: string, page: { key: string; served: string }) {
  const n = 10 + Math.floor(rnd() * 11);
  const chosen = [...unitIds].sort(() => rnd() - 0.5).slice(0, n);
  const suggestions = Math.floor(rnd() * 4);
  const answers = chosen.map((unitId, i) => {
    const r = rnd();
    const answer: CampaignAnswer = r < 0.5 ? 'satisfied' : r < 0.75 ? 'basicallySatisfied' : r < 0.85 ? 'dissatisfied' : 'unaware';
    return {
      unitId,
      answer,
      ...(answer === 'dissatisfied' ? { reason: pick(REASONS) } : {}),
      ...(i < suggestions ? { suggestion: pick(SUGGESTIONS) } : {}),
    };
  });
  return {
    verification: { mode: 'invitation' as const, token },
    submissionKey: page.key,
    served: page.served,
    answers,
    extra: { age: pick(['18-30', '31-45', '46-60', '60+']), district: pick(['雁峰区', '石鼓区', '蒸湘区', '珠晖区', '南岳区']) },
  };
}

/** Requests/s, latencies and responses by status of one route, summed over the rounds it was driven. */
class Tally {
  seconds = 0;
  sent = 0;
  /** Share of the time this process's event loop (server and load generator together) was busy. */
  busy = 0;
  errors = 0;
  readonly latencies: number[] = [];
  readonly statuses: Record<string, number> = {};
  get total(): number {
    return Object.values(this.statuses).reduce((a, b) => a + b, 0);
  }
  get rps(): number {
    return this.total / this.seconds;
  }
  pct(p: number): number {
    const s = [...this.latencies].sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
  }
}

/** Drives one route with autocannon for a while, a fresh body per request. */
async function drive(url: string, seconds: number, tally: Tally, body: () => string, onBody?: (status: number, body: string) => void): Promise<void> {
  const opts: autocannon.Options = {
    url,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          tally.sent++;
          return { ...req, body: body() };
        },
        onResponse: (status, resBody) => {
          tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
          onBody?.(status, resBody);
        },
      },
    ],
  };
  const elu = performance.eventLoopUtilization();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, _status, _bytes, ms) => tally.latencies.push(ms));
  });
  tally.busy = (tally.busy * tally.seconds + performance.eventLoopUtilization(elu).utilization * seconds) / (tally.seconds + seconds);
  tally.seconds += seconds;
  tally.errors += result.errors;
}

const fmtStatuses = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([k, v]) => `${k}×${v}`)
    .join(' ');

const tdb = await createTestDatabase();
const db = await openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: ':memory:' });
let app: Awaited<ReturnType<typeof buildApp>> | undefined;
try {
  const [{ fsync }] = (await db.query<{ fsync: string }>('show fsync')) as [{ fsync: string }];
  const [{ synchronous_commit: syncCommit }] = (await db.query<{ synchronous_commit: string }>('show synchronous_commit')) as [{ synchronous_commit: string }];
  await migrate(db);
  await seedDemo(db, { assessment: false });
  await db.exec('create table bench_scratch (id bigserial primary key, key text not null, body jsonb not null, created_at timestamptz not null default now())');

  const now = Date.now();
  const campaign = await createCampaign(
    db,
    campaignCreateSchema.parse({
      slug: 'bench-2021',
      name: '2021年度衡阳市公众评估（基准测试）',
      year: 2021,
      startsAt: new Date(now - 86_400_000).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
      modes: ['invitation'],
      questionnaire: {
        extraQuestions: [
          { key: 'age', text: '您的年龄', options: ['18-30', '31-45', '46-60', '60+'] },
          { key: 'district', text: '您居住的城区', options: ['雁峰区', '石鼓区', '蒸湘区', '珠晖区', '南岳区'] },
        ],
      },
    }),
    null,
    SYSTEM,
  );
  await setStatus(db, campaign.id, 'open', SYSTEM);
  const unitIds = (await db.query<{ unit_id: number }>('select unit_id from campaign_units where campaign_id = $1', [campaign.id])).map((r) => r.unit_id);

  // Enough single-use links for the warm-up and the measured run at well above the expected rate.
  const tokenCount = Math.max(20_000, (ROUNDS * ROUND_SECONDS + WARMUP_SECONDS) * 4000);
  const tokens = Array.from({ length: tokenCount }, () => randomSecret().slice(0, 22));
  for (let i = 0; i < tokens.length; i += 10_000) await insertInvitations(db, campaign.id, 'bench', tokens.slice(i, i + 10_000).map(sha256));
  const config = loadConfig({ DATABASE_URL: tdb.databaseUrl ?? '', LOG_LEVEL: 'silent', DEMO_SEED: 'never', SCORE_SCHEDULE_HOUR: 'off' });
  // Each citizen's page was served its questionnaire a few minutes before (as GET /api/p/:slug?key= hands out).
  const privacy = new Privacy(db, config.privacyKey);
  const pages = await Promise.all(
    tokens.map(async () => {
      const key = randomBytes(16).toString('hex');
      return { key, served: await issueServed(privacy, campaign.id, key, now - (3 + rnd() * 10) * 60_000) };
    }),
  );
  let next = 0;
  const submission = () => {
    if (next >= tokens.length) throw new Error(`all ${tokens.length} invitation tokens used: raise tokenCount`);
    const i = next++;
    return JSON.stringify(questionnaire(unitIds, tokens[i]!, pages[i]!));
  };

  app = await buildApp({ config, db, logger: false });
  // The ceiling: the same app, framework and pool, one INSERT per request and nothing else. Bench only.
  app.post('/bench/bare-insert', async (req, reply) => {
    const body = req.body as { submissionKey: string };
    const [row] = await db.query<{ id: number }>('insert into bench_scratch (key, body) values ($1, $2) returning id', [body.submissionKey, body]);
    reply.code(201);
    return { id: row!.id };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const submitUrl = `${base}/api/p/${campaign.slug}/responses`;
  const bareUrl = `${base}/bench/bare-insert`;

  console.log(
    `PostgreSQL fsync=${fsync} synchronous_commit=${syncCommit} · ${unitIds.length} units · ${tokens.length} invitation tokens · ` +
      `${CONNECTIONS} connections · ${ROUNDS} rounds of ${ROUND_SECONDS} s per route, alternating, after ${WARMUP_SECONDS} s warm-up each`,
  );

  const receipts: string[] = [];
  let acceptedAnswers = 0;
  let acceptedSuggestions = 0;
  const collect = (status: number, body: string) => {
    if (status !== 201) return;
    const r = JSON.parse(body) as { receipt: string; units: number; suggestions: number };
    receipts.push(r.receipt);
    acceptedAnswers += r.units;
    acceptedSuggestions += r.suggestions;
  };

  // Warm-up, then the two routes in turn, so that a disturbance on the machine falls on both alike.
  const warm = { bare: new Tally(), submit: new Tally() };
  await drive(bareUrl, WARMUP_SECONDS, warm.bare, submission);
  await drive(submitUrl, WARMUP_SECONDS, warm.submit, submission, collect);
  const bare = new Tally();
  const submit = new Tally();
  for (let r = 0; r < ROUNDS; r++) {
    await drive(bareUrl, ROUND_SECONDS, bare, submission);
    await drive(submitUrl, ROUND_SECONDS, submit, submission, collect);
  }
  const acceptedRate = (submit.statuses['201'] ?? 0) / submit.seconds;

  // What the server acknowledged is in the database, once, with its answers and suggestions. Requests
  // still in flight when a round's clock ran out are stored without the client seeing the answer, so
  // the database may hold up to that many more responses, never fewer.
  const acknowledged = receipts.length;
  const cutOff = warm.submit.sent - warm.submit.total + (submit.sent - submit.total);
  const [stored] = (await db.query<{ responses: number; found: number; answers: number; suggestions: number }>(
    `select (select count(*)::int from responses where campaign_id = $1) as responses,
            count(*)::int as found,
            coalesce(sum((select count(*) from response_answers a where a.response_id = r.id)), 0)::int as answers,
            coalesce(sum((select count(*) from suggestions s where s.response_id = r.id)), 0)::int as suggestions
       from responses r where r.campaign_id = $1 and r.receipt = any($2::text[])`,
    [campaign.id, receipts],
  )) as [{ responses: number; found: number; answers: number; suggestions: number }];
  const consistent =
    stored.found === acknowledged &&
    stored.answers === acceptedAnswers &&
    stored.suggestions === acceptedSuggestions &&
    stored.responses >= acknowledged &&
    stored.responses <= acknowledged + cutOff;

  const ratio = acceptedRate / bare.rps;
  const others = (t: Tally) => `event loop ${(t.busy * 100).toFixed(0)}% busy   [${fmtStatuses(t.statuses)}${t.errors ? ` errors×${t.errors}` : ''}]`;
  console.log(
    `bare insert      ${bare.rps.toFixed(0).padStart(6)} req/s        p50 ${bare.pct(50).toFixed(0)} ms · p99 ${bare.pct(99).toFixed(0)} ms   ${others(bare)}\n` +
      `submit response  ${acceptedRate.toFixed(0).padStart(6)} accepted/s   p50 ${submit.pct(50).toFixed(0)} ms · p99 ${submit.pct(99).toFixed(0)} ms   ${others(submit)}\n` +
      `database check   ${acknowledged} acknowledged (incl. warm-up), all found once: ${stored.found === acknowledged ? 'yes' : 'NO'} · ` +
      `answers ${stored.answers}/${acceptedAnswers} · suggestions ${stored.suggestions}/${acceptedSuggestions} · ` +
      `${stored.responses} stored (${stored.responses - acknowledged} answered after the clock ran out, ≤ ${cutOff} in flight) → ${consistent ? 'consistent' : 'MISMATCH'}`,
  );
  console.log(
    `portal submit: ${acceptedRate.toFixed(0)} submissions/s (p99 ${submit.pct(99).toFixed(0)} ms) vs bare insert ${bare.rps.toFixed(0)} req/s (p99 ${bare.pct(99).toFixed(0)} ms) · ` +
      `ratio ${(ratio * 100).toFixed(0)}% · goal ≥ ${GOAL * 100}% ${ratio >= GOAL ? 'met' : 'MISSED'} · fsync ${fsync} · storage ${consistent ? 'consistent' : 'MISMATCH'}`,
  );
  if (!consistent) process.exitCode = 1;
} finally {
  await app?.close();
  await db.close();
  await tdb.drop();
}
