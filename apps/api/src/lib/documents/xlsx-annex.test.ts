import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sampleBulletin } from '../../../test/fixtures/official-documents.js';
import { renderXlsxAnnex } from './xlsx-annex.js';

describe('renderXlsxAnnex', () => {
  it('puts each table on its own sheet: header row, numbers as numbers, row fills', async () => {
    const doc = await sampleBulletin();
    const second = { kind: 'table' as const, caption: '表2 落后指标/单位', columns: [{ header: '单位' }, { header: '落后指标数' }], rows: [['衡阳县', 2], ['常宁市', null]] };
    doc.body.push(second);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsxAnnex(doc)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['表1  各县市区综合得分（截至11月20日）', '表2 落后指标 单位']);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('关于2021年11月中旬绩效考核工作情况的通报（衡绩办通〔2021〕12号）');
    expect(ws.getRow(3).values).toEqual([undefined, '排名', '单位', '综合得分', '较上期变化']);
    expect(ws.getRow(3).font?.bold).toBe(true);
    expect(ws.getCell('C4').value).toBe(903.08);
    expect(typeof ws.getCell('D5').value).toBe('number');
    expect(ws.getCell('D5').value).toBe(-1.2);
    expect(ws.getCell('C4').alignment?.horizontal).toBe('right');
    const fill = ws.getCell('B5').fill;
    expect(fill && fill.type === 'pattern' ? fill.fgColor?.argb : undefined).toBe('FFFFF2CC');
    const plain = ws.getCell('B4').fill;
    expect(plain && plain.type === 'pattern' ? plain.pattern : 'none').toBe('none');
    expect(wb.worksheets[1]!.getCell('B5').value).toBeNull();
  });

  it('gives a document without tables a sheet that says so', async () => {
    const doc = await sampleBulletin();
    doc.body = doc.body.filter((b) => b.kind !== 'table');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsxAnnex(doc)) as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(1);
    expect(String(wb.worksheets[0]!.getCell('A2').value)).toContain('无数据表格');
  });
});
