import ExcelJS from 'exceljs';
import type { ImportRowError } from '@kaoping/shared';
import { AppError } from '../errors.js';
import type { Lang } from './language.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel format of a time to the minute: the cell holds a date (from TimeZone.excel), shown as offices write it. */
export const EXCEL_MINUTE = 'yyyy-mm-dd hh:mm';

/** Excel format of a calendar date (a Date from `excelDate`). */
export const EXCEL_DATE = 'yyyy-mm-dd';
/** Excel formats of a share (0.3 shows as 30%, 30.00%). */
export const EXCEL_PERCENT = '0%';
export const EXCEL_PERCENT_2 = '0.00%';

/**
 * A calendar date (YYYY-MM-DD, already the deployment's date) as the Date exceljs writes as that
 * day's serial: its UTC fields are the date's.
 */
export const excelDate = (date: string | null | undefined): Date | null => (date ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : null);

/** A cell's fill and font colours (ARGB), e.g. a light's. */
export interface CellColour {
  fill: string;
  font?: string;
}

/** Rows below the data that a static drop-down still covers, for the rows an office adds to a template. */
const EXTRA_ROWS = 500;

/** One column of an exported or imported sheet; the header is what offices see in Excel. */
export interface SheetColumn<T> {
  key: string;
  header: string;
  width?: number;
  /** Number format of the column's cells, e.g. EXCEL_MINUTE for times (a Date from TimeZone.excel), EXCEL_DATE, EXCEL_PERCENT. */
  numFmt?: string;
  value: (row: T) => string | number | boolean | Date | null;
  /** The cell's colours (e.g. a light), or nothing for a plain cell. */
  colour?: (row: T) => CellColour | undefined;
  /**
   * A drop-down of the allowed values (Excel data validation): one list for the whole column (also
   * on rows an office adds below), or a list per row (null: no drop-down on that row).
   */
  choices?: readonly string[] | ((row: T) => readonly string[] | null);
}

const listValidation = (choices: readonly string[], header: string): ExcelJS.DataValidation => ({
  type: 'list',
  allowBlank: true,
  // A list written in the formula itself: quoted, comma-separated (Excel caps it at 255 characters).
  formulae: [`"${choices.map((c) => c.replaceAll('"', '""').replaceAll(',', '，')).join(',')}"`],
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: header,
  error: `请从列表中选择：${choices.join('、')}`.slice(0, 225),
});

/** A light's name and the colours its cell is filled with, as the admin shows it. */
const LIGHTS: Record<string, { zh: string; en: string } & CellColour> = {
  green: { zh: '绿灯', en: 'Green', fill: 'FF52C41A', font: 'FFFFFFFF' },
  blue: { zh: '蓝灯', en: 'Blue', fill: 'FF1677FF', font: 'FFFFFFFF' },
  yellow: { zh: '黄灯', en: 'Yellow', fill: 'FFFADB14', font: 'FF000000' },
  red: { zh: '红灯', en: 'Red', fill: 'FFF5222D', font: 'FFFFFFFF' },
};

/** The 亮灯 column of tasks and problems: the light's name in the caller's language, its cell filled with the light's colour. */
export function lightColumn<T>(light: (row: T) => string | null, lang: Lang): SheetColumn<T> {
  const of = (r: T) => {
    const l = light(r);
    return l ? LIGHTS[l] : undefined;
  };
  return { key: 'light', header: '亮灯', width: 8, value: (r) => of(r)?.[lang] ?? '', colour: of };
}

/** A drop-down of `choices` on a column's cells from row 2 to `lastRow` (set cell by cell; the writer squeezes them into one range). */
export function addDropDown(ws: ExcelJS.Worksheet, column: number, lastRow: number, choices: readonly string[], header: string): void {
  if (choices.length === 0) return;
  const validation = listValidation(choices, header);
  for (let r = 2; r <= lastRow; r++) ws.getCell(r, column).dataValidation = validation;
}

/** Rows an office may add below the data of a sheet that is also a template, still with drop-downs. */
export const TEMPLATE_ROWS = EXTRA_ROWS;

/** Writes rows to a one-sheet workbook with a bold, frozen header row, coloured cells and drop-downs where the columns ask. */
export async function writeSheet<T>(sheetName: string, columns: SheetColumn<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kaoping';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  ws.getRow(1).font = { bold: true };
  rows.forEach((r) => {
    const row = ws.addRow(Object.fromEntries(columns.map((c) => [c.key, c.value(r)])));
    columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const colour = c.colour?.(r);
      if (colour) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colour.fill } };
        cell.font = { bold: true, ...(colour.font ? { color: { argb: colour.font } } : {}) };
        cell.alignment = { horizontal: 'center' };
      }
      if (typeof c.choices === 'function') {
        const choices = c.choices(r);
        if (choices?.length) cell.dataValidation = listValidation(choices, c.header);
      }
    });
  });
  columns.forEach((c, j) => {
    if (Array.isArray(c.choices)) addDropDown(ws, j + 1, rows.length + 1 + EXTRA_ROWS, c.choices as readonly string[], c.header);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A data row read from a sheet, keyed by column key, with its Excel row number for error reports. */
export interface SheetRow {
  row: number;
  values: Record<string, string>;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString();
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

/** Reads the first sheet, matching columns by header text; a missing required header is a 422 naming it. */
export async function readSheet(buf: Buffer, columns: { key: string; header: string; required?: boolean }[]): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('BAD_REQUEST', '无法读取文件：请上传 Excel .xlsx 文件 / Cannot read the file: upload an Excel .xlsx workbook');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('IMPORT_FAILED', '工作簿中没有工作表 / The workbook has no sheet', []);
  const headerIdx = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => headerIdx.set(cellText(cell.value), col));
  const missing = columns.filter((c) => c.required && !headerIdx.has(c.header));
  if (missing.length) {
    const details: ImportRowError[] = missing.map((c) => ({ row: 1, column: c.header, message: `缺少列“${c.header}” / missing column` }));
    throw new AppError('IMPORT_FAILED', `缺少列：${missing.map((c) => c.header).join('、')}`, details);
  }
  const rows: SheetRow[] = [];
  ws.eachRow((r, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    for (const c of columns) {
      const idx = headerIdx.get(c.header);
      values[c.key] = idx ? cellText(r.getCell(idx).value) : '';
    }
    if (Object.values(values).some((v) => v !== '')) rows.push({ row: rowNumber, values });
  });
  if (rows.length === 0) throw new AppError('IMPORT_FAILED', '表中没有数据行 / The sheet has no data rows', []);
  if (rows.length > 5000) throw new AppError('IMPORT_FAILED', '一次最多导入 5000 行 / At most 5000 rows per import', []);
  return rows;
}

/** Ends an import: if any row was wrong, nothing is imported and every problem is listed. */
export function failIfRowErrors(errors: ImportRowError[]): void {
  if (errors.length) {
    throw new AppError('IMPORT_FAILED', `${errors.length} 处错误，未导入任何数据 / ${errors.length} problems; nothing was imported`, errors);
  }
}
