import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Header,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  Tab,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import JSZip from 'jszip';
import sharp from 'sharp';
import { fontTableXml } from './fonts.js';
import { CHAR, CHAR_SPACE, FONT, LINE, MARGIN, mm, PAGE, RED, SIZE, TEXT_WIDTH } from './gbt9704.js';
import { columnAlignments, type DocBlock, type OfficialDocument } from './official-document.js';

/**
 * Renders an official document as .docx in the GB/T 9704-2012 layout (DOMAIN.md §6): A4, the 37/35/28/26 mm
 * margins, a 22-line × 28-character grid, the red 版头 (发文机关标志, 发文字号, separator line), the title,
 * 主送, body, 附件说明, 落款, the 版记 and the "— 1 —" page numbers, odd pages right and even pages left.
 */
export async function renderDocx(doc: OfficialDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    ...(doc.style === 'minutes' ? minutesHead(doc) : documentHead(doc)),
    ...(await bodyBlocks(doc.body)),
    ...attachmentNote(doc.attachments ?? []),
    ...(doc.style === 'minutes' && doc.attendance ? attendance(doc.attendance) : []),
    ...signature(doc.signature),
    ...imprint(doc),
  ];
  const watermark = () => (doc.draft ? [new Paragraph({ children: [new TextWatermark({ text: '草稿', font: FONT.hei, color: 'BFBFBF', opacity: 0.35, width: 340, height: 170 })] })] : []);
  const document = new Document({
    creator: doc.signature.issuer,
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      paragraphStyles: [{ id: 'Normal', name: 'Normal', run: { font: fontOf(FONT.fangsong), size: SIZE.san, sizeComplexScript: SIZE.san, characterSpacing: TIGHTEN } }],
      default: {
        document: {
          run: { font: fontOf(FONT.fangsong), size: SIZE.san, characterSpacing: TIGHTEN, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            // The footer sits so that the page number's 一字线 is 7 mm below the text block.
            margin: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right, header: mm(15), footer: mm(21), gutter: 0 },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE, charSpace: CHAR_SPACE },
        },
        headers: { default: new Header({ children: watermark() }), even: new Header({ children: watermark() }) },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return finishPackage(await Packer.toBuffer(document));
}

// ---------- runs and paragraphs ----------

/**
 * 28 characters of 3号 on the 156 mm line. The section's document grid says so (22 lines × 28 characters,
 * as Word's page set-up shows it), but renderers apply a grid differently: LibreOffice gives a character
 * wider than its grid cell two cells, which would halve the line. So paragraphs do not snap to the grid;
 * text is drawn 0.25 pt tighter than its size (16 pt − 0.25 pt = 15.75 pt × 28 ≤ 442.2 pt) and lines are
 * an exact 28.95 pt apart, which gives the same 28 × 22 in Word, WPS and LibreOffice.
 */
const TIGHTEN = -5;

const fontOf = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' as const });

function run(text: string, font: string = FONT.fangsong, size: number = SIZE.san, extra: { color?: string; snapToGrid?: boolean } = {}): TextRun {
  return new TextRun({ text, font: fontOf(font), size, sizeComplexScript: size, ...extra });
}

/** A body line: 3号 仿宋, justified, first line indented two characters. */
const indented = (children: TextRun[], extra: IParagraphOptions = {}) =>
  new Paragraph({ children, alignment: AlignmentType.JUSTIFIED, indent: { firstLine: Math.round(2 * CHAR), firstLineChars: 200 }, ...extra });

const blank = (n = 1) => Array.from({ length: n }, () => new Paragraph({ children: [] }));

/** Width of text in characters: a CJK character is one, a Latin letter or digit a little over half (with the space set between scripts). */
export const textWidthChars = (s: string): number => [...s].reduce((w, c) => w + (c.charCodeAt(0) < 0x2e80 ? 0.6 : 1), 0);

/** The issuer's mark: as large as 小初 (36 pt) when it fits the line, smaller for a long name. */
function markSize(text: string): number {
  const fit = Math.floor((TEXT_WIDTH / 20 / Math.max(textWidthChars(text), 1)) * 0.95);
  return Math.min(36, Math.max(22, fit)) * 2;
}

// ---------- 版头 ----------

/** A red mark (发文机关标志 or 纪要标志), 35 mm below the top of the text block. */
function redMark(text: string): Paragraph {
  const size = markSize(text);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: mm(35), line: Math.max(LINE, size * 12), lineRule: LineRuleType.AT_LEAST },
    children: [run(text, FONT.xiaobiaosong, size, { color: RED })],
  });
}

/** The 发文字号 (or a minutes' number) centred, with the red separator line 4 mm below it, as wide as the text block. */
function numberAndRedLine(number: string | null): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    border: { bottom: { style: BorderStyle.SINGLE, color: RED, size: 12, space: 11 } },
    children: number ? [run(number)] : [],
  });
}

/** Title lines: 2号 fits 20 characters a line; one is kept in hand for the spacing around digits. */
const TITLE_CHARS = 19;
/** Where a title may break without splitting a word: after these, or before the document's kind. */
const AFTER = /[的和与及、，年月日旬]|关于/;
const BEFORE = /^(工作|情况|通报|通知|意见|决定|报告|纪要|方案)/;

/**
 * Breaks a long title into lines of balanced length (GB/T 9704: 回行时词意完整，排列对称), at a place
 * that does not split a word where there is one, else in the middle.
 */
export function titleLines(title: string, capacity = TITLE_CHARS): string[] {
  if (textWidthChars(title) <= capacity) return [title];
  const chars = [...title];
  let best: { at: number; score: number } | null = null;
  for (let at = 1; at < chars.length; at++) {
    const head = chars.slice(0, at).join('');
    const tail = chars.slice(at).join('');
    if (textWidthChars(head) > capacity) break;
    if (/\d$/.test(head) && /^\d/.test(tail)) continue;
    const clean = AFTER.test(head.slice(-2)) && !/^[的、，]/.test(tail) ? (/关于$|[的和与及、，年月日旬]$/.test(head) ? 0 : 4) : BEFORE.test(tail) ? 0 : 4;
    const score = Math.abs(textWidthChars(head) - textWidthChars(tail)) + clean;
    if (!best || score < best.score) best = { at, score };
  }
  const at = best?.at ?? Math.ceil(chars.length / 2);
  return [chars.slice(0, at).join(''), ...titleLines(chars.slice(at).join(''), capacity)];
}

function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: LINE, lineRule: LineRuleType.AT_LEAST },
    children: titleLines(text).map((l, i) => new TextRun({ text: l, break: i > 0 ? 1 : 0, font: fontOf(FONT.xiaobiaosong), size: SIZE.er, sizeComplexScript: SIZE.er })),
  });
}

/** 主送机关: flush left, ending with a full-width colon. */
const addressees = (names: string[]) => (names.length ? [new Paragraph({ children: [run(`${names.join('、')}：`)] })] : []);

function documentHead(doc: OfficialDocument): Paragraph[] {
  return [redMark(doc.issuerMark), ...blank(2), numberAndRedLine(doc.docNumber), ...blank(2), title(doc.title), ...blank(1), ...addressees(doc.addressees)];
}

/** 会议纪要: the red "XX会议纪要" mark stands where the issuer's mark and the title would be. */
function minutesHead(doc: OfficialDocument): Paragraph[] {
  return [redMark(doc.title), ...blank(1), numberAndRedLine(doc.docNumber), ...blank(2), ...addressees(doc.addressees)];
}

// ---------- 主体 ----------

const HEADING_FONT = { 1: FONT.hei, 2: FONT.kai, 3: FONT.fangsong, 4: FONT.fangsong } as const;

async function bodyBlocks(blocks: DocBlock[]): Promise<(Paragraph | Table)[]> {
  const out: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') out.push(indented([run(b.text, HEADING_FONT[b.level])], { keepNext: true, pageBreakBefore: b.pageBreakBefore }));
    else if (b.kind === 'paragraph') out.push(indented([run(b.text)], { pageBreakBefore: b.pageBreakBefore }));
    else if (b.kind === 'table') out.push(...figureTable(b));
    else out.push(...(await picture(b)));
  }
  return out;
}

type TableBlock = Extract<DocBlock, { kind: 'table' }>;
type ImageBlock = Extract<DocBlock, { kind: 'image' }>;

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
/** Table text is 小四 on its own line height, off the page grid so rows stay compact. */
const cellParagraph = (text: string, align: 'left' | 'center' | 'right', font: string = FONT.fangsong) =>
  new Paragraph({
    alignment: align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { line: 300, lineRule: LineRuleType.EXACT },
    children: [run(text, font, SIZE.xiaosi, { snapToGrid: false })],
  });

const cellText = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

function figureTable(t: TableBlock): (Paragraph | Table)[] {
  const total = t.columns.reduce((s, c) => s + (c.width ?? 1), 0);
  const widths = t.columns.map((c) => Math.floor((TEXT_WIDTH * (c.width ?? 1)) / total));
  const aligns = columnAlignments(t);
  const cell = (p: Paragraph, width: number, fill?: string | null) =>
    new TableCell({
      children: [p],
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 80, right: 80, top: 30, bottom: 30 },
      ...(fill ? { shading: { fill, color: 'auto', type: 'clear' as const } } : {}),
    });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: t.columns.map((c, i) => cell(cellParagraph(c.header, 'center', FONT.hei), widths[i]!)),
  });
  const rows = t.rows.map(
    (r, ri) => new TableRow({ cantSplit: true, children: t.columns.map((_, i) => cell(cellParagraph(cellText(r[i]), aligns[i]!), widths[i]!, t.rowFill?.[ri])) }),
  );
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [run(t.caption, FONT.hei, SIZE.si)] }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      borders: { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin },
      rows: [header, ...rows],
    }),
    ...blank(1),
  ];
}

/** Pixels as the docx package counts them (96 per inch). */
const mmToPx = (v: number) => Math.round((v / 25.4) * 96);

/** A photo of a finding, as wide as asked (at most the text block) and never taller than 150 mm, with its caption. */
async function picture(b: ImageBlock): Promise<Paragraph[]> {
  const meta = await sharp(b.data).metadata();
  const w = meta.width ?? 4;
  const h = meta.height ?? 3;
  let widthMm = Math.min(b.widthMm ?? 156, 156);
  if ((widthMm * h) / w > 150) widthMm = (150 * w) / h;
  const heightMm = (widthMm * h) / w;
  const image = new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: Boolean(b.caption),
    spacing: { line: 240, lineRule: LineRuleType.AUTO },
    children: [new ImageRun({ type: b.mime === 'image/png' ? 'png' : 'jpg', data: b.data, transformation: { width: mmToPx(widthMm), height: mmToPx(heightMm) } })],
  });
  const caption = b.caption ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(b.caption, FONT.kai, SIZE.si)] })] : [];
  return [image, ...caption];
}

// ---------- 附件说明, 出席/列席, 落款 ----------

/** "附件：1.…" two characters in, later names aligned under the first. */
function attachmentNote(names: string[]): Paragraph[] {
  if (!names.length) return [];
  const label = '附件：';
  const left = Math.round(5 * CHAR);
  return [
    ...blank(1),
    ...names.map(
      (n, i) =>
        new Paragraph({
          indent: i === 0 ? { left, hanging: Math.round(3 * CHAR) } : { left },
          children: [run(`${i === 0 ? label : ''}${names.length > 1 ? `${i + 1}.` : ''}${n}`)],
        }),
    ),
  ];
}

/** 出席 / 列席 of minutes: the label in 黑体, the names in 仿宋, lines after the first aligned after the colon. */
function attendance(a: { present: string[]; attending: string[] }): Paragraph[] {
  const line = (label: string, names: string[]) =>
    new Paragraph({
      indent: { left: Math.round(5 * CHAR), hanging: Math.round(3 * CHAR) },
      children: [run(`${label}：`, FONT.hei), run(names.join('、'))],
    });
  return [...blank(1), ...(a.present.length ? [line('出席', a.present)] : []), ...(a.attending.length ? [line('列席', a.attending)] : [])];
}

/** 2021-11-22 → 2021年11月22日 (no leading zeros, as 公文 write dates). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 落款: the 成文日期 four characters from the right, the issuer centred over it. */
function signature(s: OfficialDocument['signature']): Paragraph[] {
  const date = chineseDate(s.date);
  const dateRight = 4;
  const issuerRight = Math.max(2, dateRight + (textWidthChars(date) - textWidthChars(s.issuer)) / 2);
  const right = (text: string, chars: number) => new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: Math.round(chars * CHAR) }, children: [run(text)] });
  return [...blank(2), right(s.issuer, issuerRight), right(date, dateRight)];
}

// ---------- 版记 ----------

/**
 * 抄送 and 印发机关 / 印发日期 in 4号 仿宋, one character in from both sides, between full-width lines:
 * thick (0.35 mm) first and last, thin (0.25 mm) between.
 */
function imprint(doc: OfficialDocument): Paragraph[] {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 } as const;
  const thinLine = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 } as const;
  const side = Math.round(SIZE.si * 10);
  const copy = doc.copyTo.length
    ? [
        new Paragraph({
          border: { top: thick, bottom: thinLine },
          indent: { left: side + SIZE.si * 30, right: side, hanging: SIZE.si * 30 },
          spacing: { line: LINE, lineRule: LineRuleType.EXACT },
          children: [run(`抄送：${doc.copyTo.join('，')}。`, FONT.fangsong, SIZE.si)],
        }),
      ]
    : [];
  const printed = new Paragraph({
    border: doc.copyTo.length ? { bottom: thick } : { top: thick, bottom: thick },
    indent: { left: side, right: side },
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 2 * side }],
    children: [run(doc.printed.by, FONT.fangsong, SIZE.si), new TextRun({ children: [new Tab(), `${chineseDate(doc.printed.date)}印发`], font: fontOf(FONT.fangsong), size: SIZE.si })],
  });
  return [...blank(2), ...copy, printed];
}

// ---------- 页码 ----------

/** "— 1 —" in 4号 宋体: odd pages right, even pages left, one character in from the edge. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const oneChar = SIZE.si * 10;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: oneChar } : { left: oneChar },
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
            children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: fontOf(FONT.song), size: SIZE.si })],
      }),
    ],
  });
}

// ---------- package ----------

/** Fixed package dates, so that the same document gives the same bytes (and the PDF cache can key on them). */
const EPOCH = '2000-01-01T00:00:00Z';

/** Puts in the font table naming each standard font's stand-ins, and fixes the package dates. */
async function finishPackage(buf: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  zip.file('word/fontTable.xml', fontTableXml());
  // snapToGrid is the first element of these defaults' pPr (CT_PPrBase order); the docx package has no option for it.
  const styles = await zip.file('word/styles.xml')!.async('string');
  zip.file('word/styles.xml', styles.replace('<w:pPrDefault><w:pPr>', '<w:pPrDefault><w:pPr><w:snapToGrid w:val="0"/>'));
  // The docx package counts drawing ids across every document it has rendered: number them from 1 here.
  let id = 0;
  const body = await zip.file('word/document.xml')!.async('string');
  zip.file('word/document.xml', body.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++id}"`));
  const core = await zip.file('docProps/core.xml')!.async('string');
  zip.file('docProps/core.xml', core.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${EPOCH}`));
  for (const f of Object.values(zip.files)) f.date = new Date(EPOCH);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
