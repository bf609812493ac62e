import { describe, expect, it } from 'vitest';
import { round2 } from '../explain.js';
import { monthsProgress, yearProgress } from '../schedule.js';
import { progressStatus, scoreProgress } from './progress.js';

describe('progress 时序进度', () => {
  it('Jan–Aug completion 74% vs 8/12 = 66.67% is ahead by 7.33 points (DOMAIN.md §4)', () => {
    const s = scoreProgress({ points: 20 }, { actual: 74, target: 100, elapsed: monthsProgress(8) });
    expect(s.status?.lagging).toBe(false);
    expect(round2((s.status?.lag ?? 0) * 100)).toBe(7.33);
    expect(s.points).toBe(20);
    expect(s.explanation.steps).toEqual([
      '完成率 = 74/100 = 74%',
      '时序进度 = 8/12 = 66.67%',
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
    expect(s.explanation.steps[1]).toBe('时序进度 = 243/365 = 66.58%');
    expect(s.points).toBeCloseTo((10 * 0.6) / (243 / 365), 10);
  });

  it('gives P when nothing is expected yet, and 0 when data is missing', () => {
    expect(scoreProgress({ points: 10 }, { actual: 0, target: 100, elapsed: 0 }).points).toBe(10);
    expect(scoreProgress({ points: 10 }, { actual: 5, target: 100, elapsed: null })).toMatchObject({ points: 0, missing: ['elapsed'] });
  });

  it('reports an exact match as on schedule', () => {
    expect(progressStatus(0.5, 0.5)).toMatchObject({ lag: 0, lagging: false, text: '50% − 50% = 0 个百分点（与时序进度持平）' });
  });
});
