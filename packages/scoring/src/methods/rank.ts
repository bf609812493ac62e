/**
 * 排名计分 — points by rank inside the unit's group: the first gets P, the last gets
 * floor × P, linearly in between; ties share the best rank (1, 2, 2, 4).
 */
import { isMissing, requireFinite, requireInRange, requirePoints, tieKey } from '../checks.js';
import { ScoringError } from '../errors.js';
import { directionText, explanation, fmt, fmtFactor, type Direction, type Scored } from '../explain.js';
import { say } from '../language.js';

/** Configuration of a 排名计分 indicator. */
export interface RankConfig {
  /** P, the points of the first rank. */
  points: number;
  /** Which values rank first; default higher. */
  direction?: Direction;
  /** Share of P the last rank keeps, in [0, 1]; default 0.6. */
  floor?: number;
}

/** Default share of P kept by the last rank. */
export const DEFAULT_RANK_FLOOR = 0.6;

/** The rule of a rank indicator in words. */
export const rankRule = (): string => say('排名计分：P × (1 − (1 − 保底系数) × (名次 − 1)/(参评数 − 1))', 'Rank: P × (1 − (1 − floor) × (rank − 1)/(units ranked − 1))');

/** Throws if a rank configuration cannot be scored. */
export function checkRankConfig(config: RankConfig): void {
  requirePoints(config.points);
  requireInRange('保底系数', config.floor ?? DEFAULT_RANK_FLOOR, 0, 1);
}

/**
 * Competition ranks ("1224") of `values`, aligned with the input; `null` values are not
 * ranked. Values equal to 12 significant digits tie, so float noise never splits a tie.
 */
export function competitionRanks(values: readonly (number | null)[], direction: Direction = 'higher'): (number | null)[] {
  const keys = values.map((v) => (isMissing(v) ? null : tieKey(requireFinite('排名值', v))));
  const present = keys.filter((k): k is number => k !== null);
  return keys.map((k) => {
    if (k === null) return null;
    const better = present.filter((o) => (direction === 'higher' ? o > k : o < k)).length;
    return better + 1;
  });
}

/** Points for rank `rank` of `count`: P × (1 − (1 − floor) × (r − 1)/(n − 1)); n = 1 gives P. */
export function rankPoints(points: number, rank: number, count: number, floor: number = DEFAULT_RANK_FLOOR): Scored {
  requirePoints(points);
  requireInRange('保底系数', floor, 0, 1);
  if (!Number.isInteger(count) || count < 1) throw new ScoringError('INVALID_INPUT', `参评数必须是正整数，收到 ${count}`);
  if (!Number.isInteger(rank) || rank < 1 || rank > count) {
    throw new ScoringError('INVALID_INPUT', `名次必须是 1 到 ${count} 之间的整数，收到 ${rank}`);
  }
  const inputs = { P: points, rank, n: count, floor };
  if (count === 1) {
    return {
      points,
      explanation: explanation('rank', inputs, rankRule(), [say(`仅 1 个单位参评，得满分 ${fmt(points)}`, `only 1 unit ranked: full points ${fmt(points)}`)], points),
    };
  }
  // (r − 1)/(n − 1) first, so the last rank gets exactly floor × P.
  const result = points * (1 - (1 - floor) * ((rank - 1) / (count - 1)));
  const step = `${fmt(points)} × (1 − (1 − ${fmtFactor(floor)}) × (${rank} − 1)/(${count} − 1)) = ${fmt(result)}`;
  return { points: result, explanation: explanation('rank', inputs, rankRule(), [step], result) };
}

/** The score of a unit with no value: not ranked, 0 points, noted. */
function missingRank(config: RankConfig, n: number): Scored {
  const direction = config.direction ?? 'higher';
  const floor = config.floor ?? DEFAULT_RANK_FLOOR;
  return {
    points: 0,
    missing: ['actual'],
    explanation: explanation(
      'rank',
      { P: config.points, value: null, rank: null, n, floor, direction: directionText(direction) },
      rankRule(),
      [say('缺少数据，不参与排名，得 0 分', 'data missing: not ranked, 0 points')],
      0,
      [say('未报送数据，不参与排名，按 0 分计', 'no data reported: not ranked, 0 points')],
    ),
  };
}

/** One unit's value in its group; `null` when the unit has not reported. */
export interface RankEntry {
  unitId: string;
  value: number | null;
}

/** A unit's rank score; rank and n are null when it had no value. */
export interface RankedScore extends Scored {
  unitId: string;
  rank: number | null;
  n: number;
}

/**
 * Scores a whole group at once, in input order. Units without a value are not ranked, score 0
 * and say so; n counts only the units that have a value.
 */
export function scoreRankGroup(config: RankConfig, entries: readonly RankEntry[]): RankedScore[] {
  checkRankConfig(config);
  const direction = config.direction ?? 'higher';
  const floor = config.floor ?? DEFAULT_RANK_FLOOR;
  const ranks = competitionRanks(
    entries.map((e) => e.value),
    direction,
  );
  const n = ranks.filter((r) => r !== null).length;
  return entries.map((entry, i) => {
    const rank = ranks[i] ?? null;
    if (rank === null) return { unitId: entry.unitId, rank: null, n, ...missingRank(config, n) };
    const tied = ranks.filter((r) => r === rank).length;
    const scored = rankPoints(config.points, rank, n, floor);
    const placing = say(
      `在 ${n} 个单位中排第 ${rank} 名${tied > 1 ? `（${tied} 个单位并列）` : ''}（${directionText(direction)}）`,
      `rank ${rank} of ${n} units${tied > 1 ? ` (${tied} units tied)` : ''} (${directionText(direction)})`,
    );
    return {
      unitId: entry.unitId,
      rank,
      n,
      points: scored.points,
      explanation: explanation(
        'rank',
        { P: config.points, value: entry.value, rank, n, floor, direction: directionText(direction) },
        rankRule(),
        [placing, ...scored.explanation.steps],
        scored.points,
        tied > 1 ? [say('并列单位取最好名次', 'tied units share the best rank')] : [],
      ),
    };
  });
}

/** What one unit needs for a rank score: its own value and every value in its group (its own included). */
export interface RankInputs {
  actual: number | null | undefined;
  groupValues: readonly (number | null)[];
}

/** Scores one unit against its group; the group must contain the unit's own value. */
export function scoreRank(config: RankConfig, inputs: RankInputs): Scored {
  checkRankConfig(config);
  const own = inputs.actual;
  if (isMissing(own)) return missingRank(config, inputs.groupValues.filter((v) => !isMissing(v)).length);
  const key = tieKey(requireFinite('实际值', own));
  const index = inputs.groupValues.findIndex((v) => !isMissing(v) && tieKey(v) === key);
  if (index < 0) throw new ScoringError('INVALID_INPUT', `组内数值中找不到本单位的值 ${own}`);
  const entries = inputs.groupValues.map((value, i) => ({ unitId: i === index ? 'self' : `#${i}`, value }));
  const mine = scoreRankGroup(config, entries)[index];
  if (!mine) throw new ScoringError('INVALID_INPUT', '排名计分失败');
  return { points: mine.points, explanation: mine.explanation };
}
