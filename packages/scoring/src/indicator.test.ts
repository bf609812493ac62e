import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringError } from './errors.js';
import { maxPoints, scoreIndicator, validateMethodConfig, type IndicatorInputs, type MethodConfig } from './indicator.js';
import { EXAMPLE_PENALTY_RULES } from './methods/deduct.js';
import { monthsProgress } from './schedule.js';

describe('scoreIndicator', () => {
  it('dispatches on the method of the configuration', () => {
    const inputs: IndicatorInputs = {
      actual: 74,
      target: 100,
      elapsed: monthsProgress(8),
      grade: '良',
      groupValues: [90, 74, 60],
      penalties: [{ kind: 'criticism' }],
      bonuses: [{ item: 'A', level: 'province' }],
      vetoes: [],
    };
    const configs: [MethodConfig, number][] = [
      [{ method: 'ratio', points: 100 }, 74],
      [{ method: 'rank', points: 100 }, 80],
      [{ method: 'bands', points: 10, bands: [{ from: 70, points: 10 }, { to: 70, points: 2 }] }, 10],
      [{ method: 'grade', points: 20 }, 17],
      [{ method: 'deduct', points: 5, rules: EXAMPLE_PENALTY_RULES }, 3],
      [{ method: 'bonus', cap: 5 }, 3],
      [{ method: 'veto' }, 0],
      [{ method: 'progress', points: 10 }, 10],
      [{ method: 'formula', points: 10, expression: 'P * actual / target' }, 7.4],
    ];
    for (const [config, expected] of configs) {
      const s = scoreIndicator(config, inputs);
      expect(s.points).toBeCloseTo(expected, 10);
      expect(s.explanation.method).toBe(config.method);
    }
  });

  it('passes the grade cap of a veto and the standing of progress through', () => {
    expect(scoreIndicator({ method: 'veto' }, { vetoes: [{ reason: '重大事故' }] }).gradeCap).toEqual({ grade: '较差', reasons: ['重大事故'] });
    expect(scoreIndicator({ method: 'progress', points: 10 }, { actual: 50, target: 100, elapsed: 0.75 }).progress?.lagging).toBe(true);
  });

  it('needs the group values to rank', () => {
    expect(() => scoreIndicator({ method: 'rank', points: 10 }, { actual: 1 })).toThrow(ScoringError);
  });

  it('knows each method’s maximum', () => {
    expect(maxPoints({ method: 'ratio', points: 10, cap: 1.2 })).toBe(12);
    expect(maxPoints({ method: 'bonus', cap: 5 })).toBe(5);
    expect(maxPoints({ method: 'veto' })).toBe(0);
    expect(maxPoints({ method: 'grade', points: 20 })).toBe(20);
  });
});

describe('validateMethodConfig', () => {
  it('accepts valid configurations and explains invalid ones', () => {
    expect(validateMethodConfig({ method: 'ratio', points: 10, cap: 1.2, zeroBelow: 0.6 })).toEqual([]);
    expect(validateMethodConfig({ method: 'ratio', points: 10, cap: 3 / 4 })).toEqual(['完成率上限应在 1 到 10 之间，收到 0.75']);
    expect(validateMethodConfig({ method: 'rank', points: 10, floor: 1.5 })).toEqual(['保底系数应在 0 到 1 之间，收到 1.5']);
    expect(validateMethodConfig({ method: 'bands', points: 10, bands: [{ from: 0, to: 5, points: 11 }] })).toEqual(['第 1 档的分值应在 0 到 10 之间']);
    expect(validateMethodConfig({ method: 'formula', points: 10, expression: 'P * growth' })[0]).toContain('「growth」');
    expect(validateMethodConfig({ method: 'formula', points: 10, expression: 'P * growth' }, ['growth'])).toEqual([]);
    expect(validateMethodConfig({ method: 'veto', capGrade: ' ' })).toHaveLength(1);
  });
});

// Every method's score lies in [0, P] (bonus in [0, cap]), whatever the data.
describe('score bounds across methods', () => {
  const P = fc.double({ min: 0, max: 1000, noNaN: true });
  const value = fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { nil: null });
  const nonNegative = fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: null });
  const config: fc.Arbitrary<MethodConfig> = fc.oneof(
    fc.record({ method: fc.constant('ratio' as const), points: P, direction: fc.constantFrom('higher' as const, 'lower' as const) }),
    fc.record({ method: fc.constant('rank' as const), points: P, floor: fc.double({ min: 0, max: 1, noNaN: true }) }),
    P.map((points): MethodConfig => ({ method: 'bands', points, measure: 'completion', bands: [{ from: 1, share: 1 }, { from: 0.5, to: 1, share: 0.6 }] })),
    fc.record({ method: fc.constant('grade' as const), points: P }),
    fc.record({ method: fc.constant('deduct' as const), points: P, rules: fc.constant(EXAMPLE_PENALTY_RULES) }),
    fc.record({ method: fc.constant('bonus' as const), cap: P }),
    fc.record({ method: fc.constant('veto' as const) }),
    fc.record({ method: fc.constant('progress' as const), points: P }),
    fc.record({
      method: fc.constant('formula' as const),
      points: P,
      expression: fc.constantFrom('P * actual / target', 'P * (actual - lastYear) / lastYear', 'if(actual > target, P + 5, actual)', 'P - actual'),
    }),
  );
  const inputs = fc.record({
    actual: value,
    target: nonNegative,
    lastYear: value,
    elapsed: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    grade: fc.constantFrom('优', '良', '中', '差', null),
    others: fc.array(value, { maxLength: 10 }),
    penalties: fc.array(fc.record({ kind: fc.constantFrom('major-accident', 'criticism'), count: fc.nat(10) }), { maxLength: 5 }),
    bonuses: fc.array(fc.record({ item: fc.constantFrom('甲', '乙', '丙'), level: fc.constantFrom('city', 'province', 'nation') }), { maxLength: 6 }),
  });

  it('every score is finite and within [0, max]', () => {
    fc.assert(
      fc.property(config, inputs, (c, i) => {
        const s = scoreIndicator(c, { ...i, groupValues: [i.actual, ...i.others] });
        expect(Number.isFinite(s.points)).toBe(true);
        expect(s.points).toBeGreaterThanOrEqual(0);
        expect(s.points).toBeLessThanOrEqual(maxPoints(c));
        if (c.method !== 'bonus' && c.method !== 'veto') expect(s.points).toBeLessThanOrEqual(c.points);
        expect(s.explanation.result).toBe(s.points);
        expect(JSON.stringify(s.explanation)).not.toMatch(/NaN|Infinity/);
      }),
      { numRuns: 1000 },
    );
  });
});
