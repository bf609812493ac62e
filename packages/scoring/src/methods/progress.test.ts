import { describe, expect, it } from 'vitest';
import { round2 } from '../explain.js';
import { monthsProgress, progressAt, yearProgress } from '../schedule.js';
import { progressRuleText, progressStatus, scoreProgress } from './progress.js';

const PROGRESS_RULE = progressRuleText();

describe('progress 时序进度', () => {
  it('Jan–Aug completion 74% vs 8/12 = 66.67% is ahead by 7.33 points (DOMAIN.md §4)', () => {
    const s = scoreProgress({ points: 20 }, { actual: 74, target: 100, elapsed: monthsProgress(8) });
    expect(s.status?.lagging).toBe(false);
    expect(round2((s.status?.lag ?? 0) * 100)).toBe(7.33);
    expect(s.points).toBe(20);
    expect(s.explanation.steps).toEqual([
      '完成率 = 74/100 = 74%',
      '时序进度（按月）= 8/12 = 66.67%',
      '20 × min(1, 74% ÷ 66.67%) = 20',
      '差距 = 74% − 66.67% = +7.33 个百分点（快于时序进度）',
    ]);
  });

  it('scores P × completion ÷ 时序进度 and flags a lagging unit', () => {
    const s = scoreProgress({ points: 20 }, { actual: 50, target: 100, elapsed: 8 / 12 });
    expect(s.points).toBeCloseTo(15, 10);
    expect(s.status).toMatchObject({ lagging: true });
    expect(s.status?.text).toBe('50% − 66.67% = −16.67 个百分点（落后于时序进度）');
    expect(s.explanation.notes).toContain('落后于序时进度');
  });

  it('works with day-based 时序进度', () => {
    const s = scoreProgress({ points: 10 }, { actual: 600, target: 1000, elapsed: yearProgress('2021-08-31') });
    expect(s.explanation.steps[1]).toBe('时序进度（按日）= 243/365 = 66.58%');
    expect(s.points).toBeCloseTo((10 * 0.6) / (243 / 365), 10);
  });

  describe('on 2021-08-31, on both bases (worked by hand)', () => {
    // 600 of an annual target of 1000 = 60% complete, P = 10.
    it('by months: 8 months ended of 12 = 66.67%, so 10 × 60/66.67 = 9 points, 6.67 points behind', () => {
      const s = scoreProgress({ points: 10, basis: 'month' }, { actual: 600, target: 1000, elapsed: progressAt('2021-08-31', 'month') });
      expect(s.status!.expected).toBe(8 / 12);
      expect(s.points).toBeCloseTo(10 * 0.6 * (12 / 8), 12); // = 9
      expect(s.points).toBeCloseTo(9, 12);
      expect(s.explanation.rule).toBe(`${PROGRESS_RULE}；时序进度按月计（已过月数 ÷ 12）`);
      expect(s.explanation.steps[1]).toBe('时序进度（按月）= 8/12 = 66.67%');
      expect(s.status!.text).toBe('60% − 66.67% = −6.67 个百分点（落后于时序进度）');
    });

    it('by days: Jan 1 to Aug 31 is 31+28+31+30+31+30+31+31 = 243 of 365 days = 66.58%, so 10 × 60/66.58 = 9.01 points', () => {
      const s = scoreProgress({ points: 10, basis: 'day' }, { actual: 600, target: 1000, elapsed: progressAt('2021-08-31', 'day') });
      expect(31 + 28 + 31 + 30 + 31 + 30 + 31 + 31).toBe(243);
      expect(s.status!.expected).toBe(243 / 365);
      expect(s.points).toBeCloseTo((10 * 0.6 * 365) / 243, 12); // = 9.0123…
      expect(round2(s.points)).toBe(9.01);
      expect(s.explanation.rule).toBe(`${PROGRESS_RULE}；时序进度按日计（已过天数 ÷ 全年天数）`);
      expect(s.explanation.steps[1]).toBe('时序进度（按日）= 243/365 = 66.58%');
      expect(s.status!.text).toBe('60% − 66.58% = −6.58 个百分点（落后于时序进度）');
    });

    it('a configuration without a basis keeps the rule as it was written before bases existed', () => {
      expect(scoreProgress({ points: 10 }, { actual: 1, target: 1, elapsed: 0.5 }).explanation.rule).toBe(PROGRESS_RULE);
    });
  });

  it('gives P when nothing is expected yet, and 0 when data is missing', () => {
    expect(scoreProgress({ points: 10 }, { actual: 0, target: 100, elapsed: 0 }).points).toBe(10);
    expect(scoreProgress({ points: 10 }, { actual: 5, target: 100, elapsed: null })).toMatchObject({ points: 0, missing: ['elapsed'] });
  });

  it('reports an exact match as on schedule', () => {
    expect(progressStatus(0.5, 0.5)).toMatchObject({ lag: 0, lagging: false, text: '50% − 50% = 0 个百分点（与时序进度持平）' });
  });
});
