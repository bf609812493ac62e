import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringError } from '../errors.js';
import { completionRate, scoreRatio, type RatioConfig } from './ratio.js';

describe('ratio 完成率', () => {
  it('scores P × min(actual/target, cap) and shows the arithmetic', () => {
    const s = scoreRatio({ points: 120 }, { actual: 85, target: 100 });
    expect(s.points).toBe(102);
    expect(s.explanation).toEqual({
      method: 'ratio',
      inputs: { P: 120, actual: 85, target: 100, cap: 1, direction: '越高越好' },
      rule: '完成率计分：P × min(实际/目标, 上限)',
      steps: ['完成率 = 85/100 = 85%', '120 × min(85/100, 1.0) = 102'],
      result: 102,
    });
  });

  it('caps over-completion at 1.0 by default and at 1.2 when configured', () => {
    expect(scoreRatio({ points: 100 }, { actual: 130, target: 100 }).points).toBe(100);
    const s = scoreRatio({ points: 100, cap: 1.2 }, { actual: 130, target: 100 });
    expect(s.points).toBe(120);
    expect(s.explanation.notes).toContain('完成率 130% 超过上限 120%，按上限计');
    expect(scoreRatio({ points: 100, cap: 1.2 }, { actual: 110, target: 100 }).points).toBeCloseTo(110, 10);
  });

  it('uses target/actual when lower is better', () => {
    const s = scoreRatio({ points: 10, direction: 'lower' }, { actual: 5, target: 4 });
    expect(s.points).toBe(8);
    expect(s.explanation.steps).toEqual(['完成率 = 4/5 = 80%', '10 × min(4/5, 1.0) = 8']);
    expect(scoreRatio({ points: 10, direction: 'lower' }, { actual: 3, target: 4 }).points).toBe(10);
  });

  it('scores 0 below the zero-below threshold', () => {
    const config: RatioConfig = { points: 20, zeroBelow: 0.6 };
    expect(scoreRatio(config, { actual: 59, target: 100 }).points).toBe(0);
    expect(scoreRatio(config, { actual: 60, target: 100 }).points).toBe(12);
    expect(scoreRatio(config, { actual: 59, target: 100 }).explanation.rule).toContain('完成率低于 60% 不得分');
  });

  it('handles target 0 and actual 0 sanely, never NaN or Infinity', () => {
    const cases: [RatioConfig, number, number, number][] = [
      [{ points: 10 }, 0, 0, 10],
      [{ points: 10 }, 5, 0, 10],
      [{ points: 10 }, -1, 0, 0],
      [{ points: 10 }, 0, 100, 0],
      [{ points: 10, direction: 'lower' }, 0, 3, 10],
      [{ points: 10, direction: 'lower', cap: 1.2 }, 0, 3, 12],
      [{ points: 10, direction: 'lower' }, 0, 0, 10],
      [{ points: 10, direction: 'lower' }, 2, 0, 0],
      [{ points: 10, direction: 'lower' }, -2, 1, 10],
    ];
    for (const [config, actual, target, expected] of cases) {
      const s = scoreRatio(config, { actual, target });
      expect(s.points).toBe(expected);
      expect(s.explanation.steps.join('')).not.toMatch(/NaN|Infinity/);
    }
    expect(scoreRatio({ points: 10 }, { actual: 5, target: 0 }).explanation.notes?.[0]).toContain('目标为 0');
  });

  it('clamps a negative completion at 0', () => {
    const s = scoreRatio({ points: 10 }, { actual: -5, target: 100 });
    expect(s.points).toBe(0);
    expect(s.explanation.steps[1]).toBe('10 × max(0, min(-5/100, 1.0)) = 0');
  });

  it('scores missing data 0 and names what is missing', () => {
    const s = scoreRatio({ points: 10 }, { actual: null, target: 100 });
    expect(s.points).toBe(0);
    expect(s.missing).toEqual(['actual']);
    expect(s.explanation.notes).toEqual(['未报送实际值，按 0 分计']);
  });

  it('rejects negative targets, bad caps and non-finite values', () => {
    expect(() => scoreRatio({ points: 10 }, { actual: 1, target: -1 })).toThrow(ScoringError);
    expect(() => scoreRatio({ points: 10, cap: 0.8 }, { actual: 1, target: 1 })).toThrow(ScoringError);
    expect(() => scoreRatio({ points: -1 }, { actual: 1, target: 1 })).toThrow(ScoringError);
    expect(() => scoreRatio({ points: 10 }, { actual: Number.NaN, target: 1 })).toThrow(ScoringError);
    expect(() => completionRate(1, Number.POSITIVE_INFINITY)).toThrow(ScoringError);
  });

  const configs = fc.record({
    points: fc.double({ min: 0, max: 1000, noNaN: true }),
    cap: fc.constantFrom(1, 1.1, 1.2, 1.5),
    zeroBelow: fc.option(fc.constantFrom(0, 0.3, 0.6, 0.9), { nil: undefined }),
  });
  const values = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  const targets = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true }));

  it('never falls when the actual improves (higher is better)', () => {
    fc.assert(
      fc.property(configs, targets, values, values, (c, target, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const config = { ...c, direction: 'higher' as const };
        expect(scoreRatio(config, { actual: hi, target }).points).toBeGreaterThanOrEqual(scoreRatio(config, { actual: lo, target }).points);
      }),
    );
  });

  it('never rises when the actual grows (lower is better)', () => {
    fc.assert(
      fc.property(configs, targets, values, values, (c, target, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const config = { ...c, direction: 'lower' as const };
        expect(scoreRatio(config, { actual: hi, target }).points).toBeLessThanOrEqual(scoreRatio(config, { actual: lo, target }).points);
      }),
    );
  });

  it('lies in [0, P × cap], and in [0, P] with the default cap', () => {
    fc.assert(
      fc.property(configs, fc.constantFrom('higher' as const, 'lower' as const), targets, values, (c, direction, target, actual) => {
        const s = scoreRatio({ ...c, direction }, { actual, target });
        expect(Number.isFinite(s.points)).toBe(true);
        expect(s.points).toBeGreaterThanOrEqual(0);
        expect(s.points).toBeLessThanOrEqual(c.points * c.cap);
        const d = scoreRatio({ points: c.points, direction }, { actual, target });
        expect(d.points).toBeLessThanOrEqual(c.points);
      }),
    );
  });
});
