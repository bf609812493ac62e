import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleBulletin } from '../../../test/fixtures/official-documents.js';
import { renderDocx, titleLines } from './docx.js';
import type { OfficialDocument } from './official-document.js';

/**
 * Opens the generated .docx as Word would (its XML) and checks the GB/T 9704-2012 layout an office
 * checks with a ruler: A4, margins, the 22 × 28 grid, the red mark and line, fonts and sizes, the
 * "— 1 —" page numbers on both sides. The expected numbers are written out (mm × 56.7 twips,
 * half-points), not taken from the renderer's constants.
 */

interface Docx {
  zip: JSZip;
  document: string;
  styles: string;
  settings: string;
  fontTable: string;
  part(name: string): Promise<string>;
}

async function open(buf: Buffer): Promise<Docx> {
  const zip = await JSZip.loadAsync(buf);
  const read = async (name: string) => {
    const f = zip.file(name);
    if (!f) throw new Error(`${name} is missing from the package`);
    return f.async('string');
  };
  return { zip, document: await read('word/document.xml'), styles: await read('word/styles.xml'), settings: await read('word/settings.xml'), fontTable: await read('word/fontTable.xml'), part: read };
}

/** The body's paragraphs (outside tables too) with their XML and text. */
function paragraphs(xml: string): { xml: string; text: string }[] {
  return [...xml.matchAll(/<w:p(?: [^>]*)?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((m) => ({
    xml: m[0],
    text: [...(m[1] ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));
}

const attr = (xml: string, el: string, name: string): string | undefined => new RegExp(`<w:${el}\\b[^>]*\\bw:${name}="([^"]*)"`).exec(xml)?.[1];
const find = (ps: { xml: string; text: string }[], text: string) => {
  const p = ps.find((x) => x.text.includes(text));
  if (!p) throw new Error(`no paragraph with "${text}"`);
  return p;
};
/** mm as docx twips. */
const tw = (mm: number) => mm * 56.7;

describe('renderDocx: a bulletin in the GB/T 9704-2012 layout', () => {
  let doc: OfficialDocument;
  let d: Docx;
  let ps: { xml: string; text: string }[];

  beforeAll(async () => {
    doc = await sampleBulletin();
    d = await open(await renderDocx(doc));
    ps = paragraphs(d.document);
  });

  it('is A4 with margins 37 / 35 / 28 / 26 mm', () => {
    expect(attr(d.document, 'pgSz', 'w')).toBe('11906');
    expect(attr(d.document, 'pgSz', 'h')).toBe('16838');
    for (const [side, mm] of [['top', 37], ['bottom', 35], ['left', 28], ['right', 26]] as const) {
      expect(Math.abs(Number(attr(d.document, 'pgMar', side)) - tw(mm)), side).toBeLessThanOrEqual(1);
    }
  });

  it('declares the 22 lines × 28 characters grid', () => {
    expect(attr(d.document, 'docGrid', 'type')).toBe('linesAndChars');
    const pitch = Number(attr(d.document, 'docGrid', 'linePitch'));
    const textHeight = 16838 - tw(37) - tw(35);
    expect(Math.floor(textHeight / pitch)).toBe(22);
    // The character pitch is the 16 pt default font plus charSpace/4096 pt: 28 of them fill the 156 mm line.
    const charPt = 16 + Number(attr(d.document, 'docGrid', 'charSpace')) / 4096;
    expect(Math.floor((tw(156) / 20) / charPt)).toBe(28);
    // Body lines are that pitch apart, and text is set so 28 characters fit whatever the renderer does with the grid.
    expect(d.styles).toMatch(new RegExp(`<w:pPrDefault><w:pPr>[^]*?w:line="${pitch}" w:lineRule="exact"`));
    const tighten = Number(/<w:rPrDefault><w:rPr>[^]*?<w:spacing w:val="(-?\d+)"/.exec(d.styles)?.[1] ?? 0);
    expect(28 * (16 + tighten / 20)).toBeLessThanOrEqual(tw(156) / 20);
  });

  it('prints the issuer mark in red 方正小标宋简体, centred', () => {
    const mark = find(ps, '衡阳市绩效考核委员会办公室');
    expect(mark.xml).toContain('<w:color w:val="FF0000"/>');
    expect(attr(mark.xml, 'rFonts', 'eastAsia')).toBe('方正小标宋简体');
    expect(attr(mark.xml, 'jc', 'val')).toBe('center');
    expect(ps.indexOf(mark)).toBe(0);
  });

  it('puts the document number with 〔〕 centred under the mark, on the red line as wide as the text block', () => {
    const num = find(ps, '衡绩办通〔2021〕12号');
    expect(num.text).toMatch(/^\S+〔\d{4}〕\d+号$/);
    expect(attr(num.xml, 'jc', 'val')).toBe('center');
    const bottom = /<w:pBdr><w:bottom ([^>]*)\/>/.exec(num.xml)?.[1] ?? '';
    expect(bottom).toContain('w:color="FF0000"');
    expect(bottom).toContain('w:val="single"');
    // A paragraph border spans the paragraph, and this one has no indents: the full text block.
    expect(num.xml).not.toContain('<w:ind');
    const mark = find(ps, '衡阳市绩效考核委员会办公室');
    expect(ps.indexOf(num)).toBeGreaterThan(ps.indexOf(mark));
  });

  it('sets the title in 2号 小标宋, centred, two lines below the red line, in balanced lines', () => {
    const num = ps.findIndex((p) => p.text.includes('〔2021〕'));
    const title = find(ps, '关于2021年11月中旬');
    expect(ps.indexOf(title)).toBe(num + 3);
    expect(ps.slice(num + 1, num + 3).every((p) => p.text === '')).toBe(true);
    expect(attr(title.xml, 'sz', 'val')).toBe('44');
    expect(attr(title.xml, 'rFonts', 'eastAsia')).toBe('方正小标宋简体');
    expect(attr(title.xml, 'jc', 'val')).toBe('center');
    expect(title.xml).not.toContain('FF0000');
    expect(title.text).toBe('关于2021年11月中旬绩效考核工作情况的通报');
    expect(title.xml).toContain('<w:br/>');
  });

  it('writes the addressees flush left, ending with a full-width colon', () => {
    const to = find(ps, '各县市区人民政府');
    expect(to.text).toBe('各县市区人民政府、各园区管委会、市直各单位：');
    expect(to.xml).not.toContain('<w:ind');
  });

  it('sets the body in 3号 仿宋_GB2312 with a two-character first-line indent', () => {
    expect(attr(d.styles.split('<w:rPrDefault>')[1]!, 'sz', 'val')).toBe('32');
    expect(attr(d.styles.split('<w:rPrDefault>')[1]!, 'rFonts', 'eastAsia')).toBe('仿宋_GB2312');
    const p = find(ps, '11月中旬，全市各县市区');
    expect(attr(p.xml, 'sz', 'val')).toBe('32');
    expect(attr(p.xml, 'rFonts', 'eastAsia')).toBe('仿宋_GB2312');
    expect(attr(p.xml, 'ind', 'firstLineChars')).toBe('200');
    expect(attr(p.xml, 'jc', 'val')).toBe('both');
  });

  it('sets headings 一、 in 黑体, （一） in 楷体_GB2312, 1. and （1） in 仿宋_GB2312', () => {
    expect(attr(find(ps, '一、总体情况').xml, 'rFonts', 'eastAsia')).toBe('黑体');
    expect(attr(find(ps, '（一）绩效考核指标完成情况').xml, 'rFonts', 'eastAsia')).toBe('楷体_GB2312');
    expect(attr(find(ps, '1.进度较快的单位').xml, 'rFonts', 'eastAsia')).toBe('仿宋_GB2312');
    expect(attr(find(ps, '（1）落后于时序进度的指标').xml, 'rFonts', 'eastAsia')).toBe('仿宋_GB2312');
  });

  it('names each standard font with a stand-in and the GB2312 character set for Word and WPS', () => {
    for (const [font, alt] of [['仿宋_GB2312', '仿宋'], ['方正小标宋简体', '华文中宋'], ['黑体', 'SimHei'], ['楷体_GB2312', '楷体'], ['宋体', 'SimSun']]) {
      expect(d.fontTable).toMatch(new RegExp(`<w:font w:name="${font}"><w:altName w:val="${alt}"/>[^]*?<w:charset w:val="86"/>`));
    }
  });

  it('draws the figures as a bordered table with a header row, numbers right-aligned and the row fill', () => {
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(d.document)?.[0] ?? '';
    expect(table).toContain('<w:tblHeader/>');
    expect(table).toMatch(/<w:tblBorders>[\s\S]*<w:insideH w:val="single"/);
    const cells = paragraphs(table);
    expect(attr(find(cells, '903.08').xml, 'jc', 'val')).toBe('right');
    expect(attr(find(cells, '衡阳县').xml, 'jc', 'val')).toBe('left');
    expect(attr(find(cells, '综合得分').xml, 'rFonts', 'eastAsia')).toBe('黑体');
    const rows = table.split('<w:tr>').slice(1);
    expect(rows[2]).toContain('w:fill="FFF2CC"');
    expect(rows[1]).not.toContain('w:fill');
    expect(Number(attr(table, 'tblW', 'w'))).toBe(11906 - Math.round(tw(28)) - Math.round(tw(26)));
  });

  it('places the photo within the text block, with its caption', async () => {
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"/.exec(d.document);
    expect(extent).not.toBeNull();
    const [cx, cy] = [Number(extent![1]), Number(extent![2])];
    const emuPerMm = 36000;
    expect(cx / emuPerMm).toBeGreaterThan(99);
    expect(cx / emuPerMm).toBeLessThanOrEqual(156);
    expect(cx / cy).toBeCloseTo(640 / 480, 1);
    expect(Object.keys(d.zip.files).some((f) => /^word\/media\/.+\.jpg$/.test(f))).toBe(true);
    find(ps, '图1  暗访发现：道路施工未设置围挡');
  });

  it('numbers the attachments, signs and dates the document 4 characters from the right', () => {
    expect(find(ps, '附件：').text).toBe('附件：1.11月中旬各单位指标完成情况表');
    find(ps, '2.暗访问题清单');
    const date = find(ps, '2021年11月22日');
    expect(date.text).toBe('2021年11月22日');
    expect(attr(date.xml, 'jc', 'val')).toBe('right');
    // Four characters of 3号 on the 28-character line: 156 mm / 28 × 4.
    expect(Number(attr(date.xml, 'ind', 'right'))).toBeCloseTo((tw(156) / 28) * 4, -1);
  });

  it('ends with the 版记: 抄送 and 印发机关 / 印发日期 between lines, in 4号', () => {
    const copy = find(ps, '抄送：');
    expect(copy.text).toBe('抄送：市委办公室，市人大常委会办公室，市政府办公室，市政协办公室。');
    expect(copy.xml).toMatch(/<w:top w:val="single"[^>]*w:sz="8"/);
    expect(attr(copy.xml, 'sz', 'val')).toBe('28');
    const printed = ps[ps.length - 1]!;
    expect(printed.text).toBe('衡阳市绩效考核委员会办公室2021年11月22日印发');
    expect(printed.xml).toMatch(/办公室<\/w:t>[\s\S]*<w:tab\/>[\s\S]*2021年11月22日印发/);
    expect(printed.xml).toMatch(/<w:bottom w:val="single"[^>]*w:sz="8"/);
    expect(ps.indexOf(copy)).toBeGreaterThan(ps.findIndex((p) => p.text === '2021年11月22日'));
  });

  it('numbers pages "— 1 —" in 4号 with a PAGE field: odd pages right, even pages left, one character in', async () => {
    expect(d.settings).toMatch(/<w:evenAndOddHeaders(?: w:val="(true|1)")?\/>/);
    const rels = await d.part('word/_rels/document.xml.rels');
    const footer = async (type: 'default' | 'even') => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`).exec(d.document)?.[1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
      return d.part(`word/${target}`);
    };
    for (const [type, jc, side] of [['default', 'right', 'right'], ['even', 'left', 'left']] as const) {
      const xml = await footer(type);
      expect(xml, type).toMatch(/<w:fldChar w:fldCharType="begin"\/>[\s\S]*<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>[\s\S]*<w:fldChar w:fldCharType="end"\/>/);
      const p = paragraphs(xml)[0]!;
      expect(p.text).toBe('— ' + ' —');
      expect(attr(p.xml, 'jc', 'val')).toBe(jc);
      expect(attr(p.xml, 'ind', side)).toBe('280');
      expect(attr(p.xml, 'sz', 'val')).toBe('28');
      expect(attr(p.xml, 'rFonts', 'eastAsia')).toBe('宋体');
    }
  });

  it('gives the same bytes for the same document', async () => {
    const again = await renderDocx(await sampleBulletin());
    const first = await renderDocx(await sampleBulletin());
    expect(again.equals(first)).toBe(true);
  });
});

describe('renderDocx: minutes and drafts', () => {
  const minutes = async (): Promise<OfficialDocument> => ({
    ...(await sampleBulletin()),
    style: 'minutes',
    title: '衡阳市高质量发展点评会会议纪要',
    docNumber: '〔2021〕5号',
    addressees: [],
    attachments: [],
    attendance: { present: ['张三（市委书记）', '李四（市长）'], attending: ['市绩效办', '市督查室'] },
  });

  it('prints the red 纪要 mark instead of the issuer mark, with 出席 and 列席 in 黑体', async () => {
    const ps = paragraphs((await open(await renderDocx(await minutes()))).document);
    const mark = ps[0]!;
    expect(mark.text).toBe('衡阳市高质量发展点评会会议纪要');
    expect(mark.xml).toContain('<w:color w:val="FF0000"/>');
    expect(ps.some((p) => p.text === '衡阳市绩效考核委员会办公室' && p.xml.includes('FF0000'))).toBe(false);
    expect(find(ps, '〔2021〕5号').xml).toMatch(/<w:bottom [^>]*w:color="FF0000"/);
    const present = find(ps, '出席：');
    expect(present.text).toBe('出席：张三（市委书记）、李四（市长）');
    expect(attr(present.xml, 'rFonts', 'eastAsia')).toBe('黑体');
    expect(find(ps, '列席：').text).toBe('列席：市绩效办、市督查室');
  });

  it('marks a draft 草稿 on every page (odd and even headers), and only a draft', async () => {
    const draft = await open(await renderDocx(await sampleBulletin({ draft: true, docNumber: null })));
    const headers = Object.keys(draft.zip.files).filter((f) => /^word\/header\d+\.xml$/.test(f));
    expect(headers.length).toBe(2);
    for (const h of headers) expect(await draft.part(h)).toMatch(/<v:textpath [^>]*string="草稿"/);
    const final = await open(await renderDocx(await sampleBulletin()));
    for (const h of Object.keys(final.zip.files).filter((f) => /^word\/header\d+\.xml$/.test(f))) expect(await final.part(h)).not.toContain('草稿');
    // An unnumbered draft still has its red line.
    expect(paragraphs(draft.document)[3]!.xml).toMatch(/<w:bottom [^>]*w:color="FF0000"/);
  });
});

describe('titleLines', () => {
  it('keeps a short title on one line and breaks a long one into balanced lines without splitting a number', () => {
    expect(titleLines('衡阳县2021年度绩效考核记分卡')).toEqual(['衡阳县2021年度绩效考核记分卡']);
    const lines = titleLines('关于2021年11月中旬绩效考核工作情况的通报');
    expect(lines.join('')).toBe('关于2021年11月中旬绩效考核工作情况的通报');
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('通报')).toBe(true);
    expect(lines[1]!.length).toBeGreaterThan(2);
    for (const l of titleLines('关于对衡阳县政务服务中心群众建议办理情况的绩效改进通知书')) expect(l.length).toBeLessThanOrEqual(19);
  });
});
