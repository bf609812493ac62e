/**
 * An official document (公文) as the product composes it — a bulletin (通报), a performance-improvement
 * notice (绩效改进通知书), meeting minutes (会议纪要) or a scorecard — independent of how it is rendered.
 * The renderers (.docx in the GB/T 9704-2012 layout, PDF of the same pages, an .xlsx annex of its
 * tables) take this and nothing else, so every module that issues documents builds one of these.
 */

/**
 * The performance office that issues the assessment's documents (notices, scorecards). Fixed like the
 * notice numbers' 衡绩改 prefix; a deployment for another city changes both.
 */
export const PERFORMANCE_OFFICE = '衡阳市绩效考核委员会办公室';

/** Heading levels of GB/T 9704: 1 = 一、 (黑体), 2 = （一） (楷体), 3 = 1. (仿宋), 4 = （1） (仿宋). */
export type HeadingLevel = 1 | 2 | 3 | 4;

export interface DocTableColumn {
  header: string;
  /** Relative width; columns share the text block's 156 mm in proportion. Default 1. */
  width?: number;
  align?: 'left' | 'center' | 'right';
}

/** One block of the body, in reading order. Heading text carries its own number (一、 （一） 1. （1）). */
export type DocBlock =
  | { kind: 'heading'; level: HeadingLevel; text: string; pageBreakBefore?: boolean }
  | { kind: 'paragraph'; text: string; pageBreakBefore?: boolean }
  | {
      kind: 'table';
      /** Shown above the table and used as the sheet name in the .xlsx annex. */
      caption: string;
      columns: DocTableColumn[];
      /** Cells as shown; numbers stay numbers in the annex. */
      rows: (string | number | null)[][];
      /** Optional fill per row (e.g. a light's colour), 'RRGGBB'. */
      rowFill?: (string | null)[];
    }
  | { kind: 'image'; data: Buffer; mime: 'image/jpeg' | 'image/png'; caption?: string; widthMm?: number };

export interface OfficialDocument {
  /** 'document': 发文机关标志 + 发文字号 + red line (通报, 通知书); 'minutes': 纪要 header (会议纪要). */
  style: 'document' | 'minutes';
  /** 发文机关标志, printed in red, e.g. 衡阳市绩效考核委员会办公室. */
  issuerMark: string;
  /** 发文字号 such as 衡绩办通〔2021〕12号; null on a draft not yet numbered. */
  docNumber: string | null;
  title: string;
  /** 主送机关, written flush left and ending with a full-width colon. */
  addressees: string[];
  body: DocBlock[];
  /** 附件说明: names of attachments, numbered when more than one. */
  attachments?: string[];
  /** 落款: the issuing office and 成文日期 (YYYY-MM-DD, rendered 2021年11月22日). */
  signature: { issuer: string; date: string };
  /** 抄送机关. */
  copyTo: string[];
  /** 印发机关 and 印发日期 (YYYY-MM-DD). */
  printed: { by: string; date: string };
  /** Minutes only: 出席 and 列席 (names, with their posts). */
  attendance?: { present: string[]; attending: string[] };
  /** Printed diagonally on every page while the document is a draft. */
  draft?: boolean;
}

/** Numbers right-aligned unless the column says otherwise; a column of numbers is one whose filled cells are all numbers. */
export function columnAlignments(t: { columns: DocTableColumn[]; rows: (string | number | null)[][] }): ('left' | 'center' | 'right')[] {
  return t.columns.map((c, i) => {
    if (c.align) return c.align;
    const filled = t.rows.map((r) => r[i]).filter((v) => v !== null && v !== undefined && v !== '');
    return filled.length > 0 && filled.every((v) => typeof v === 'number') ? 'right' : 'left';
  });
}
