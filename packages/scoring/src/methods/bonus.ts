/**
 * 加分 — recognition earned in the year (awards, pilot programmes, commendations). The same item
 * counts once, at its highest level, and the total is capped, so one achievement honoured at
 * city, province and nation does not score three times.
 */
import { requireNonNegative } from '../checks.js';
import { ScoringError } from '../errors.js';
import { explanation, fmt, type Scored } from '../explain.js';
import { say } from '../language.js';

/** A level of recognition and its points. */
export interface BonusLevel {
  level: string;
  label: string;
  points: number;
}

/** Default levels (DOMAIN.md §2): city +1, province +3, nation +5. */
export const DEFAULT_BONUS_LEVELS: readonly BonusLevel[] = [
  { level: 'city', label: '市级', points: 1 },
  { level: 'province', label: '省级', points: 3 },
  { level: 'nation', label: '国家级', points: 5 },
];

/** Configuration of a 加分 item of the scheme. */
export interface BonusConfig {
  /** Highest total bonus. */
  cap: number;
  levels?: readonly BonusLevel[];
}

/** One recognition: the item it is for, and either a level or explicit points. */
export interface BonusEvent {
  /** Identifies the achievement; events with the same item are the same achievement. */
  item: string;
  level?: string;
  points?: number;
  note?: string;
}

/** The recognitions recorded for the unit. */
export interface BonusInputs {
  events: readonly BonusEvent[];
}

/** The English names of the default levels; a scheme's own levels keep their labels. */
const LEVEL_NAMES_EN: Readonly<Record<string, string>> = { city: 'city', province: 'province', nation: 'national' };

/** A level's name in the current language. */
const levelName = (l: BonusLevel): string => say(l.label, LEVEL_NAMES_EN[l.level] !== undefined && DEFAULT_BONUS_LEVELS.some((d) => d.level === l.level && d.label === l.label) ? LEVEL_NAMES_EN[l.level]! : l.label);

/** Throws if a bonus configuration cannot be scored. */
export function checkBonusConfig(config: BonusConfig): void {
  requireNonNegative('加分上限', config.cap, 'INVALID_CONFIG');
  const seen = new Set<string>();
  for (const l of config.levels ?? DEFAULT_BONUS_LEVELS) {
    if (seen.has(l.level)) throw new ScoringError('INVALID_CONFIG', `加分级别「${l.level}」重复定义`);
    seen.add(l.level);
    requireNonNegative(`加分级别「${l.label}」的分值`, l.points, 'INVALID_CONFIG');
  }
}

/** The rule of a bonus item in words. */
export function bonusRule(config: BonusConfig): string {
  const list = config.levels ?? DEFAULT_BONUS_LEVELS;
  const zh = list.map((l) => `${l.label} +${fmt(l.points)}`).join('、');
  const en = list.map((l) => `${levelName(l)} +${fmt(l.points)}`).join(', ');
  return say(
    `加分：Σ 加分事项（同一事项只按最高级别计一次；${zh}），不超过上限 ${fmt(config.cap)} 分`,
    `Bonus: Σ recognitions (each item once, at its highest level; ${en}), at most ${fmt(config.cap)}`,
  );
}

/** Scores the bonus: Σ over items of the item's highest award, capped. */
export function scoreBonus(config: BonusConfig, inputs: BonusInputs): Scored {
  checkBonusConfig(config);
  const levels = new Map((config.levels ?? DEFAULT_BONUS_LEVELS).map((l) => [l.level, l]));
  const byItem = new Map<string, { points: number; label: string }[]>();
  for (const event of inputs.events) {
    const item = event.item.trim();
    if (item === '') throw new ScoringError('INVALID_INPUT', '加分事项必须有名称');
    let award: { points: number; label: string };
    if (event.points !== undefined) {
      // Explicit points win; a level, if also given, only labels the award.
      const known = event.level === undefined ? undefined : levels.get(event.level);
      const label = event.level === undefined ? '' : known ? levelName(known) : event.level;
      award = { points: requireNonNegative(`「${item}」的加分`, event.points), label };
    } else if (event.level !== undefined) {
      const level = levels.get(event.level);
      if (!level) {
        const known = [...levels.keys()].join('、');
        throw new ScoringError('INVALID_INPUT', `「${item}」的级别「${event.level}」未定义，可选：${known}`);
      }
      award = { points: level.points, label: levelName(level) };
    } else {
      throw new ScoringError('INVALID_INPUT', `「${item}」须给出级别或加分值`);
    }
    const list = byItem.get(item) ?? [];
    list.push(award);
    byItem.set(item, list);
  }
  const steps: string[] = [];
  const notes: string[] = [];
  const terms: number[] = [];
  for (const [item, awards] of byItem) {
    const best = awards.reduce((a, b) => (b.points > a.points ? b : a));
    terms.push(best.points);
    const show = (a: { points: number; label: string }): string => `${a.label}${a.label ? ' ' : ''}+${fmt(a.points)}`;
    if (awards.length > 1) {
      steps.push(say(`「${item}」：${awards.map(show).join('、')} → 按最高 ${show(best)} 计一次`, `"${item}": ${awards.map(show).join(', ')} → counted once, at the highest ${show(best)}`));
      notes.push(say(`「${item}」在多个级别获得认可，只按最高级别计一次`, `"${item}" was recognised at several levels: counted once, at the highest`));
    } else {
      steps.push(say(`「${item}」：${show(best)}`, `"${item}": ${show(best)}`));
    }
  }
  const sum = terms.reduce((a, b) => a + b, 0);
  const points = Math.min(sum, config.cap);
  if (terms.length === 0) {
    steps.push(say('无加分事项', 'no recognitions'));
  } else {
    const capped = sum > config.cap ? say(`，超过上限 ${fmt(config.cap)} → ${fmt(points)}`, `, above the cap ${fmt(config.cap)} → ${fmt(points)}`) : '';
    steps.push(`${terms.map((t) => fmt(t)).join(' + ')} = ${fmt(sum)}${capped}`);
  }
  if (sum > config.cap) notes.push(say(`加分合计 ${fmt(sum)} 超过上限 ${fmt(config.cap)}，按上限计`, `the bonus of ${fmt(sum)} is above the cap ${fmt(config.cap)}: the cap counts`));
  return {
    points,
    explanation: explanation('bonus', { cap: config.cap, items: byItem.size, sum }, bonusRule(config), steps, points, notes),
  };
}
