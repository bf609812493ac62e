import ExcelJS from 'exceljs';
import {
  FREQUENCIES,
  FREQUENCY_LABELS,
  METHODS,
  METHOD_LABELS,
  PROGRESS_BASES,
  PROGRESS_BASIS_LABELS,
  SCHEME_FORMAT,
  type SchemeDocument,
  type SchemeIndicator,
} from '@kaoping/shared';
import { AppError } from '../../errors.js';
import { addDropDown, TEMPLATE_ROWS } from '../../lib/excel.js';

/*
 * The scheme as an Excel workbook, for offices that draft in Excel: five sheets —
 * 方案 (key/value), 考核内容 (components), 指标 (one row per indicator, parent by code),
 * 目标值 and 上年值 (one row per indicator and unit; an empty unit code is the default).
 * Columns and sheets added since the first layout (下限, 上限, 小数位数, 上年值) may be absent.
 */

const META: [key: keyof SchemeDocument | 'gradeScale' | 'quotas' | 'vetoCap', label: string][] = [
  ['format', '格式'],
  ['code', '方案代码'],
  ['name', '方案名称'],
  ['year', '年度'],
  ['total', '总分'],
  ['groups', '考核组别'],
  ['bonusCap', '加分上限'],
  ['deductionCap', '扣分上限'],
  ['gradeScale', '等次（名称:下限比例）'],
  ['quotas', '等次配额（名称:最高比例）'],
  ['vetoCap', '一票否决封顶等次'],
  ['progressBasis', '时序进度口径（按月/按日）'],
];
const COMPONENT_HEADERS = ['代码', '名称', '分值', '来源'];
const INDICATOR_HEADERS = ['代码', '上级代码', '名称', '分值', '考核内容', '适用组别', '计量单位', '方向', '填报频次', '汇总方式', '数据来源单位', '计分方法', '方法参数', '说明'];
const LIMIT_HEADERS = ['下限', '上限', '小数位数'];
const TARGET_HEADERS = ['指标代码', '单位代码', '目标值'];
const LAST_YEAR_HEADERS = ['指标代码', '单位代码', '上年值'];
const DIRECTION = { higher: '越高越好', lower: '越低越好' } as const;

const pairs = (items: { name?: string; grade?: string; minShare?: number; maxShare?: number }[] | undefined, share: 'minShare' | 'maxShare') =>
  items?.map((i) => `${i.name ?? i.grade}:${i[share]}`).join(',') ?? '';

/** Writes the document to a workbook that schemeFromWorkbook reads back to the same document. */
export async function schemeToWorkbook(doc: SchemeDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const meta = wb.addWorksheet('方案');
  meta.columns = [{ width: 26 }, { width: 60 }];
  const metaValue: Record<string, string | number> = {
    format: doc.format,
    code: doc.code,
    name: doc.name,
    year: doc.year,
    total: doc.total,
    groups: doc.groups.join(','),
    bonusCap: doc.bonusCap ?? '',
    deductionCap: doc.deductionCap ?? '',
    gradeScale: pairs(doc.grading?.scale, 'minShare'),
    quotas: pairs(doc.grading?.quotas, 'maxShare'),
    vetoCap: doc.grading?.vetoCap ?? '',
    progressBasis: doc.progressBasis ? PROGRESS_BASIS_LABELS[doc.progressBasis].zh : '',
  };
  for (const [key, label] of META) meta.addRow([label, metaValue[key] ?? '']);

  const comps = wb.addWorksheet('考核内容');
  comps.addRow(COMPONENT_HEADERS);
  for (const c of doc.components) comps.addRow([c.code, c.name, c.points, c.source ?? 'indicators']);

  const inds = wb.addWorksheet('指标', { views: [{ state: 'frozen', ySplit: 1 }] });
  inds.addRow([...INDICATOR_HEADERS, ...LIMIT_HEADERS]);
  const targets = wb.addWorksheet('目标值');
  targets.addRow(TARGET_HEADERS);
  const lastYear = wb.addWorksheet('上年值');
  lastYear.addRow(LAST_YEAR_HEADERS);
  const walk = (nodes: SchemeIndicator[], parent: string) => {
    for (const n of nodes) {
      const { type, ...params } = n.method ?? { type: '' };
      inds.addRow([
        n.code, parent, n.name, n.points, n.component ?? '', n.groups?.join(',') ?? '', n.unit ?? '',
        n.direction ? DIRECTION[n.direction] : '', n.frequency ? FREQUENCY_LABELS[n.frequency].zh : '', n.aggregate ?? '',
        n.dataSource ?? '', type ? METHOD_LABELS[type as keyof typeof METHOD_LABELS].zh : '',
        Object.keys(params).length ? JSON.stringify(params) : '', n.description ?? '',
        n.min ?? '', n.max ?? '', n.decimals ?? '',
      ]);
      for (const [sheet, values] of [[targets, n.targets], [lastYear, n.lastYear]] as const) {
        if (values?.default !== undefined && values.default !== null) sheet.addRow([n.code, '', values.default]);
        for (const [unit, t] of Object.entries(values?.byUnit ?? {})) sheet.addRow([n.code, unit, t]);
      }
      if (n.children) walk(n.children, n.code);
    }
  };
  walk(doc.indicators, '');
  for (const ws of [comps, inds, targets, lastYear]) {
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((c) => (c.width = 16));
  }
  // The enumerations of an indicator as drop-downs, on its rows and on rows an office adds.
  const lastRow = inds.rowCount + TEMPLATE_ROWS;
  const dropDowns: [string, readonly string[]][] = [
    ['方向', Object.values(DIRECTION)],
    ['填报频次', FREQUENCIES.map((f) => FREQUENCY_LABELS[f].zh)],
    ['计分方法', METHODS.map((m) => METHOD_LABELS[m].zh)],
  ];
  for (const [header, choices] of dropDowns) addDropDown(inds, INDICATOR_HEADERS.indexOf(header) + 1, lastRow, choices, header);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const text = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('').trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
};

interface RowIssue {
  path: string;
  message: string;
}

/** The data rows of a sheet; `optional` headers (and, when `sheetOptional`, the sheet itself) may be absent. */
function sheetRows(
  wb: ExcelJS.Workbook,
  name: string,
  headers: string[],
  issues: RowIssue[],
  opts: { optional?: string[]; sheetOptional?: boolean } = {},
): { row: number; get: (h: string) => string }[] {
  const ws = wb.getWorksheet(name);
  if (!ws) {
    if (!opts.sheetOptional) issues.push({ path: name, message: `缺少工作表“${name}” / missing sheet` });
    return [];
  }
  const idx = new Map<string, number>();
  ws.getRow(1).eachCell((c, col) => idx.set(text(c.value), col));
  const missing = headers.filter((h) => !idx.has(h));
  if (missing.length) issues.push({ path: name, message: `缺少列：${missing.join('、')} / missing columns` });
  const out: { row: number; get: (h: string) => string }[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const get = (h: string) => (idx.has(h) ? text(r.getCell(idx.get(h)!).value) : '');
    if ([...headers, ...(opts.optional ?? [])].some((h) => get(h) !== '')) out.push({ row: n, get });
  });
  return out;
}

const num = (s: string): number | undefined => (s === '' ? undefined : Number(s));
const list = (s: string): string[] | undefined => (s ? s.split(/[,，、\s]+/).filter(Boolean) : undefined);
function sharePairs(s: string, key: 'minShare' | 'maxShare') {
  if (!s) return undefined;
  return s.split(/[,，]/).map((p) => {
    const [name, v] = p.split(/[:：]/);
    return key === 'minShare' ? { name: (name ?? '').trim(), minShare: Number(v) } : { grade: (name ?? '').trim(), maxShare: Number(v) };
  });
}

/**
 * Reads a workbook shaped like schemeToWorkbook's into a scheme document. Problems of the
 * sheet itself (missing sheet, unknown method name, bad JSON) are reported by sheet and row;
 * the document is then validated like any other.
 */
export async function schemeFromWorkbook(buf: Buffer): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('BAD_REQUEST', '无法读取文件：请上传 Excel .xlsx 文件 / Cannot read the file: upload an .xlsx workbook');
  }
  const issues: RowIssue[] = [];
  const meta = new Map<string, string>();
  const metaSheet = wb.getWorksheet('方案');
  if (!metaSheet) issues.push({ path: '方案', message: '缺少工作表“方案” / missing sheet' });
  metaSheet?.eachRow((r) => meta.set(text(r.getCell(1).value), text(r.getCell(2).value)));
  const m = (key: string) => meta.get(META.find(([k]) => k === key)?.[1] ?? '') ?? '';

  const components = sheetRows(wb, '考核内容', COMPONENT_HEADERS, issues).map((r) => ({
    code: r.get('代码'),
    name: r.get('名称'),
    points: Number(r.get('分值')),
    ...(r.get('来源') && r.get('来源') !== 'indicators' ? { source: r.get('来源') } : {}),
  }));

  const byCode = new Map<string, SchemeIndicator>();
  const roots: SchemeIndicator[] = [];
  for (const r of sheetRows(wb, '指标', INDICATOR_HEADERS, issues, { optional: LIMIT_HEADERS })) {
    const at = `指标!第${r.row}行`;
    const node: SchemeIndicator = { code: r.get('代码'), name: r.get('名称'), points: Number(r.get('分值')) };
    const set = <K extends keyof SchemeIndicator>(k: K, v: SchemeIndicator[K] | undefined) => {
      if (v !== undefined && v !== '') node[k] = v;
    };
    set('component', r.get('考核内容') || undefined);
    set('groups', list(r.get('适用组别')));
    set('unit', r.get('计量单位') || undefined);
    const dir = r.get('方向');
    if (dir) {
      const d = (Object.entries(DIRECTION).find(([, label]) => label === dir)?.[0] ?? dir) as 'higher' | 'lower';
      node.direction = d;
    }
    const fq = r.get('填报频次');
    if (fq) {
      const f = FREQUENCIES.find((x) => x === fq || FREQUENCY_LABELS[x].zh === fq);
      if (!f) issues.push({ path: `${at}.填报频次`, message: `频次“${fq}”无效，应为 周/旬/月/季度/年` });
      else node.frequency = f;
    }
    set('aggregate', (r.get('汇总方式') || undefined) as SchemeIndicator['aggregate']);
    set('dataSource', r.get('数据来源单位') || undefined);
    set('description', r.get('说明') || undefined);
    for (const [key, header] of [['min', '下限'], ['max', '上限'], ['decimals', '小数位数']] as const) {
      if (r.get(header) === '') continue;
      const v = Number(r.get(header));
      if (!Number.isFinite(v)) issues.push({ path: `${at}.${header}`, message: `${header}须为数字 / must be a number` });
      else node[key] = v;
    }
    const methodName = r.get('计分方法');
    if (methodName) {
      const type = METHODS.find((x) => x === methodName || METHOD_LABELS[x].zh === methodName);
      if (!type) issues.push({ path: `${at}.计分方法`, message: `计分方法“${methodName}”无效，应为：${METHODS.map((x) => METHOD_LABELS[x].zh).join('/')}` });
      let params: Record<string, unknown> = {};
      const raw = r.get('方法参数');
      if (raw) {
        try {
          params = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          issues.push({ path: `${at}.方法参数`, message: '方法参数须为 JSON，如 {"cap":1.2} / must be JSON' });
        }
      }
      if (type) node.method = { ...params, type } as SchemeIndicator['method'];
    }
    byCode.set(node.code, node);
    const parent = r.get('上级代码');
    if (!parent) roots.push(node);
    else {
      const p = byCode.get(parent);
      if (!p) issues.push({ path: `${at}.上级代码`, message: `上级指标 ${parent} 须在本行之前出现 / the parent must come before its children` });
      else (p.children ??= []).push(node);
    }
  }

  // Targets and last year's values: one row per indicator and unit, an empty unit code for the default.
  for (const [sheet, header, key] of [['目标值', '目标值', 'targets'], ['上年值', '上年值', 'lastYear']] as const) {
    for (const r of sheetRows(wb, sheet, [TARGET_HEADERS[0]!, TARGET_HEADERS[1]!, header], issues, { sheetOptional: key === 'lastYear' })) {
      const at = `${sheet}!第${r.row}行`;
      const node = byCode.get(r.get('指标代码'));
      const value = Number(r.get(header));
      if (!node) issues.push({ path: `${at}.指标代码`, message: `指标 ${r.get('指标代码')} 不存在` });
      else if (!Number.isFinite(value) || r.get(header) === '') issues.push({ path: `${at}.${header}`, message: `${header}须为数字 / must be a number` });
      else if (!r.get('单位代码')) node[key] = { ...node[key], default: value };
      else node[key] = { ...node[key], byUnit: { ...node[key]?.byUnit, [r.get('单位代码')]: value } };
    }
  }
  const basis = m('progressBasis');
  const progressBasis = PROGRESS_BASES.find((b) => b === basis || PROGRESS_BASIS_LABELS[b].zh === basis);
  if (basis && !progressBasis) issues.push({ path: '方案.时序进度口径', message: `“${basis}”无效，应为 按月 或 按日 / month or day` });

  if (issues.length) {
    throw new AppError('VALIDATION_FAILED', `${issues[0]!.path}: ${issues[0]!.message}`, issues);
  }
  const grading = {
    ...(m('gradeScale') ? { scale: sharePairs(m('gradeScale'), 'minShare') } : {}),
    ...(m('quotas') ? { quotas: sharePairs(m('quotas'), 'maxShare') } : {}),
    ...(m('vetoCap') ? { vetoCap: m('vetoCap') } : {}),
  };
  return {
    format: m('format') || SCHEME_FORMAT,
    code: m('code'),
    name: m('name'),
    year: num(m('year')),
    total: num(m('total')),
    groups: list(m('groups')) ?? [],
    ...(m('bonusCap') ? { bonusCap: num(m('bonusCap')) } : {}),
    ...(m('deductionCap') ? { deductionCap: num(m('deductionCap')) } : {}),
    ...(Object.keys(grading).length ? { grading } : {}),
    ...(progressBasis ? { progressBasis } : {}),
    components,
    indicators: roots,
  };
}
