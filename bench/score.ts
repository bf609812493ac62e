/**
 * bench/score — a full score run for 97 units × 40 indicators × 36 ten-day periods, on PGlite and
 * (when DATABASE_URL is set) on a fresh PostgreSQL database, against a ceiling measured in the
 * same run: a bare SQL aggregate over the same approved rows. Goal: under 1 s, within 3× of it.
 *
 *   npm run bench:score            # PGlite only
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:score
 */
import { SCHEME_FORMAT, type SchemeDocument, type SchemeIndicator, type SchemeMethod } from '@kaoping/shared';
import { openDatabase, type Database } from '../apps/api/src/db/database.js';
import { migrate } from '../apps/api/src/db/migrate.js';
import { seedDemo } from '../apps/api/src/seed/seed-demo.js';
import { importScheme, publishScheme } from '../apps/api/src/modules/schemes/schemes.service.js';
import { insertMany } from '../apps/api/src/modules/schemes/schemes.repository.js';
import { runScores } from '../apps/api/src/modules/scores/scores.service.js';
import { createTestDatabase } from '../apps/api/test/test-db.js';

const LEAVES = 40;
const REPEAT = 5;
const SYSTEM = { actorId: null, actorName: 'bench' };
const METHODS: SchemeMethod[] = [{ type: 'ratio', cap: 1.2 }, { type: 'rank' }, { type: 'progress' }, { type: 'formula', expression: 'P * clamp(actual / target, 0, 1)' }];

function benchScheme(): SchemeDocument {
  const headings: SchemeIndicator[] = [0, 1, 2, 3].map((h) => ({
    code: `H${h + 1}`,
    name: `一级指标 ${h + 1}`,
    points: 250,
    component: 'key',
    children: Array.from({ length: LEAVES / 4 }, (_, i) => {
      const n = h * (LEAVES / 4) + i + 1;
      const method = METHODS[n % METHODS.length]!;
      return { code: `L${n}`, name: `指标 ${n}`, points: 25, frequency: 'tenDay' as const, aggregate: 'last' as const, method, targets: { default: 100 } };
    }),
  }));
  return {
    format: SCHEME_FORMAT,
    code: 'BENCH-2021',
    name: '基准测试方案',
    year: 2021,
    total: 1000,
    groups: ['XS', 'CQ', 'YQ', 'ZH', 'SF', 'DQ', 'ZF', 'ZS'],
    components: [{ code: 'key', name: '重点工作', points: 1000 }],
    indicators: headings,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function bench(label: string, db: Database): Promise<void> {
  await migrate(db);
  await seedDemo(db, { assessment: false });
  const draft = await importScheme(db, benchScheme(), null, SYSTEM);
  await publishScheme(db, draft.id, null, SYSTEM);
  const leaves = await db.query<{ id: number }>('select id from indicators where scheme_id = $1 and is_leaf', [draft.id]);
  const units = await db.query<{ id: number }>('select id from units');
  const periods = await db.query<{ id: number }>(`select id from periods where scheme_id = $1 order by start_date`, [draft.id]);
  const rows: unknown[][] = [];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (const l of leaves) for (const u of units) periods.forEach((p, i) => rows.push([l.id, u.id, p.id, Math.round((i + 1) * (2 + rnd() * 2) * 100) / 100, 'approved']));
  const loadMs = await time(() => db.transaction((tx) => insertMany(tx, 'data_values', ['indicator_id', 'unit_id', 'period_id', 'value', 'status'], rows)));

  const bare = `select v.indicator_id, v.unit_id, sum(v.value), count(*) from data_values v join periods p on p.id = v.period_id
                 where p.scheme_id = $1 and p.end_date <= $2::date and v.status = 'approved' group by v.indicator_id, v.unit_id`;
  const runTimes: number[] = [];
  const bareTimes: number[] = [];
  await runScores(db, draft.id, { asOf: '2021-12-31', trigger: 'manual', userId: null }, SYSTEM); // warm-up
  await db.query(bare, [draft.id, '2021-12-31']);
  for (let i = 0; i < REPEAT; i++) {
    bareTimes.push(await time(() => db.query(bare, [draft.id, '2021-12-31'])));
    runTimes.push(await time(() => runScores(db, draft.id, { asOf: '2021-12-31', trigger: 'manual', userId: null }, SYSTEM)));
  }
  const run = median(runTimes);
  const ceiling = median(bareTimes);
  const ratio = run / ceiling;
  const [{ n }] = (await db.query<{ n: number }>('select count(*)::int as n from data_values')) as [{ n: number }];
  console.log(
    `${label.padEnd(10)} rows=${n} (${leaves.length} indicators × ${units.length} units × ${periods.length} periods, loaded in ${(loadMs / 1000).toFixed(1)} s)\n` +
      `${''.padEnd(10)} full run ${run.toFixed(0)} ms (median of ${REPEAT}) · bare aggregate ${ceiling.toFixed(0)} ms · ratio ${ratio.toFixed(2)}× ` +
      `· goal < 1000 ms ${run < 1000 ? 'met' : 'MISSED'}, ≤ 3× ${ratio <= 3 ? 'met' : 'MISSED'}`,
  );
}

const pglite = await openDatabase({ dataDir: ':memory:' });
try {
  await bench('PGlite', pglite);
} finally {
  await pglite.close();
}
if (process.env.DATABASE_URL) {
  const tdb = await createTestDatabase();
  const pg = await openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: ':memory:' });
  try {
    await bench('PostgreSQL', pg);
  } finally {
    await pg.close();
    await tdb.drop();
  }
}
