import {
  assignGrades,
  fmt,
  progressAt,
  say,
  scoreIndicator,
  scoreRankGroup,
  ScoringError,
  type Explanation,
  type GradeCap,
  type IndicatorInputs,
  type IndicatorScore,
  type MethodConfig,
  type ProgressBasis,
  type ProgressStatus,
  type ScheduleProgress,
  withoutNumbersInTexts,
} from '@kaoping/scoring';
import { PROJECT_RATE_LABELS, PROJECT_RATE_LABELS_EN, PROJECT_RATES, type SchemeDocument } from '@kaoping/shared';
import type { DataProblem } from '../reporting/entry-checks.js';

/*
 * One score run, as a pure function of its inputs: the scheme, its leaves with per-unit targets,
 * the units, and each unit's approved data aggregated up to the as-of date. The same inputs
 * always give the same results, which is what makes a stored run reproducible. Its texts are written
 * in the language the engine is asked for (@kaoping/scoring inLanguage; Chinese by default).
 */

export interface LeafInput {
  id: number;
  code: string;
  name: string;
  points: number;
  component: string;
  groups: string[];
  aggregate: 'last' | 'sum' | 'avg';
  method: MethodConfig;
  targets: Record<number, number>;
  /** Last year's value per unit id (上年值), read by formulas as `lastYear`; absent when none is kept. */
  lastYear?: Record<number, number>;
}

export interface UnitInput {
  id: number;
  code: string;
  name: string;
  group: string;
}

/** A unit's approved data for one leaf, aggregated over the periods up to the as-of date. */
export interface AggregatedValue {
  indicatorId: number;
  unitId: number;
  last: number | null;
  sum: number | null;
  /** How many numbers the sum adds up, for a leaf scored on their mean (sum / count); null for the others. */
  count: number | null;
  /** The mean as stored by runs made before counts were kept (their inputs are rebuilt as they were). */
  avg?: number | null;
  grade: string | null;
  events: Record<string, unknown>[];
}

export interface RunInputs {
  doc: SchemeDocument;
  asOf: string;
  leaves: LeafInput[];
  units: UnitInput[];
  values: AggregatedValue[];
  /** The closed public-evaluation campaign that feeds the 'public' component, when there is one. */
  publicEvaluation?: PublicEvaluationInput;
  /** Leaves fed by a major-project rate (dataSource project:<rate>): their values replace entered data. */
  projectRates?: ProjectRateInput[];
  /**
   * How 时序进度 is counted where a progress leaf does not say (the scheme's progressBasis). Runs
   * stored before bases existed have none: they were computed by days, and are rebuilt so.
   */
  progressBasis?: ProgressBasis;
}

/** A leaf fed by a project rate: each unit's rate in percent as of the month, from the monthly reports. */
export interface ProjectRateInput {
  indicatorId: number;
  /** The rate's name, e.g. 投资完成率. */
  label: string;
  /** The month the rates are as of, e.g. 2021-11. */
  month: string;
  /** Percent (0–100) per unit id; null (or absent) when the rate does not apply (no projects, zero denominator). */
  byUnit: Record<number, number | null>;
}

export interface PublicEvaluationInput {
  campaign: string;
  /** Satisfaction (0–100) per unit id, with how it was reached. */
  byUnit: Record<number, { satisfaction: number | null; explanation: string[] }>;
}

/** An indicator's points and the numbers they came from: what a run stores. */
export interface IndicatorPoints {
  unitId: number;
  indicatorId: number;
  points: number;
  actual: number | null;
  target: number | null;
  lag: number | null;
  lastYear?: number | null;
}

/** An indicator's points with how they were reached, as pages read them. */
export interface IndicatorResult extends IndicatorPoints {
  explanation: Explanation & { progress?: (ProgressStatus & { basis?: ProgressBasis }) | null };
}

export interface UnitResult {
  unitId: number;
  group: string;
  total: number;
  components: { code: string; name: string; points: number; max: number; note?: string }[];
  bonus: number;
  deductions: number;
  rank: number;
  grade: string;
  baseGrade: string;
  vetoed: boolean;
  explanation: { steps: string[]; notes: string[]; grade: { rule: string; steps: string[]; notes?: string[] } };
}

/** One number per (indicator, unit): ids below 2^32 and 2^21, which a double holds exactly; cheaper to hash than a string. */
const key = (i: number, u: number) => i * 0x200000 + u;
const pushTo = <T>(m: Map<number, T[]>, k: number, x: T) => {
  const list = m.get(k);
  if (list) list.push(x);
  else m.set(k, [x]);
};

/** The project rates' English names; the stored label is the Chinese one (it is part of the run's inputs). */
const PROJECT_RATE_NAMES_EN: Readonly<Record<string, string>> = Object.fromEntries(PROJECT_RATES.map((r) => [PROJECT_RATE_LABELS[r], PROJECT_RATE_LABELS_EN[r]]));
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function actualOf(leaf: LeafInput, v: AggregatedValue | undefined): number | null {
  if (!v) return null;
  return leaf.aggregate === 'sum' ? v.sum : leaf.aggregate === 'avg' ? meanOf(v) : v.last;
}

/** The mean of a unit's numbers; divided here rather than by the database, which gives the same double. */
function meanOf(v: AggregatedValue): number | null {
  if (v.avg !== undefined) return v.avg;
  return v.count && v.sum !== null ? v.sum / v.count : null;
}

/** The basis of a leaf's 时序进度: its own (progress leaves may say), else the run's; by days for runs stored before bases. */
export function basisOf(leaf: LeafInput, inp: Pick<RunInputs, 'progressBasis'>): ProgressBasis {
  return (leaf.method.method === 'progress' ? leaf.method.basis : undefined) ?? inp.progressBasis ?? 'day';
}

function inputsFor(leaf: LeafInput, unit: UnitInput, v: AggregatedValue | undefined, elapsed: ScheduleProgress): IndicatorInputs {
  const events = v?.events ?? [];
  return {
    actual: actualOf(leaf, v),
    target: leaf.targets[unit.id] ?? null,
    lastYear: leaf.lastYear?.[unit.id] ?? null,
    elapsed,
    grade: v?.grade ?? null,
    penalties: events as unknown as IndicatorInputs['penalties'],
    bonuses: events as unknown as IndicatorInputs['bonuses'],
    vetoes: events as unknown as IndicatorInputs['vetoes'],
  };
}

/** The inputs a unit's cell was scored from, shown when the engine refuses them. */
function shownInputs(inputs: IndicatorInputs, leaf: LeafInput): string {
  const m = leaf.method.method;
  if (m === 'deduct' || m === 'bonus' || m === 'veto') return JSON.stringify(inputs.penalties ?? []);
  if (m === 'grade') return String(inputs.grade ?? '—');
  return String(inputs.actual ?? '—');
}

/**
 * The run's inputs split by unit group, in the order of the units. A unit's results depend only on
 * its own group (ranks and grades are given within a group), so the parts score to the same results
 * as the whole; a run stores one part while it scores the next.
 */
export function splitByGroup(inp: RunInputs): RunInputs[] {
  const parts = new Map<string, RunInputs>();
  const partOf = new Map<number, RunInputs>();
  for (const u of inp.units) {
    let part = parts.get(u.group);
    if (!part) parts.set(u.group, (part = { ...inp, units: [], values: [] }));
    part.units.push(u);
    partOf.set(u.id, part);
  }
  for (const v of inp.values) partOf.get(v.unitId)?.values.push(v);
  return [...parts.values()];
}

/**
 * The problems of the parts in the order the whole lists them: by leaf, and within a leaf by unit
 * (the parts come in the units' order, so a stable sort by leaf restores it).
 */
export function problemsInLeafOrder(problems: DataProblem[], leaves: LeafInput[]): DataProblem[] {
  const at = new Map(leaves.map((l, i) => [l.code, i]));
  return [...problems].sort((a, b) => (at.get(a.indicatorCode) ?? 0) - (at.get(b.indicatorCode) ?? 0));
}

/**
 * Scores every applicable leaf of every unit, then totals, ranks and grades each group. An input the
 * engine refuses (ScoringError) does not stop the others: it is listed in `problems` with its unit
 * and indicator, and the caller decides (a new run is refused; a stored run never has any).
 */
export function computeRun(inp: RunInputs): { indicators: IndicatorResult[]; units: UnitResult[]; problems: DataProblem[] };
/**
 * Without the indicators' explanations: a run stores points and rebuilds the explanations from its
 * inputs when they are read (run-explanations.ts). Not keeping tens of thousands of them alive until
 * the run is stored spares the garbage collector most of a province's run.
 */
export function computeRun(inp: RunInputs, opts: { explain: false }): { indicators: IndicatorPoints[]; units: UnitResult[]; problems: DataProblem[] };
export function computeRun(inp: RunInputs, opts: { explain?: boolean } = {}): { indicators: IndicatorPoints[]; units: UnitResult[]; problems: DataProblem[] } {
  const explain = opts.explain !== false;
  const problems: DataProblem[] = [];
  const refused = (leaf: LeafInput, unit: { code: string; name: string }, value: string, e: unknown) => {
    if (!(e instanceof ScoringError)) throw e;
    problems.push({ unitCode: unit.code, unitName: unit.name, indicatorCode: leaf.code, indicatorName: leaf.name, period: `截至 ${inp.asOf} 的汇总 / aggregated to ${inp.asOf}`, value, reason: e.message });
  };
  const elapsedByBasis = new Map<ProgressBasis, ScheduleProgress>();
  const elapsedFor = (leaf: LeafInput): ScheduleProgress => {
    const basis = basisOf(leaf, inp);
    let e = elapsedByBasis.get(basis);
    if (!e) elapsedByBasis.set(basis, (e = progressAt(inp.asOf, basis)));
    return e;
  };
  const values = new Map<number, AggregatedValue>();
  for (const v of inp.values) values.set(key(v.indicatorId, v.unitId), v);
  const fromProjects = new Map((inp.projectRates ?? []).map((p) => [p.indicatorId, p]));
  for (const p of fromProjects.values()) {
    for (const u of inp.units) {
      const percent = p.byUnit[u.id] ?? null;
      values.set(key(p.indicatorId, u.id), { indicatorId: p.indicatorId, unitId: u.id, last: percent, sum: percent, count: percent === null ? 0 : 1, grade: null, events: [] });
    }
  }
  /** Says where a project-fed value came from, ahead of the method's arithmetic. */
  const sourced = (leafId: number, unitId: number, e: IndicatorResult['explanation']): IndicatorResult['explanation'] => {
    const p = fromProjects.get(leafId);
    if (!p) return e;
    const percent = p.byUnit[unitId] ?? null;
    const label = say(p.label, PROJECT_RATE_NAMES_EN[p.label] ?? p.label);
    const line =
      percent === null
        ? say(`${label}不适用（重大项目月报，截至 ${p.month}：无项目或分母为 0），按未报送计`, `${label} does not apply (major-project reports to ${p.month}: no projects, or a zero denominator): taken as not reported`)
        : say(`${label} ${fmt(percent, 2)}%（重大项目月报，截至 ${p.month}）`, `${label} ${fmt(percent, 2)}% (major-project reports to ${p.month})`);
    return { ...e, steps: [line, ...e.steps] };
  };
  const indicators: (IndicatorPoints | IndicatorResult)[] = [];
  const caps = new Map<number, GradeCap[]>();

  const scoreLeaves = () => {
    for (const leaf of inp.leaves) {
      const applicable = inp.units.filter((u) => leaf.groups.includes(u.group));
      if (leaf.method.method === 'rank') {
        // Rank is relative: each group is ranked on its own.
        for (const group of new Set(applicable.map((u) => u.group))) {
          const members = applicable.filter((u) => u.group === group);
          let ranked: ReturnType<typeof scoreRankGroup>;
          try {
            ranked = scoreRankGroup(leaf.method, members.map((u) => ({ unitId: String(u.id), value: actualOf(leaf, values.get(key(leaf.id, u.id))) })));
          } catch (e) {
            refused(leaf, { code: group, name: `组别 ${group}` }, members.map((u) => String(actualOf(leaf, values.get(key(leaf.id, u.id))) ?? '—')).join('、'), e);
            continue;
          }
          for (const r of ranked) {
            const unitId = Number(r.unitId);
            const scored: IndicatorPoints = { unitId, indicatorId: leaf.id, points: r.points, actual: actualOf(leaf, values.get(key(leaf.id, unitId))), target: null, lag: null };
            indicators.push(explain ? { ...scored, explanation: sourced(leaf.id, unitId, r.explanation) } : scored);
          }
        }
        continue;
      }
      const elapsed = elapsedFor(leaf);
      for (const u of applicable) {
        const v = values.get(key(leaf.id, u.id));
        const inputs = inputsFor(leaf, u, v, elapsed);
        let s: IndicatorScore;
        try {
          s = scoreIndicator(leaf.method, inputs);
        } catch (e) {
          refused(leaf, u, shownInputs(inputs, leaf), e);
          continue;
        }
        if (s.gradeCap) pushTo(caps, u.id, s.gradeCap);
        const scored: IndicatorPoints = { unitId: u.id, indicatorId: leaf.id, points: s.points, actual: inputs.actual ?? null, target: inputs.target ?? null, lag: s.progress ? s.progress.lag : null };
        if (inputs.lastYear !== null && inputs.lastYear !== undefined) scored.lastYear = inputs.lastYear;
        indicators.push(
          explain
            ? {
                ...scored,
                // Runs stored before bases existed say nothing of it: their progress was counted by days.
                explanation: sourced(leaf.id, u.id, { ...s.explanation, ...(s.progress ? { progress: { ...s.progress, ...(inp.progressBasis ? { basis: basisOf(leaf, inp) } : {}) } } : {}) }),
              }
            : scored,
        );
      }
    }

  };
  // Points only: the texts are rebuilt when read (run-explanations.ts), so their numbers are not written.
  if (explain) scoreLeaves();
  else withoutNumbersInTexts(scoreLeaves);

  const leafById = new Map(inp.leaves.map((l) => [l.id, l]));
  const byUnit = new Map<number, (IndicatorPoints | IndicatorResult)[]>();
  for (const r of indicators) pushTo(byUnit, r.unitId, r);
  const publicMissing = inp.publicEvaluation ? [] : inp.doc.components.filter((c) => c.source === 'public');
  // The public-evaluation component is fed by a closed campaign; until then it is left out of the maximum.
  const maxTotal = inp.doc.total - publicMissing.reduce((s, c) => s + c.points, 0);

  const totals = inp.units.map((u) => {
    // One pass over the unit's rows, each sum added up in the rows' order.
    const byComponent = new Map<string, number>();
    let rawBonus = 0;
    let deducted = 0;
    for (const r of byUnit.get(u.id) ?? []) {
      const leaf = leafById.get(r.indicatorId)!;
      const m = leaf.method.method;
      if (m === 'bonus') rawBonus += r.points;
      else if (m !== 'veto') byComponent.set(leaf.component, (byComponent.get(leaf.component) ?? 0) + r.points);
      if (m === 'deduct') deducted += leaf.points - r.points;
    }
    const components = inp.doc.components.map((c): UnitResult['components'][number] =>
      c.source === 'public' ? publicComponent(c, inp.publicEvaluation, u.id) : { code: c.code, name: c.name, points: round6(byComponent.get(c.code) ?? 0), max: c.points },
    );
    const bonus = inp.doc.bonusCap !== undefined ? Math.min(rawBonus, inp.doc.bonusCap) : rawBonus;
    const deductions = round6(deducted);
    const restored = inp.doc.deductionCap !== undefined && deductions > inp.doc.deductionCap ? deductions - inp.doc.deductionCap : 0;
    const total = round6(components.reduce((s, c) => s + c.points, 0) + bonus + restored);
    const steps = [
      ...components.map((c) => say(`${c.name}：${c.points.toFixed(2)} / ${c.max}${c.note ? `（${c.note}）` : ''}`, `${c.name}: ${c.points.toFixed(2)} / ${c.max}${c.note ? ` (${c.note})` : ''}`)),
      say(`加分：${rawBonus.toFixed(2)}${bonus < rawBonus ? ` → 封顶 ${bonus}` : ''}`, `bonus: ${rawBonus.toFixed(2)}${bonus < rawBonus ? ` → capped at ${bonus}` : ''}`),
      ...(restored
        ? [say(`扣分 ${deductions} 超过上限 ${inp.doc.deductionCap}，退回 ${restored.toFixed(2)}`, `deductions ${deductions} above the cap ${inp.doc.deductionCap}: ${restored.toFixed(2)} given back`)]
        : []),
      say(`总分 = ${total.toFixed(2)}`, `total = ${total.toFixed(2)}`),
    ];
    const notes = publicMissing.length ? [say(`等次按满分 ${maxTotal} 计（未含公众评估）`, `graded against a maximum of ${maxTotal} (without the public evaluation)`)] : [];
    return { unit: u, components, bonus, deductions, total, steps, notes };
  });

  const units: UnitResult[] = [];
  for (const group of new Set(inp.units.map((u) => u.group))) {
    const members = totals.filter((t) => t.unit.group === group);
    const graded = assignGrades(
      members.map((m) => ({ unitId: String(m.unit.id), total: m.total, gradeCaps: caps.get(m.unit.id) ?? [] })),
      { maxTotal, scale: inp.doc.grading?.scale, quotas: inp.doc.grading?.quotas },
    );
    graded.forEach((g, i) => {
      const m = members[i]!;
      units.push({
        unitId: m.unit.id,
        group,
        total: m.total,
        components: m.components,
        bonus: m.bonus,
        deductions: m.deductions,
        rank: g.rank,
        grade: g.grade,
        baseGrade: g.baseGrade,
        vetoed: g.vetoed,
        explanation: { steps: m.steps, notes: m.notes, grade: g.explanation },
      });
    });
  }
  return { indicators, units, problems };
}

/** The public-evaluation component: satisfaction% × its points, once a campaign has closed. */
function publicComponent(c: { code: string; name: string; points: number }, pe: PublicEvaluationInput | undefined, unitId: number): UnitResult['components'][number] {
  if (!pe) return { code: c.code, name: c.name, points: 0, max: c.points, note: say('公众评估结果尚未计入', 'public evaluation not yet closed') };
  const r = pe.byUnit[unitId];
  if (!r || r.satisfaction === null) return { code: c.code, name: c.name, points: 0, max: c.points, note: say(`${pe.campaign}：无有效评价，按 0 分计`, `${pe.campaign}: no answers counted, 0 points`) };
  const points = round6((r.satisfaction / 100) * c.points);
  return { code: c.code, name: c.name, points, max: c.points, note: say(`${pe.campaign}：满意度 ${r.satisfaction.toFixed(2)}% × ${c.points}`, `${pe.campaign}: satisfaction ${r.satisfaction.toFixed(2)}% × ${c.points}`) };
}
