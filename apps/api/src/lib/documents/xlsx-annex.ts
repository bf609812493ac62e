import ExcelJS from 'exceljs';
import { columnAlignments, type DocBlock, type OfficialDocument } from './official-document.js';

type TableBlock = Extract<DocBlock, { kind: 'table' }>;

/** Excel refuses these in sheet names, and names past 31 characters. */
function sheetName(caption: string, taken: Set<string>): string {
  const base = caption.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 28) || '表';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}(${i})`;
  taken.add(name);
  return name;
}

/**
 * The .xlsx annex of a document: one sheet per table, with the document's title and the table's
 * caption above a bold, frozen header row; numbers stay numbers and rows keep their fill.
 */
export async function renderXlsxAnnex(doc: OfficialDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = doc.signature.issuer;
  wb.title = doc.title;
  const taken = new Set<string>();
  const tables = doc.body.filter((b): b is TableBlock => b.kind === 'table');
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.caption, taken), { views: [{ state: 'frozen', ySplit: 3 }] });
    ws.addRow([doc.docNumber ? `${doc.title}（${doc.docNumber}）` : doc.title]).font = { bold: true, size: 14 };
    ws.addRow([t.caption]).font = { bold: true };
    const header = ws.addRow(t.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    const aligns = columnAlignments(t);
    t.rows.forEach((r, ri) => {
      const row = ws.addRow(t.columns.map((_, i) => r[i] ?? null));
      const fill = t.rowFill?.[ri];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cell.alignment = { horizontal: aligns[col - 1] };
        if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill}` } };
      });
    });
    const thin = { style: 'thin' as const };
    for (let rn = 3; rn <= ws.rowCount; rn++) {
      for (let c = 1; c <= t.columns.length; c++) ws.getRow(rn).getCell(c).border = { top: thin, bottom: thin, left: thin, right: thin };
    }
    t.columns.forEach((c, i) => {
      const longest = Math.max(c.header.length * 2, ...t.rows.map((r) => String(r[i] ?? '').length * 2));
      ws.getColumn(i + 1).width = Math.min(40, Math.max(8, longest + 2));
    });
  }
  if (tables.length === 0) ws0(wb, doc);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A document without tables still gives a workbook that says so, rather than an empty one Excel complains about. */
function ws0(wb: ExcelJS.Workbook, doc: OfficialDocument): void {
  const ws = wb.addWorksheet('说明');
  ws.addRow([doc.title]).font = { bold: true };
  ws.addRow(['本文无数据表格 / This document has no tables']);
}
