/**
 * The measures of GB/T 9704-2012 (党政机关公文格式) in the units .docx speaks: twips (1/20 pt,
 * 1 mm = 56.7 twips) and half-points for font sizes. One place, so the renderer and its docs agree.
 */

/** 1 mm in twips. */
export const MM = 56.7;
export const mm = (n: number): number => Math.round(n * MM);

/** A4 (210 × 297 mm). */
export const PAGE = { width: 11906, height: 16838 } as const;

/** 天头 37 mm, 订口 (left) 28 mm; the text block is 156 × 225 mm, so bottom 35 mm and right 26 mm. */
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;

export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const TEXT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom;

/** 22 lines a page: the line pitch (28.95 pt). */
export const LINE = Math.floor(TEXT_HEIGHT / 22);
/** 28 characters a line: the character pitch of 3号 text on the grid, in twips. */
export const CHAR = TEXT_WIDTH / 28;

/** Font sizes in half-points (号 → pt × 2). */
export const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24 } as const;

/**
 * docGrid charSpace: how much narrower than the default 16 pt a character cell is, in 1/4096 pt,
 * so that 28 characters fill the 156 mm line exactly (rounded down so the 28th still fits).
 */
export const CHAR_SPACE = Math.floor(((TEXT_WIDTH / 20 / 28 - SIZE.san / 2) * 4096));

/** Standard fonts of 公文, as office PCs (Word, WPS) name them. */
export const FONT = {
  /** 正文, 三级和四级标题 */
  fangsong: '仿宋_GB2312',
  /** 发文机关标志, 标题 */
  xiaobiaosong: '方正小标宋简体',
  /** 一级标题 */
  hei: '黑体',
  /** 二级标题 */
  kai: '楷体_GB2312',
  /** 页码 */
  song: '宋体',
} as const;

/** The red of the 发文机关标志 and the separator line. */
export const RED = 'FF0000';
