import { valueProblem, type ImportRowError, type LastYearTable } from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound, refused } from '../../errors.js';
import { failIfRowErrors, readSheet, writeSheet } from '../../lib/excel.js';
import type { Principal } from '../../lib/principal.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { formulaNames } from '../schemes/scheme-validate.js';
import * as repo from './data.repository.js';
import { dataProblem, limitsOf, problemLine, refuseCells, type DataProblem } from './entry-checks.js';
import { reportingPolicies } from './reporting.policy.js';

/*
 * Last year's value (上年值) of an indicator per unit, which formulas read as `lastYear` (growth over
 * last year, 增速). The scheme may give it (part of the published version, never changed here);
 * otherwise the indicator's data-source unit — or the office — enters or imports it.
 */

const LAST_YEAR = { key: 'lastYear', label: '上年值' };

/** A leaf of a published scheme, by the scheme and the indicator's code (as offices and integrators name it). */
export interface LeafRef {
  schemeId: number;
  code: string;
}

/** An indicator of a scheme for its last-year values, for the route to authorize (reportingPolicies) before it acts. */
export async function findLeaf(db: Queryable, ref: LeafRef): Promise<repo.LastYearLeaf> {
  const leaf = await repo.findLastYearLeaf(db, ref.schemeId, ref.code);
  if (!leaf) throw notFound(`方案中的末级指标 ${ref.code} / Leaf indicator ${ref.code} of the scheme`);
  return leaf;
}


const reads = (leaf: repo.LastYearLeaf): boolean => leaf.method.method === 'formula' && formulaNames(leaf.method.expression).includes('lastYear');

/** Last year's values of one indicator for every unit it applies to, and whether the caller may enter them. */
export async function getLastYear(db: Database, p: Principal, ref: LeafRef): Promise<LastYearTable> {
  const leaf = await findLeaf(db, ref);
  const rows = await repo.findLastYearRows(db, leaf);
  return {
    indicator: { id: leaf.id, code: leaf.code, name: leaf.name, unitLabel: leaf.unit_label, dataSourceUnitId: leaf.data_source_unit_id, readsLastYear: reads(leaf) },
    canEdit: leaf.scheme_status === 'published' && reportingPolicies.enterLastYear(p, leaf),
    items: rows.map((r) => ({ unitId: r.unit_id, unitCode: r.unit_code, unitName: r.unit_name, value: r.value, source: r.source })),
  };
}

/**
 * Saves entered values (null clears one); each must fit the indicator's limits and name a unit it
 * applies to, and a value the scheme gives cannot change. All or none, each change audited.
 */
export async function saveLastYear(db: Database, p: Principal, ref: LeafRef, values: { unitId: number; value: number | null }[], ctx: AuditContext): Promise<LastYearTable> {
  await db.transaction(async (tx) => {
    const leaf = await findLeaf(tx, ref);
    const indicatorId = leaf.id;
    if (leaf.scheme_status !== 'published') throw refused('SCHEME_NOT_PUBLISHED', '只能为现行（已发布）方案的指标填报上年值 / only indicators of the published scheme');
    const rows = new Map((await repo.findLastYearRows(tx, leaf)).map((r) => [r.unit_id, r]));
    const problems: DataProblem[] = [];
    for (const v of values) {
      const row = rows.get(v.unitId);
      if (!row) throw new AppError('VALIDATION_FAILED', `values: 单位 ${v.unitId} 不适用指标 ${leaf.code} / the indicator does not apply to this unit`, [{ path: 'body.values', message: String(v.unitId) }]);
      const place = { unit: { code: row.unit_code, name: row.unit_name }, period: LAST_YEAR };
      if (row.source === 'scheme') problems.push(dataProblem(leaf, place, { value: v.value }, `上年值由考核方案给定（${row.value}），不能在此修改 / set by the scheme`));
      const problem = v.value === null ? null : valueProblem(v.value, limitsOf(leaf));
      if (problem) problems.push(dataProblem(leaf, place, { value: v.value }, problem));
    }
    if (problems.length) throw refuseCells(problems);
    for (const v of values) {
      const before = rows.get(v.unitId)!;
      if (before.value === v.value) continue;
      if (v.value === null) await repo.deleteLastYear(tx, indicatorId, v.unitId);
      else await repo.upsertLastYear(tx, indicatorId, v.unitId, v.value, p.userId);
      await recordAudit(tx, ctx, {
        action: 'last_year.save',
        entity: 'indicator_last_year',
        entityId: `${indicatorId}:${v.unitId}`,
        unitId: v.unitId,
        before: { value: before.value },
        after: { value: v.value, indicator: leaf.code },
      });
    }
  });
  return getLastYear(db, p, ref);
}

const COLUMNS = [
  { key: 'code', header: '单位代码', value: (r: LastYearTable['items'][number]) => r.unitCode, width: 12 },
  { key: 'name', header: '单位名称', value: (r: LastYearTable['items'][number]) => r.unitName, width: 28 },
  { key: 'value', header: '上年值', value: (r: LastYearTable['items'][number]) => r.value, width: 14 },
  { key: 'source', header: '来源（只读）', value: (r: LastYearTable['items'][number]) => (r.source === 'scheme' ? '考核方案' : r.source === 'entered' ? '数据来源单位填报' : ''), width: 18 },
];

/** The indicator's last-year values as a sheet to fill in and upload again. */
export async function lastYearTemplate(db: Database, p: Principal, ref: LeafRef): Promise<{ table: LastYearTable; file: Buffer }> {
  const table = await getLastYear(db, p, ref);
  return { table, file: await writeSheet(`${table.indicator.code} 上年值`, COLUMNS, table.items) };
}

/** Reads a filled sheet: rows that changed are saved; any wrong row imports nothing. */
export async function importLastYear(db: Database, p: Principal, ref: LeafRef, buf: Buffer, ctx: AuditContext): Promise<LastYearTable> {
  const table = await getLastYear(db, p, ref);
  const leaf = await findLeaf(db, ref);
  const byCode = new Map(table.items.map((r) => [r.unitCode, r]));
  const errors: ImportRowError[] = [];
  const values: { unitId: number; value: number | null }[] = [];
  for (const { row, values: v } of await readSheet(buf, COLUMNS.map((c) => ({ key: c.key, header: c.header, required: c.key === 'code' || c.key === 'value' })))) {
    const item = byCode.get(v.code ?? '');
    if (!item) {
      errors.push({ row, column: '单位代码', message: `单位 ${v.code} 不适用指标 ${table.indicator.code}` });
      continue;
    }
    const value = v.value === '' || v.value === undefined ? null : Number(v.value);
    if (value === item.value) continue;
    if (value !== null && !Number.isFinite(value)) {
      errors.push({ row, column: '上年值', message: `“${v.value}”不是数字` });
      continue;
    }
    const place = { unit: { code: item.unitCode, name: item.unitName }, period: LAST_YEAR };
    const problem = item.source === 'scheme' ? '上年值由考核方案给定，不能在此修改 / set by the scheme' : value === null ? null : valueProblem(value, limitsOf(leaf));
    if (problem) {
      errors.push({ row, column: '上年值', message: problemLine(dataProblem(leaf, place, { value }, problem)) });
      continue;
    }
    values.push({ unitId: item.unitId, value });
  }
  failIfRowErrors(errors);
  if (!values.length) throw new AppError('IMPORT_FAILED', '表中没有需要更新的数据 / nothing to update in the sheet', []);
  return saveLastYear(db, p, ref, values, ctx);
}
