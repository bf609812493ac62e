/**
 * Public-evaluation satisfaction (公众评估, DOMAIN.md §3): answers 满意 / 基本满意 / 不满意 /
 * 不了解 become a satisfaction percentage, weighted, with 不了解 left out; the component earns
 * that percentage of its points.
 */
import { requireCount, requireInRange, requirePoints } from './checks.js';
import { ScoringError } from './errors.js';
import { explanation, fmt, fmtPct, type Explanation, type Scored } from './explain.js';
import { say } from './language.js';

/** The four answers of the questionnaire. */
export type Answer = 'satisfied' | 'basicallySatisfied' | 'dissatisfied' | 'unaware';

/** Chinese names of the answers. */
export const ANSWER_LABELS: Readonly<Record<Answer, string>> = {
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
  unaware: '不了解',
};

/** Weight of each counted answer, 0–100 (不了解 is never counted). */
export interface SatisfactionWeights {
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
}

/** Default weights: 满意 100, 基本满意 60, 不满意 0. */
export const DEFAULT_SATISFACTION_WEIGHTS: Readonly<SatisfactionWeights> = { satisfied: 100, basicallySatisfied: 60, dissatisfied: 0 };

/** The published alternative (Shandong 2008): 满意 100, 基本满意 75, 不满意 55. */
export const SHANDONG_2008_WEIGHTS: Readonly<SatisfactionWeights> = { satisfied: 100, basicallySatisfied: 75, dissatisfied: 55 };

/** How many respondents gave each answer for one unit. */
export interface AnswerCounts {
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  unaware?: number;
}

/** A satisfaction percentage (0–100), or null when no answer other than 不了解 was given. */
export interface SatisfactionResult {
  satisfaction: number | null;
  /** Answers counted (all but 不了解). */
  counted: number;
  explanation: Explanation;
}

const COUNTED = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;

const ANSWER_NAMES_EN: Readonly<Record<Answer, string>> = { satisfied: 'satisfied', basicallySatisfied: 'basically satisfied', dissatisfied: 'dissatisfied', unaware: "don't know" };

/** An answer's name in the current language. */
const answerName = (a: Answer): string => say(ANSWER_LABELS[a], ANSWER_NAMES_EN[a]);

function weightsText(w: SatisfactionWeights): string {
  return COUNTED.map((k) => `${answerName(k)} ${fmt(w[k])}`).join(say('、', ', '));
}

/** Satisfaction = Σ(nᵢ × wᵢ) ÷ Σnᵢ over the answers other than 不了解. */
export function satisfactionRate(counts: AnswerCounts, weights: SatisfactionWeights = DEFAULT_SATISFACTION_WEIGHTS): SatisfactionResult {
  for (const k of COUNTED) {
    requireCount(`「${ANSWER_LABELS[k]}」的份数`, counts[k]);
    requireInRange(`「${ANSWER_LABELS[k]}」的权重`, weights[k], 0, 100);
  }
  const unaware = requireCount('「不了解」的份数', counts.unaware ?? 0);
  const rule = say(
    `满意度 = Σ(各选项份数 × 权重) ÷ 有效份数（不计「不了解」；权重：${weightsText(weights)}）`,
    `Satisfaction = Σ(answers × weight) ÷ answers counted ("don't know" left out; weights: ${weightsText(weights)})`,
  );
  const inputs = {
    [answerName('satisfied')]: counts.satisfied,
    [answerName('basicallySatisfied')]: counts.basicallySatisfied,
    [answerName('dissatisfied')]: counts.dissatisfied,
    [answerName('unaware')]: unaware,
  };
  const counted = COUNTED.reduce((sum, k) => sum + counts[k], 0);
  const notes = unaware > 0 ? [say(`「不了解」${unaware} 份不计入`, `${unaware} "don't know" answers not counted`)] : [];
  if (counted === 0) {
    return {
      satisfaction: null,
      counted,
      explanation: explanation('satisfaction', inputs, rule, [say('无有效答卷，无法计算满意度', 'no answer counted: no satisfaction')], 0, [...notes, say('除「不了解」外没有答卷', 'no answers other than "don\'t know"')]),
    };
  }
  const weighted = COUNTED.reduce((sum, k) => sum + counts[k] * weights[k], 0);
  const satisfaction = weighted / counted;
  const terms = COUNTED.map((k) => `${counts[k]} × ${fmt(weights[k])}`).join(' + ');
  const step = `(${terms}) ÷ (${COUNTED.map((k) => counts[k]).join(' + ')}) = ${fmt(weighted)} ÷ ${counted} = ${fmt(satisfaction, 2)}%`;
  return { satisfaction, counted, explanation: explanation('satisfaction', inputs, rule, [step], satisfaction, notes) };
}

/**
 * Points of the public-evaluation component: satisfaction% × its points. With no counted answer
 * the component scores 0 and says so.
 */
export function satisfactionPoints(
  points: number,
  counts: AnswerCounts,
  weights: SatisfactionWeights = DEFAULT_SATISFACTION_WEIGHTS,
): Scored {
  requirePoints(points);
  const rate = satisfactionRate(counts, weights);
  const e = rate.explanation;
  const rule = say(`公众评估得分 = 满意度 × 分值；${e.rule}`, `Public evaluation points = satisfaction × points; ${e.rule}`);
  const inputs = { P: points, ...e.inputs };
  if (rate.satisfaction === null) {
    return {
      points: 0,
      missing: ['answers'],
      explanation: { ...e, rule, inputs, result: 0, notes: [...(e.notes ?? []), say('按 0 分计', '0 points')] },
    };
  }
  const result = (rate.satisfaction / 100) * points;
  return {
    points: result,
    explanation: {
      ...e,
      rule,
      inputs,
      steps: [...e.steps, `${fmtPct(rate.satisfaction / 100)} × ${fmt(points)} = ${fmt(result)}`],
      result,
    },
  };
}

/** Maps a 1–5 star answer as Wuhan did: 5★ 满意, 4–3★ 基本满意, 2–1★ 不满意. */
export function answerFromStars(stars: number): Exclude<Answer, 'unaware'> {
  if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw new ScoringError('INVALID_INPUT', `星级应为 1 到 5 的整数，收到 ${stars}`);
  return stars === 5 ? 'satisfied' : stars >= 3 ? 'basicallySatisfied' : 'dissatisfied';
}

/** Counts answers into the four totals, e.g. from the rows of a campaign's valid responses. */
export function countAnswers(answers: Iterable<Answer>): Required<AnswerCounts> {
  const counts = { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, unaware: 0 };
  for (const a of answers) counts[a]++;
  return counts;
}
