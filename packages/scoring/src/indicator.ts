/**
 * One entry point for scoring any indicator from data: a scheme stores each leaf's method as a
 * tagged configuration, and the caller passes that with the unit's inputs.
 */
import { ScoringError } from './errors.js';
import type { Scored } from './explain.js';
import { validateFormulaConfig, scoreFormula, type FormulaConfig } from './methods/formula.js';
import { scoreBands, validateBands, type BandsConfig } from './methods/bands.js';
import { checkBonusConfig, scoreBonus, type BonusConfig, type BonusEvent } from './methods/bonus.js';
import { checkDeductConfig, scoreDeduct, type DeductConfig, type PenaltyEvent } from './methods/deduct.js';
import { checkGradeConfig, scoreGrade, type GradeConfig } from './methods/grade.js';
import { scoreProgress, type ProgressConfig, type ProgressStatus } from './methods/progress.js';
import { checkRankConfig, scoreRank, type RankConfig } from './methods/rank.js';
import { checkRatioConfig, scoreRatio, type RatioConfig } from './methods/ratio.js';
import { scoreVeto, type GradeCap, type VetoConfig, type VetoEvent } from './methods/veto.js';
import { requirePoints } from './checks.js';
import type { ScheduleProgress } from './schedule.js';

/** A leaf indicator's scoring method and its parameters, tagged by `method`. */
export type MethodConfig =
  | ({ method: 'ratio' } & RatioConfig)
  | ({ method: 'rank' } & RankConfig)
  | ({ method: 'bands' } & BandsConfig)
  | ({ method: 'grade' } & GradeConfig)
  | ({ method: 'deduct' } & DeductConfig)
  | ({ method: 'bonus' } & BonusConfig)
  | ({ method: 'veto' } & VetoConfig)
  | ({ method: 'progress' } & ProgressConfig)
  | ({ method: 'formula' } & FormulaConfig);

/** Everything a unit may supply for one indicator in one period; each method reads what it needs. */
export interface IndicatorInputs {
  /** The reported value (cumulative, for progress). */
  actual?: number | null;
  target?: number | null;
  lastYear?: number | null;
  /** 时序进度, a share in [0, 1] or one computed by schedule.ts. */
  elapsed?: number | ScheduleProgress | null;
  /** For grade: the assessor's grade (优/良/中/差). */
  grade?: string | null;
  /** For rank: every unit's value in the group, this unit's included. */
  groupValues?: readonly (number | null)[];
  /** For deduct. */
  penalties?: readonly PenaltyEvent[];
  /** For bonus. */
  bonuses?: readonly BonusEvent[];
  /** For veto. */
  vetoes?: readonly VetoEvent[];
  /** For formula: further named inputs. */
  values?: Readonly<Record<string, number | null>>;
}

/** An indicator's score; veto adds a grade cap, progress its standing against 时序进度. */
export interface IndicatorScore extends Scored {
  gradeCap?: GradeCap | null;
  progress?: ProgressStatus | null;
}

/** Scores one indicator of one unit from its method configuration and inputs. */
export function scoreIndicator(config: MethodConfig, inputs: IndicatorInputs): IndicatorScore {
  switch (config.method) {
    case 'ratio':
      return scoreRatio(config, { actual: inputs.actual, target: inputs.target });
    case 'rank': {
      if (!inputs.groupValues) throw new ScoringError('INVALID_INPUT', '排名计分需要组内全部单位的数值（groupValues）');
      return scoreRank(config, { actual: inputs.actual, groupValues: inputs.groupValues });
    }
    case 'bands':
      return scoreBands(config, { actual: inputs.actual, target: inputs.target });
    case 'grade':
      return scoreGrade(config, { grade: inputs.grade });
    case 'deduct':
      return scoreDeduct(config, { events: inputs.penalties ?? [] });
    case 'bonus':
      return scoreBonus(config, { events: inputs.bonuses ?? [] });
    case 'veto':
      return scoreVeto(config, { events: inputs.vetoes ?? [] });
    case 'progress': {
      const { status, ...scored } = scoreProgress(config, { actual: inputs.actual, target: inputs.target, elapsed: inputs.elapsed });
      return { ...scored, progress: status };
    }
    case 'formula':
      return scoreFormula(config, {
        actual: inputs.actual ?? null,
        target: inputs.target ?? null,
        lastYear: inputs.lastYear ?? null,
        elapsed: inputs.elapsed ?? null,
        ...(inputs.values ? { values: inputs.values } : {}),
      });
  }
}

/** The most an indicator can give: P (P × cap for ratio), the cap for bonus, 0 for veto. */
export function maxPoints(config: MethodConfig): number {
  switch (config.method) {
    case 'bonus':
      return config.cap;
    case 'veto':
      return 0;
    case 'ratio':
      return config.points * Math.max(1, config.cap ?? 1);
    case 'formula':
      return config.max ?? config.points;
    default:
      return config.points;
  }
}

/**
 * Problems of a method configuration, for scheme validation before publishing (empty when it
 * can be scored). `inputNames` are the extra named inputs a formula may read.
 */
export function validateMethodConfig(config: MethodConfig, inputNames: readonly string[] = []): string[] {
  const guard = (check: () => void): string[] => {
    try {
      check();
      return [];
    } catch (e) {
      if (e instanceof ScoringError) return [e.message];
      throw e;
    }
  };
  switch (config.method) {
    case 'ratio':
      return guard(() => checkRatioConfig(config));
    case 'rank':
      return guard(() => checkRankConfig(config));
    case 'bands':
      return [...guard(() => requirePoints(config.points)), ...validateBands(config)];
    case 'grade':
      return guard(() => checkGradeConfig(config));
    case 'deduct':
      return guard(() => checkDeductConfig(config));
    case 'bonus':
      return guard(() => checkBonusConfig(config));
    case 'veto':
      return config.capGrade !== undefined && config.capGrade.trim() === '' ? ['一票否决的封顶等次不能为空'] : [];
    case 'progress':
      return guard(() => requirePoints(config.points));
    case 'formula':
      return [
        ...guard(() => requirePoints(config.points)),
        ...(config.max !== undefined && !(Number.isFinite(config.max) && config.max >= 0) ? ['公式得分上限必须是不小于 0 的有限数值'] : []),
        ...validateFormulaConfig(config, inputNames).map((i) => i.message),
      ];
  }
}
