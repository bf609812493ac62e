import { generatePeriods } from '@kaoping/scoring';
import type { Database } from '../db/database.js';
import { recordAudit } from '../modules/audit/audit.service.js';
import { insertMany } from '../modules/schemes/schemes.repository.js';
import { importScheme, publishScheme } from '../modules/schemes/schemes.service.js';
import { runScores } from '../modules/scores/scores.service.js';
import { generateDemoData } from './hengyang-data-2021.js';
import { hengyangScheme2021 } from './hengyang-scheme-2021.js';
import { DEMO_GROUPS, demoUnits } from './hengyang-units.js';

const SYSTEM = { actorId: null, actorName: 'system' };
/** The demo year is complete up to here; December is still being reported. */
const LOCKED_UNTIL = '2021-11-30';

/**
 * The 2021 assessment of the demo: the scheme published, a year of (fictional) data — approved
 * through November, December still in the approval chain — and score runs at the end of
 * November and of December, so rankings, trends and comparisons show on first start.
 */
export async function seedAssessmentDemo(db: Database): Promise<{ schemeId: number; values: number; runs: number[] }> {
  const doc = hengyangScheme2021();
  const draft = await importScheme(db, doc, null, SYSTEM);
  const scheme = await publishScheme(db, draft.id, null, SYSTEM);
  const units = demoUnits().map((u) => ({ code: u.code, groupCode: u.groupCode }));
  const points = generateDemoData(doc, units);

  const ids = {
    unit: new Map((await db.query<{ id: number; code: string }>('select id, code from units')).map((r) => [r.code, r.id])),
    indicator: new Map((await db.query<{ id: number; code: string }>('select id, code from indicators where scheme_id = $1', [scheme.id])).map((r) => [r.code, r.id])),
    period: new Map((await db.query<{ id: number; key: string }>('select id, key from periods where scheme_id = $1', [scheme.id])).map((r) => [r.key, r.id])),
  };
  const periodEnd = new Map<string, string>();
  for (const f of ['week', 'tenDay', 'month', 'quarter', 'year'] as const) for (const p of generatePeriods(doc.year, f)) periodEnd.set(p.key, p.end);

  let n = 0;
  const rows = points.flatMap((pt) => {
    const indicatorId = ids.indicator.get(pt.indicatorCode);
    const unitId = ids.unit.get(pt.unitCode);
    const periodId = ids.period.get(pt.periodKey);
    if (!indicatorId || !unitId || !periodId) return [];
    const end = periodEnd.get(pt.periodKey) ?? '';
    // December's figures are still moving through the chain: a mix of drafts, submissions and one return
    // (a value 衡阳县 reports itself, so its reporter finds it on the workbench).
    const status = end <= LOCKED_UNTIL ? 'approved' : ['approved', 'approved', 'submitted', 'draft'][n++ % 4]!;
    return [[indicatorId, unitId, periodId, pt.value ?? null, pt.grade ?? null, pt.events ? JSON.stringify(pt.events) : null, pt.note ?? '演示数据', status]];
  });
  await db.transaction(async (tx) => {
    await insertMany(tx, 'data_values', ['indicator_id', 'unit_id', 'period_id', 'value', 'grade', 'events', 'note', 'status'], rows);
    await tx.query(`update periods set status = case when end_date <= $2::date then 'locked' else 'open' end where scheme_id = $1`, [scheme.id, LOCKED_UNTIL]);
    await tx.query(
      `update data_values set status = 'returned', return_reason = '与统计部门口径不一致，请核实后重新提交（演示）'
        where id = (select v.id from data_values v join periods p on p.id = v.period_id
                      join indicators i on i.id = v.indicator_id join units u on u.id = v.unit_id
                     where p.scheme_id = $1 and v.status = 'submitted' and i.data_source_unit_id is null
                     order by u.code = '430421' desc, v.id limit 1)`,
      [scheme.id],
    );
    await recordAudit(tx, SYSTEM, { action: 'seed.demo.assessment', entity: 'scheme', entityId: scheme.id, after: { values: rows.length, groups: DEMO_GROUPS.length } });
  });
  const runs = [
    (await runScores(db, scheme.id, { asOf: LOCKED_UNTIL, trigger: 'manual', userId: null }, SYSTEM)).id,
    (await runScores(db, scheme.id, { asOf: '2021-12-31', trigger: 'manual', userId: null }, SYSTEM)).id,
  ];
  return { schemeId: scheme.id, values: rows.length, runs };
}
