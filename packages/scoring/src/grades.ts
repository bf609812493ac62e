/**
 * Results: a unit's total becomes a grade by its share of the scheme's total (优秀 ≥ 90% …),
 * quotas limit how many of a group may keep a grade, and a veto caps the grade. Units are
 * ranked only inside their group (DOMAIN.md §2 "Results").
 */
import { requireFinite, requireInRange, tieKey } from './checks.js';
import { ScoringError } from './errors.js';
import { fmt, fmtPct } from './explain.js';
import { say } from './language.js';
import type { GradeCap } from './methods/veto.js';

/** A result grade reached at `minShare` of the total or more. */
export interface ResultGrade {
  name: string;
  minShare: number;
}

/** Default grades (Ministry of Finance bands): 优秀 ≥ 90%, 良好 ≥ 80%, 一般 ≥ 60%, 较差 below. */
export const DEFAULT_RESULT_GRADES: readonly ResultGrade[] = [
  { name: '优秀', minShare: 0.9 },
  { name: '良好', minShare: 0.8 },
  { name: '一般', minShare: 0.6 },
  { name: '较差', minShare: 0 },
];

/**
 * Shares within this distance of a threshold count as reaching it, so a total that prints as
 * 900.00 of 1000 is 优秀 even if float sums left it at 899.9999999999.
 */
const SHARE_TOLERANCE = 1e-9;

/** Problems of a grade scale: it must go from best to worst, with the worst starting at 0. */
export function validateGradeScale(scale: readonly ResultGrade[]): string[] {
  const issues: string[] = [];
  if (scale.length === 0) issues.push('等次表不能为空');
  const names = new Set<string>();
  scale.forEach((g, i) => {
    if (names.has(g.name)) issues.push(`等次「${g.name}」重复`);
    names.add(g.name);
    if (!Number.isFinite(g.minShare) || g.minShare < 0 || g.minShare > 1) issues.push(`等次「${g.name}」的下限应在 0 到 1 之间`);
    const prev = scale[i - 1];
    if (prev && !(prev.minShare > g.minShare)) issues.push(`等次须从高到低排列：「${prev.name}」的下限应高于「${g.name}」`);
  });
  const last = scale[scale.length - 1];
  if (last && last.minShare !== 0) issues.push(`最低等次「${last.name}」的下限应为 0`);
  return issues;
}

function checkScale(scale: readonly ResultGrade[]): void {
  const issues = validateGradeScale(scale);
  if (issues.length > 0) throw new ScoringError('INVALID_CONFIG', issues.join('；'));
}

function gradeIndex(scale: readonly ResultGrade[], name: string): number {
  const i = scale.findIndex((g) => g.name === name);
  if (i < 0) throw new ScoringError('INVALID_CONFIG', `等次「${name}」不在等次表中（${scale.map((g) => g.name).join('、')}）`);
  return i;
}

/** A total's share of the maximum and the grade it reaches, with the step in words. */
export interface GradeForTotal {
  share: number;
  grade: string;
  step: string;
}

/** The grade a total reaches by its share of `maxTotal` (before quotas and vetoes). */
export function gradeForTotal(total: number, maxTotal: number, scale: readonly ResultGrade[] = DEFAULT_RESULT_GRADES): GradeForTotal {
  checkScale(scale);
  requireFinite('总分', total);
  requireFinite('满分', maxTotal, 'INVALID_CONFIG');
  if (maxTotal <= 0) throw new ScoringError('INVALID_CONFIG', `满分必须大于 0，收到 ${maxTotal}`);
  const share = total / maxTotal;
  const reached = scale.find((g) => share >= g.minShare - SHARE_TOLERANCE) ?? scale[scale.length - 1];
  if (!reached) throw new ScoringError('INVALID_CONFIG', '等次表不能为空');
  const cond = reached.minShare > 0 ? `≥ ${fmtPct(reached.minShare)}` : `< ${fmtPct(scale[scale.length - 2]?.minShare ?? 0)}`;
  const calc = `${fmt(total, 2)} / ${fmt(maxTotal)} = ${fmtPct(share)}`;
  return { share, grade: reached.name, step: say(`总分 ${calc}，${cond} → ${reached.name}`, `total ${calc}, ${cond} → ${reached.name}`) };
}

/** The worse of a grade and a cap (the cap is a ceiling). */
export function capGrade(grade: string, cap: string, scale: readonly ResultGrade[] = DEFAULT_RESULT_GRADES): string {
  return gradeIndex(scale, cap) > gradeIndex(scale, grade) ? cap : grade;
}

/** A unit's total in its group. */
export interface UnitTotal {
  unitId: string;
  total: number;
}

/** Competition ranks ("1224") of units by total, highest first, in input order. */
export function rankByTotal(units: readonly UnitTotal[]): { unitId: string; total: number; rank: number }[] {
  const keys = units.map((u) => tieKey(requireFinite(`单位 ${u.unitId} 的总分`, u.total)));
  return units.map((u, i) => ({ unitId: u.unitId, total: u.total, rank: 1 + keys.filter((k) => k > (keys[i] ?? 0)).length }));
}

/**
 * A limit on how many units of a group may hold a grade: at most floor(maxShare × group size).
 * Ties straddling the limit cannot all keep the grade without exceeding it: `ties: 'drop'`
 * (default) moves all tied units down so the limit holds; `'keep'` lets them all keep it.
 */
export interface GradeQuota {
  grade: string;
  maxShare: number;
  ties?: 'drop' | 'keep';
}

/** How to grade a group. */
export interface GradeOptions {
  /** The scheme's total (e.g. 1000 or 100), against which shares are taken. */
  maxTotal: number;
  scale?: readonly ResultGrade[];
  quotas?: readonly GradeQuota[];
}

/** A unit to grade: its total and any grade caps (from vetoes). */
export interface UnitToGrade extends UnitTotal {
  gradeCaps?: readonly (GradeCap | null)[];
}

/** How a unit's grade was reached. */
export interface GradeExplanation {
  rule: string;
  steps: string[];
  notes?: string[];
}

/** A unit's result in its group. */
export interface UnitGrade {
  unitId: string;
  total: number;
  share: number;
  /** Rank in the group by total, ties sharing the best rank. */
  rank: number;
  /** The grade by share alone. */
  baseGrade: string;
  /** The final grade after vetoes and quotas. */
  grade: string;
  vetoed: boolean;
  /** Why the unit was vetoed, if it was. */
  vetoReasons: string[];
  /** True when a quota moved the unit down. */
  demotedByQuota: boolean;
  explanation: GradeExplanation;
}

/**
 * Grades a whole group: grade by share, then vetoes cap the grade, then quotas from the best
 * grade down (units a quota moves down join the next grade and count against its quota).
 * Within a quota the best totals keep the grade. Results are in input order and do not depend
 * on it.
 */
export function assignGrades(units: readonly UnitToGrade[], options: GradeOptions): UnitGrade[] {
  const scale = options.scale ?? DEFAULT_RESULT_GRADES;
  checkScale(scale);
  const n = units.length;
  const ids = new Set<string>();
  for (const u of units) {
    if (ids.has(u.unitId)) throw new ScoringError('INVALID_INPUT', `单位 ${u.unitId} 重复`);
    ids.add(u.unitId);
  }
  const ranks = rankByTotal(units);
  const thresholds = scale.map((g) => `${g.name} ≥ ${fmtPct(g.minShare)}`).join(say('，', ', '));
  const quotas0 = options.quotas ?? [];
  const rule = say(
    `结果等次：按总分占满分的比例定等（${thresholds}）${quotas0.length ? `；名额限制：${quotas0.map((q) => `${q.grade}不超过 ${fmtPct(q.maxShare)}`).join('，')}` : ''}；一票否决的等次封顶`,
    `Result grade: by the total's share of the maximum (${thresholds})${quotas0.length ? `; quotas: ${quotas0.map((q) => `${q.grade} at most ${fmtPct(q.maxShare)}`).join(', ')}` : ''}; a veto caps the grade`,
  );

  const state = units.map((u, i) => {
    const base = gradeForTotal(u.total, options.maxTotal, scale);
    const caps = (u.gradeCaps ?? []).filter((c): c is GradeCap => c !== null);
    const steps = [base.step];
    let grade = base.grade;
    for (const cap of caps) {
      const capped = capGrade(grade, cap.grade, scale);
      steps.push(
        say(
          `一票否决（${cap.reasons.join('；')}）：等次不高于「${cap.grade}」${capped !== grade ? ` → ${capped}` : '，维持 ' + grade}`,
          `veto (${cap.reasons.join('; ')}): no better than "${cap.grade}"${capped !== grade ? ` → ${capped}` : `, stays ${grade}`}`,
        ),
      );
      grade = capped;
    }
    return {
      unit: u,
      rank: ranks[i]?.rank ?? 0,
      share: base.share,
      baseGrade: base.grade,
      grade,
      caps,
      steps,
      notes: [] as string[],
      demoted: false,
    };
  });

  const quotas = [...(options.quotas ?? [])].sort((a, b) => gradeIndex(scale, a.grade) - gradeIndex(scale, b.grade));
  const seenQuota = new Set<string>();
  for (const quota of quotas) {
    requireInRange(`等次「${quota.grade}」的名额比例`, quota.maxShare, 0, 1);
    if (seenQuota.has(quota.grade)) throw new ScoringError('INVALID_CONFIG', `等次「${quota.grade}」的名额限制重复`);
    seenQuota.add(quota.grade);
    const gi = gradeIndex(scale, quota.grade);
    const next = scale[gi + 1];
    const allowed = Math.floor(quota.maxShare * n + 1e-9);
    const holders = state.filter((s) => s.grade === quota.grade).sort((a, b) => b.unit.total - a.unit.total);
    if (holders.length <= allowed) continue;
    if (!next) throw new ScoringError('INVALID_CONFIG', `最低等次「${quota.grade}」不能设名额限制`);
    const limitText = say(
      `${quota.grade}名额 = floor(${fmtPct(quota.maxShare)} × ${n}) = ${allowed} 个，共 ${holders.length} 个单位达到`,
      `${quota.grade} places = floor(${fmtPct(quota.maxShare)} × ${n}) = ${allowed}, reached by ${holders.length} units`,
    );
    // The total at the boundary: the last one that fits and the first one that does not.
    const lastIn = allowed > 0 ? holders[allowed - 1] : undefined;
    const firstOut = holders[allowed];
    const boundaryTie = lastIn !== undefined && firstOut !== undefined && tieKey(lastIn.unit.total) === tieKey(firstOut.unit.total);
    const boundaryKey = boundaryTie && firstOut ? tieKey(firstOut.unit.total) : null;
    const tiedAtBoundary = boundaryKey === null ? [] : holders.filter((h) => tieKey(h.unit.total) === boundaryKey);
    const keepTies = (quota.ties ?? 'drop') === 'keep';
    holders.forEach((h, i) => {
      const tied = boundaryKey !== null && tieKey(h.unit.total) === boundaryKey;
      const keeps = tied ? keepTies : i < allowed;
      const total = fmt(h.unit.total, 2);
      const where = tied
        ? say(
            `${tiedAtBoundary.length} 个单位并列 ${total} 分处于名额边界，按规则${keepTies ? '均保留' : '均降一档'}`,
            `${tiedAtBoundary.length} units tied at ${total} on the boundary, all ${keepTies ? 'kept' : 'moved one grade down'} by the rule`,
          )
        : say(`本单位总分 ${total} 在名额${keeps ? '内' : '外'}`, `this unit's total ${total} is ${keeps ? 'within' : 'outside'} the places`);
      if (keeps) {
        h.steps.push(say(`${limitText}；${where}，保留${quota.grade}`, `${limitText}; ${where}: keeps ${quota.grade}`));
      } else {
        h.grade = next.name;
        h.demoted = true;
        h.steps.push(say(`${limitText}；${where}，降为 ${next.name}`, `${limitText}; ${where}: down to ${next.name}`));
      }
      if (tied) {
        h.notes.push(
          say(
            `${tiedAtBoundary.length} 个单位并列 ${total} 分处于${quota.grade}名额边界：${keepTies ? '均保留，名额因并列超出' : '均降一档，名额不超出'}`,
            `${tiedAtBoundary.length} units tied at ${total} on the ${quota.grade} boundary: ${keepTies ? 'all kept, the places overrun by the tie' : 'all moved down, the places not overrun'}`,
          ),
        );
      } else if (!keeps) {
        h.notes.push(say(`受${quota.grade}名额限制，降为 ${next.name}`, `limited by the ${quota.grade} places: down to ${next.name}`));
      }
    });
  }

  return state.map((s) => ({
    unitId: s.unit.unitId,
    total: s.unit.total,
    share: s.share,
    rank: s.rank,
    baseGrade: s.baseGrade,
    grade: s.grade,
    vetoed: s.caps.length > 0,
    vetoReasons: s.caps.flatMap((c) => c.reasons),
    demotedByQuota: s.demoted,
    explanation: {
      rule,
      steps: [say(`组内排名第 ${s.rank} 名（共 ${n} 个单位）`, `rank ${s.rank} of ${n} ${n === 1 ? 'unit' : 'units'} in the group`), ...s.steps, say(`最终等次：${s.grade}`, `final grade: ${s.grade}`)],
      ...(s.notes.length > 0 || s.caps.length > 0
        ? { notes: [...s.caps.map((c) => say(`一票否决：${c.reasons.join('；')}（得分不变）`, `veto: ${c.reasons.join('; ')} (the score is unchanged)`)), ...s.notes] }
        : {}),
    },
  }));
}
