import { describe, expect, it } from 'vitest';
import { ScoringError } from '../errors.js';
import { scoreBands, validateBands, type BandsConfig } from './bands.js';

const byCompletion: BandsConfig = {
  points: 10,
  measure: 'completion',
  bands: [
    { from: 1, points: 10, label: '完成' },
    { from: 0.9, to: 1, share: 0.8 },
    { from: 0.6, to: 0.9, share: 0.5 },
    { to: 0.6, points: 0 },
  ],
};

describe('bands 分档', () => {
  it('takes the points or share of the band [from, to) the value falls in', () => {
    expect(scoreBands(byCompletion, { actual: 120, target: 100 }).points).toBe(10);
    expect(scoreBands(byCompletion, { actual: 100, target: 100 }).points).toBe(10);
    expect(scoreBands(byCompletion, { actual: 95, target: 100 }).points).toBe(8);
    expect(scoreBands(byCompletion, { actual: 90, target: 100 }).points).toBe(8);
    expect(scoreBands(byCompletion, { actual: 89, target: 100 }).points).toBe(5);
    expect(scoreBands(byCompletion, { actual: 10, target: 100 }).points).toBe(0);
  });

  it('explains the band and the arithmetic', () => {
    const s = scoreBands(byCompletion, { actual: 95, target: 100 });
    expect(s.explanation.steps).toEqual(['完成率 = 95/100 = 95%', '95% 落在 [90%, 100%) 档', '10 × 0.8 = 8']);
    expect(s.explanation.rule).toContain('[100%, +∞)「完成」 → 10 分');
  });

  it('bands raw values, and scores 0 outside every band', () => {
    const config: BandsConfig = { points: 5, bands: [{ from: 0, to: 3, points: 5 }, { from: 3, to: 6, points: 2 }] };
    expect(scoreBands(config, { actual: 2 }).points).toBe(5);
    expect(scoreBands(config, { actual: 3 }).points).toBe(2);
    const outside = scoreBands(config, { actual: 7 });
    expect(outside.points).toBe(0);
    expect(outside.explanation.notes).toEqual(['数值不在分档表的任何区间内，按 0 分计']);
    expect(scoreBands(config, { actual: null }).missing).toEqual(['actual']);
  });

  it('rejects overlapping bands, empty ranges and points above P', () => {
    expect(validateBands({ points: 5, bands: [{ from: 0, to: 3, points: 1 }, { from: 2, to: 6, points: 2 }] })[0]).toContain('重叠');
    expect(validateBands({ points: 5, bands: [{ from: 3, to: 3, points: 1 }] })).toEqual(['第 1 档的下限必须小于上限']);
    expect(validateBands({ points: 5, bands: [{ from: 0, points: 6 }] })).toEqual(['第 1 档的分值应在 0 到 5 之间']);
    expect(validateBands({ points: 5, bands: [{ from: 0, points: 1, share: 0.2 }] })).toHaveLength(1);
    expect(validateBands(byCompletion)).toEqual([]);
    expect(() => scoreBands({ points: 5, bands: [] }, { actual: 1 })).toThrow(ScoringError);
  });
});
