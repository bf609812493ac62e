import ExcelJS from 'exceljs';
import type { ImportRowError } from '@kaoping/shared';
import { AppError } from '../errors.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel format of a time to the minute: the cell holds a date (from TimeZone.excel), shown as offices write it. */
export const EXCEL_MINUTE = 'yyyy-mm-dd hh:mm';

/** One column of an exported or imported sheet; the header is what offices see in Excel. */
export interface SheetColumn<T> {
  key: string;
  header: string;
  width?: number;
  /** Number format of the column's cells, e.g. EXCEL_MINUTE for times (a Date from TimeZone.excel). */
  numFmt?: string;
  value: (row: T) => string | number | boolean | Date | null;
}

/** Writes rows to a one-sheet workbook with a bold, frozen header row. */
export async function writeSheet<T>(sheetName: string, columns: SheetColumn<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kaoping';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, c.value(r)])));
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
