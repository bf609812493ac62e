import type { ImportRowError } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import { AppError, forbidden } from '../../errors.js';
import { reportingPolicies } from './reporting.policy.js';
import { failIfRowErrors, readSheet, writeSheet } from '../../lib/excel.js';
import type { Principal } from '../../lib/principal.js';
import type { AuditContext } from '../audit/audit.service.js';
import { getGrid, saveGrid, type Grid, type GridRow } from './data.service.js';

const COLUMNS = [
  { key: 'code', header: '指标代码', value: (r: GridRow) => r.indicator.code, width: 12 },
  { key: 'name', header: '指标名称', value: (r: GridRow) => r.indicator.name, width: 30 },
  { key: 'unit', header: '计量单位', value: (r: GridRow) => r.indicator.unitLabel, width: 10 },
  { key: 'target', header: '目标值', value: (r: GridRow) => r.target, width: 10 },
  { key: 'value', header: '填报值', value: (r: GridRow) => r.value, width: 12 },
  { key: 'grade', header: '等次', value: (r: GridRow) => r.grade, width: 8 },
  { key: 'note', header: '说明', value: (r: GridRow) => r.note, width: 40 },
  { key: 'status', header: '状态（只读）', value: (r: GridRow) => r.status, width: 10 },
];

/** The unit's grid for one period as a sheet to fill in Excel and upload again. */
export async function gridTemplate(db: Database, p: Principal, unitId: number, periodId: number): Promise<{ grid: Grid; file: Buffer }> {
  const grid = await getGrid(db, p, unitId, periodId);
  return { grid, file: await writeSheet(grid.period.label, COLUMNS, grid.rows) };
}

/** Reads a filled template: every row is checked first; one wrong row imports nothing. */
export async function importGrid(db: Database, p: Principal, unitId: number, periodId: number, buf: Buffer, ctx: AuditContext): Promise<Grid> {
  const grid = await getGrid(db, p, unitId, periodId);
  if (!grid.rows.some((r) => reportingPolicies.enterValue(p, unitId, r.indicator.dataSourceUnitId))) {
    throw forbidden('无权为该单位填报 / you may not enter data for this unit');
  }
  const byCode = new Map(grid.rows.map((r) => [r.indicator.code, r]));
  const rows = await readSheet(buf, COLUMNS.map((c) => ({ key: c.key, header: c.header, required: c.key === 'code' || c.key === 'value' })));
  const errors: ImportRowError[] = [];
  const values = [];
  for (const { row, values: v } of rows) {
    const r = byCode.get(v.code ?? '');
    if (!r) {
      errors.push({ row, column: '指标代码', message: `指标 ${v.code} 不在本单位本期的填报表中` });
      continue;
    }
    const unchanged = (v.value ?? '') === (r.value === null ? '' : String(r.value)) && (v.grade ?? '') === (r.grade ?? '') && (v.note ?? '') === (r.note ?? '');
    if (unchanged) continue;
    if (!r.canEdit) {
      errors.push({ row, column: '填报值', message: `该指标当前不可修改（${r.status}）` });
      continue;
    }
    const num = v.value === '' || v.value === undefined ? null : Number(v.value);
    if (num !== null && !Number.isFinite(num)) {
      errors.push({ row, column: '填报值', message: `“${v.value}”不是数字` });
      continue;
    }
    values.push({ indicatorId: r.indicator.id, value: num, grade: v.grade || null, note: v.note || null });
  }
  failIfRowErrors(errors);
  if (!values.length) throw new AppError('IMPORT_FAILED', '表中没有需要更新的数据 / nothing to update in the sheet', []);
  return saveGrid(db, p, { unitId, periodId, values }, ctx);
}
