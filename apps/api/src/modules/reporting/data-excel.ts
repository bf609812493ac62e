import { isEventMethod, VALUE_STATUS_LABELS, type ImportRowError, type RecordedEvent, type ValueEntry } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import { AppError, forbidden } from '../../errors.js';
import { reportingPolicies } from './reporting.policy.js';
import { failIfRowErrors, readSheet, writeSheet, type SheetColumn } from '../../lib/excel.js';
import { localize, type Lang } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import type { AuditContext } from '../audit/audit.service.js';
import * as repo from './data.repository.js';
import { cellPlace, getGrid, loadPeriod, saveGrid, type Grid, type GridRow } from './data.service.js';
import { cellProblem, dataProblem, gradesOf, problemLine } from './entry-checks.js';

/** What a 事项 cell says when 本期无事项 (nothing to report) is recorded. */
const NO_EVENTS = '本期无事项';

/** A row's events as an Excel cell: empty (nothing recorded), 本期无事项, or the events as JSON. */
function eventsText(events: RecordedEvent[] | null): string {
  if (events === null) return '';
  return events.length === 0 ? NO_EVENTS : JSON.stringify(events);
}

/** Reads a 事项 cell back: empty → not given, 本期无事项 / 无 / [] → none, else a JSON list (or one object) of events. */
function eventsFromCell(text: string): { events?: unknown[] } | { error: string } {
  const t = text.trim();
  if (t === '') return {};
  if (t === NO_EVENTS || t === '无' || t === '[]') return { events: [] };
  try {
    const parsed: unknown = JSON.parse(t);
    if (Array.isArray(parsed)) return { events: parsed };
    if (parsed !== null && typeof parsed === 'object') return { events: [parsed] };
  } catch {
    // answered below
  }
  return { error: `事项须写“${NO_EVENTS}”或 JSON，如 [{"kind":"criticism","count":1}]（收到 ${t.slice(0, 80)}）/ events are “${NO_EVENTS}” or JSON` };
}

const COLUMNS = [
  { key: 'code', header: '指标代码', value: (r: GridRow) => r.indicator.code, width: 12 },
  { key: 'name', header: '指标名称', value: (r: GridRow) => r.indicator.name, width: 30 },
  { key: 'unit', header: '计量单位', value: (r: GridRow) => r.indicator.unitLabel, width: 10 },
  { key: 'target', header: '目标值', value: (r: GridRow) => r.target, width: 10 },
  { key: 'value', header: '填报值', value: (r: GridRow) => r.value, width: 12 },
  { key: 'grade', header: '等次', value: (r: GridRow) => r.grade, width: 8 },
  { key: 'events', header: '事项（扣分/加分/否决）', value: (r: GridRow) => (isEventMethod(r.indicator.method) ? eventsText(r.events) : null), width: 40 },
  { key: 'note', header: '说明', value: (r: GridRow) => r.note, width: 40 },
  { key: 'status', header: '状态（只读）', value: (r: GridRow) => r.status, width: 10 },
];

/** A row's status in words: 草稿, 已提交… (Draft, Submitted… in English), 未填报 when nothing is entered. */
const statusWords = (status: GridRow['status'], lang: Lang) =>
  status === 'empty' ? localize(lang, '未填报', 'Not entered') : VALUE_STATUS_LABELS[status][lang];

/** The template's columns: statuses in the caller's language, a drop-down of its grades on each grade row. */
function templateColumns(lang: Lang, gradesByCode: Map<string, string[]>): SheetColumn<GridRow>[] {
  return COLUMNS.map((c) => {
    if (c.key === 'status') return { ...c, value: (r: GridRow) => statusWords(r.status, lang) };
    if (c.key === 'grade') return { ...c, choices: (r: GridRow) => gradesByCode.get(r.indicator.code) ?? null };
    return c;
  });
}

/** The unit's grid for one period as a sheet to fill in Excel and upload again. */
export async function gridTemplate(db: Database, p: Principal, unitId: number, periodId: number, lang: Lang = 'zh'): Promise<{ grid: Grid; file: Buffer }> {
  const grid = await getGrid(db, p, unitId, periodId);
  const period = await loadPeriod(db, periodId);
  const leaves = await repo.findLeavesForUnit(db, period.scheme_id, unitId, period.frequency);
  const gradesByCode = new Map(leaves.filter((l) => l.method.method === 'grade').map((l) => [l.code, gradesOf(l)]));
  return { grid, file: await writeSheet(grid.period.label, templateColumns(lang, gradesByCode), grid.rows) };
}

/** Reads a filled template: every row is checked first (against its indicator too); one wrong row imports nothing. */
export async function importGrid(db: Database, p: Principal, unitId: number, periodId: number, buf: Buffer, ctx: AuditContext): Promise<Grid> {
  const grid = await getGrid(db, p, unitId, periodId);
  if (!grid.rows.some((r) => reportingPolicies.enterValue(p, { unitId, sourceUnitId: r.indicator.dataSourceUnitId }))) {
    throw forbidden('无权为该单位填报 / you may not enter data for this unit');
  }
  const period = await loadPeriod(db, periodId);
  const place = await cellPlace(db, unitId, period);
  const leaves = new Map((await repo.findLeavesForUnit(db, period.scheme_id, unitId, period.frequency)).map((l) => [l.code, l]));
  const byCode = new Map(grid.rows.map((r) => [r.indicator.code, r]));
  const rows = await readSheet(buf, COLUMNS.map((c) => ({ key: c.key, header: c.header, required: c.key === 'code' || c.key === 'value' })));
  const errors: ImportRowError[] = [];
  const values: ValueEntry[] = [];
  for (const { row, values: v } of rows) {
    const r = byCode.get(v.code ?? '');
    const leaf = leaves.get(v.code ?? '');
    if (!r || !leaf) {
      errors.push({ row, column: '指标代码', message: `指标 ${v.code} 不在本单位本期的填报表中` });
      continue;
    }
    const isEvents = isEventMethod(r.indicator.method);
    const eventsCell = isEvents ? (v.events ?? '') : '';
    const unchanged =
      (v.value ?? '') === (r.value === null ? '' : String(r.value)) &&
      (v.grade ?? '') === (r.grade ?? '') &&
      (v.note ?? '') === (r.note ?? '') &&
      (!isEvents || eventsCell === eventsText(r.events));
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
    const events = eventsFromCell(eventsCell);
    if ('error' in events) {
      errors.push({ row, column: '事项（扣分/加分/否决）', message: events.error });
      continue;
    }
    const entry: ValueEntry = { indicatorId: r.indicator.id, value: num, grade: v.grade || null, note: v.note || null, ...(isEvents ? { events: (events.events ?? r.events) as ValueEntry['events'] } : {}) };
    const problem = cellProblem(leaf, entry);
    if (problem) {
      errors.push({ row, column: isEvents ? '事项（扣分/加分/否决）' : leaf.method.method === 'grade' ? '等次' : '填报值', message: problemLine(dataProblem(leaf, place, entry, problem)) });
      continue;
    }
    values.push(entry);
  }
  failIfRowErrors(errors);
  if (!values.length) throw new AppError('IMPORT_FAILED', '表中没有需要更新的数据 / nothing to update in the sheet', []);
  return saveGrid(db, p, { unitId, periodId, values }, ctx);
}
