import {
  isEventMethod,
  projectRateOf,
  schemeDocumentSchema,
  valueLimits,
  valueProblem,
  type SchemeDocument,
  type SchemeIndicator,
  type SchemeIssue,
  type SchemeMethod,
} from '@kaoping/shared';
import { namesInTree, parseFormula, validateGradeScale, validateMethodConfig, DEFAULT_RESULT_GRADES, type MethodConfig } from '@kaoping/scoring';

/** One problem of a scheme document, located by its path (declared in @kaoping/shared, where the admin reads it too). */
export type { SchemeIssue } from '@kaoping/shared';

/** What the validator needs to know of the city: each group's units, by code. */
export interface SchemeContext {
  groups: Map<string, { name: string; units: { code: string; name: string }[] }>;
  unitCodes: Set<string>;
}

/** A leaf as the rest of the system sees it: inherited component and groups resolved. */
export interface FlatIndicator {
  path: string;
  code: string;
  parentCode: string | null;
  level: number;
  order: number;
  node: SchemeIndicator;
  component: string;
  groups: string[];
  isLeaf: boolean;
}

export const formatPath = (parts: readonly PropertyKey[]): string =>
  parts.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');

/** The names a formula reads; empty when it does not parse (the method check reports that). */
export function formulaNames(expression: string): string[] {
  try {
    return namesInTree(parseFormula(expression));
  } catch {
    return [];
  }
}

/** Methods whose leaf needs a target for every unit it applies to. */
function needsTarget(m: SchemeMethod): boolean {
  if (m.type === 'ratio' || m.type === 'progress') return true;
  if (m.type === 'bands') return m.measure === 'completion';
  if (m.type === 'formula') return formulaNames(m.expression).includes('target');
  return false;
}

/** A leaf whose formula reads last year's value (上年值). */
export const readsLastYear = (m: SchemeMethod | undefined): boolean => m?.type === 'formula' && formulaNames(m.expression).includes('lastYear');

/**
 * Completion bands are written as shares of the target (0.9 = 90%); a limit above this reads as
 * more than 1000% and is almost surely a percent written by mistake.
 */
const COMPLETION_SHARE_CEILING = 10;

/** Methods outside the component sums: bonus adds beyond the total, veto caps the grade. */
export const isAdjustment = (m: SchemeMethod | undefined): boolean => m?.type === 'bonus' || m?.type === 'veto';

/** The scoring package's configuration for a leaf. */
export function toMethodConfig(node: SchemeIndicator, defaults: { vetoCap?: string } = {}): MethodConfig {
  const m = node.method!;
  const points = node.points;
  const direction = node.direction ?? 'higher';
  switch (m.type) {
    case 'ratio':
      return { method: 'ratio', points, direction, cap: m.cap, zeroBelow: m.zeroBelow ?? null };
    case 'rank':
      return { method: 'rank', points, direction, floor: m.floor };
    case 'bands':
      return { method: 'bands', points, bands: m.bands, measure: m.measure, direction };
    case 'grade':
      return { method: 'grade', points, shares: m.shares };
    case 'deduct':
      return { method: 'deduct', points, rules: m.rules };
    case 'bonus':
      return { method: 'bonus', cap: points, levels: m.levels };
    case 'veto':
      return { method: 'veto', capGrade: m.capGrade ?? defaults.vetoCap };
    case 'progress':
      return { method: 'progress', points, ...(m.basis ? { basis: m.basis } : {}) };
    case 'formula':
      return { method: 'formula', points, expression: m.expression, max: m.max };
  }
}

/** Walks the tree depth-first, resolving inherited component and groups. */
export function flattenIndicators(doc: SchemeDocument): FlatIndicator[] {
  const out: FlatIndicator[] = [];
  const walk = (nodes: SchemeIndicator[], base: string, parent: FlatIndicator | null) => {
    nodes.forEach((node, i) => {
      const path = `${base}[${i}]`;
      const flat: FlatIndicator = {
        path,
        code: node.code,
        parentCode: parent?.code ?? null,
        level: (parent?.level ?? 0) + 1,
        order: out.length,
        node,
        component: node.component ?? parent?.component ?? '',
        groups: node.groups ?? parent?.groups ?? doc.groups,
        isLeaf: !node.children?.length,
      };
      out.push(flat);
      if (node.children?.length) walk(node.children, `${path}.children`, flat);
    });
  };
  walk(doc.indicators, 'indicators', null);
  return out;
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * A leaf's declared limits make sense (min ≤ max, only on a leaf that takes a number), and last
 * year's values it gives fit them and name units the leaf applies to.
 */
function checkValueRules(f: FlatIndicator, unitSet: Set<string>, add: (path: string, message: string) => void): void {
  const n = f.node;
  const declared = n.min !== undefined || n.max !== undefined || n.decimals !== undefined;
  if (declared && n.method && (isEventMethod(n.method.type) || n.method.type === 'grade')) {
    add(`${f.path}.min`, `${n.method.type} 指标不填报数值，min、max、decimals 无效 / only a leaf that takes a number has limits`);
  }
  const limits = valueLimits(n);
  if (limits.min > limits.max) add(`${f.path}.max`, `上限 ${limits.max} 小于下限 ${limits.min} / max is below min`);
  for (const code of Object.keys(n.lastYear?.byUnit ?? {})) {
    if (!unitSet.has(code)) add(`${f.path}.lastYear.byUnit.${code}`, `单位 ${code} 不属于本指标适用的组别 / not a unit this indicator applies to`);
  }
  const given: [string, number | null | undefined][] = [['default', n.lastYear?.default], ...Object.entries(n.lastYear?.byUnit ?? {})];
  for (const [key, v] of given) {
    const problem = typeof v === 'number' && limits.min <= limits.max ? valueProblem(v, limits) : null;
    if (problem) add(`${f.path}.lastYear.${key === 'default' ? 'default' : `byUnit.${key}`}`, `上年值 ${problem}`);
  }
}

/**
 * Checks a scheme document completely: structure first (zod), then the rules that need the
 * whole tree and the city's units. Returns every problem found; empty means publishable.
 */
export function validateScheme(input: unknown, ctx: SchemeContext): { doc?: SchemeDocument; issues: SchemeIssue[] } {
  const parsed = schemeDocumentSchema.safeParse(input);
  if (!parsed.success) {
    return { issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path) || '(document)', message: i.message })) };
  }
  const doc = parsed.data;
  const issues: SchemeIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  doc.groups.forEach((g, i) => {
    if (!ctx.groups.has(g)) add(`groups[${i}]`, `组别 ${g} 不存在 / unknown group`);
  });
  const componentCodes = new Map<string, number>();
  doc.components.forEach((c, i) => {
    if (componentCodes.has(c.code)) add(`components[${i}].code`, `考核内容代码 ${c.code} 重复 / duplicate`);
    componentCodes.set(c.code, i);
  });
  const componentSum = doc.components.reduce((s, c) => s + c.points, 0);
  if (!near(componentSum, doc.total)) {
    add('components', `各考核内容分值合计 ${componentSum} 不等于总分 ${doc.total} / component points must add up to the total`);
  }

  const flat = flattenIndicators(doc);
  const seen = new Map<string, string>();
  for (const f of flat) {
    const n = f.node;
    if (n.points <= 0 && n.method?.type !== 'veto') add(`${f.path}.points`, '须大于 0 / must be > 0');
    if (seen.has(f.code)) add(`${f.path}.code`, `指标代码 ${f.code} 与 ${seen.get(f.code)} 重复 / duplicate code`);
    seen.set(f.code, f.path);
    if (!componentCodes.has(f.component)) {
      add(`${f.path}.component`, f.component ? `考核内容 ${f.component} 不存在 / unknown component` : '一级指标须指定考核内容 component / a top-level indicator needs a component');
    }
    f.groups.forEach((g, i) => {
      if (!doc.groups.includes(g)) add(`${f.path}.groups[${i}]`, `组别 ${g} 不在方案的组别中 / not one of the scheme's groups`);
    });
    if (n.dataSource && !projectRateOf(n.dataSource) && !ctx.unitCodes.has(n.dataSource)) add(`${f.path}.dataSource`, `数据来源单位 ${n.dataSource} 不存在 / unknown unit`);
    if (!f.isLeaf) {
      if (n.method) add(`${f.path}.method`, '有下级指标的指标不能设计分方法 / only leaf indicators have a method');
      for (const g of f.groups) {
        const kids = (n.children ?? []).filter((c) => !isAdjustment(c.method) && (c.groups ?? f.groups).includes(g));
        const sum = kids.reduce((s, c) => s + c.points, 0);
        if (kids.length && !near(sum, n.points)) {
          add(`${f.path}.points`, `组别 ${g} 的下级指标分值合计 ${sum} 不等于本指标分值 ${n.points} / children's points must add up to their parent`);
        }
      }
      continue;
    }
    if (!n.method) {
      add(`${f.path}.method`, '末级指标须指定计分方法 / a leaf indicator needs a method');
      continue;
    }
    if (projectRateOf(n.dataSource) && ['grade', 'deduct', 'bonus', 'veto'].includes(n.method.type)) {
      add(`${f.path}.dataSource`, `项目比率是一个百分数，${n.method.type} 计分用不上 / a project rate feeds ratio, bands, progress, rank or formula only`);
    }
    if (!n.frequency) add(`${f.path}.frequency`, '末级指标须指定填报频次 / a leaf indicator needs a reporting frequency');
    for (const problem of validateMethodConfig(toMethodConfig(n), [])) add(`${f.path}.method`, problem);
    const units = f.groups.flatMap((g) => ctx.groups.get(g)?.units ?? []);
    const unitSet = new Set(units.map((u) => u.code));
    for (const code of Object.keys(n.targets?.byUnit ?? {})) {
      if (!unitSet.has(code)) add(`${f.path}.targets.byUnit.${code}`, `单位 ${code} 不属于本指标适用的组别 / not a unit this indicator applies to`);
    }
    const unitList = (missing: { code: string; name: string }[]) => `${missing.slice(0, 5).map((u) => `${u.code}（${u.name}）`).join('、')}${missing.length > 5 ? ' 等' : ''}`;
    if (needsTarget(n.method) && (n.targets?.default === undefined || n.targets.default === null)) {
      const missing = units.filter((u) => n.targets?.byUnit?.[u.code] === undefined);
      if (missing.length) {
        add(`${f.path}.targets`, `${missing.length} 个单位缺少目标值：${unitList(missing)}；${n.method.type} 计分需要目标 / units without the target the method needs`);
      }
    }
    checkValueRules(f, unitSet, add);
    // A formula's names must each have a source: lastYear comes from the scheme or the data-source unit.
    if (readsLastYear(n.method) && (n.lastYear?.default === undefined || n.lastYear.default === null)) {
      const enteredBySource = !!n.dataSource && !projectRateOf(n.dataSource);
      const missing = units.filter((u) => n.lastYear?.byUnit?.[u.code] === undefined);
      if (!enteredBySource && missing.length) {
        add(
          `${f.path}.lastYear`,
          `公式使用 lastYear（上年值），但没有来源：${missing.length} 个单位缺少上年值（${unitList(missing)}）；请在 lastYear 中给出，或指定填报上年值的数据来源单位 dataSource / the formula reads lastYear, which nothing supplies: give lastYear or a dataSource unit that enters it`,
        );
      }
    }
    if (n.method.type === 'bands' && n.method.measure === 'completion') {
      n.method.bands.forEach((b, i) => {
        for (const [k, v] of [['from', b.from], ['to', b.to]] as const) {
          if (typeof v === 'number' && Math.abs(v) > COMPLETION_SHARE_CEILING) {
            add(`${f.path}.method.bands[${i}].${k}`, `完成率分档的上下限按比例书写（0.9 表示 90%），${v} 相当于 ${v * 100}%：请写 ${v / 100} / completion bands are shares of the target (0.9 = 90%)`);
          }
        }
      });
    }
  }

  // Each group's top-level indicators must fill each indicator component exactly.
  doc.components.forEach((c, ci) => {
    if (c.source === 'public') return;
    for (const g of doc.groups) {
      const tops = flat.filter((f) => f.level === 1 && f.component === c.code && f.groups.includes(g) && !isAdjustment(f.node.method));
      const sum = tops.reduce((s, f) => s + f.node.points, 0);
      if (!near(sum, c.points)) {
        add(`components[${ci}].points`, `组别 ${g} 在“${c.name}”下的一级指标分值合计 ${sum} 不等于 ${c.points} / top-level indicators must add up to their component for every group`);
      }
    }
  });

  const scale = doc.grading?.scale ?? DEFAULT_RESULT_GRADES;
  for (const p of validateGradeScale(scale)) add('grading.scale', p);
  const names = new Set(scale.map((s) => s.name));
  doc.grading?.quotas?.forEach((q, i) => {
    if (!names.has(q.grade)) add(`grading.quotas[${i}].grade`, `等次 ${q.grade} 不在等次表中 / not in the grade scale`);
  });
  if (doc.grading?.vetoCap && !names.has(doc.grading.vetoCap)) add('grading.vetoCap', `等次 ${doc.grading.vetoCap} 不在等次表中 / not in the grade scale`);
  return { doc, issues };
}
