import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explanation, fmt, fmtFactor, fmtPct, renderExplanation, round2, roundTo } from './explain.js';

describe('round2', () => {
  it('rounds half away from zero without binary surprises', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(2.675)).toBe(2.68);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(7.333333)).toBe(7.33);
    expect(round2(102)).toBe(102);
    expect(Object.is(round2(-0.001), 0)).toBe(true);
  });

  it('stays within half a cent of the value and is idempotent', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        const r = round2(x);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.005 + 1e-6);
        expect(round2(r)).toBe(r);
      }),
    );
  });

  it('rounds as the value reads to 15 significant digits, also where it skips that step', () => {
    // The rule as first written: every value through toPrecision(15), then rounded half away from zero.
    const byDigits = (value: number, digits: number) => {
      const factor = 10 ** digits;
      const r = (Math.sign(value) * Math.round(Number((Math.abs(value) * factor).toPrecision(15)))) / factor;
      return r === 0 ? 0 : r;
    };
    const written = fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 6 })).map(([n, d]) => n / 10 ** d);
    fc.assert(
      fc.property(fc.oneof(written, fc.double({ min: -1e12, max: 1e12, noNaN: true })), fc.integer({ min: 0, max: 6 }), (x, digits) => {
        expect(roundTo(x, digits)).toBe(byDigits(x, digits));
      }),
      { numRuns: 5000 },
    );
    for (const x of [1.005, 2.675, 1.0049999999999999, 0.285, 1.255, 8.345, 1234.5675, 0.5, 2.5, -2.5, 1e-7]) {
      for (const d of [0, 1, 2, 3, 4]) expect(roundTo(x, d)).toBe(byDigits(x, d));
    }
  });

  it('rounds to other precisions', () => {
    expect(roundTo(66.666666, 1)).toBe(66.7);
    expect(roundTo(1234.5, 0)).toBe(1235);
  });
});

describe('number formatting for steps', () => {
  it('writes numbers, factors and percentages as offices read them', () => {
    expect(fmt(102)).toBe('102');
    expect(fmt(0.666666)).toBe('0.6667');
    expect(fmtFactor(1)).toBe('1.0');
    expect(fmtFactor(1.2)).toBe('1.2');
    expect(fmtPct(8 / 12)).toBe('66.67%');
    expect(fmtPct(0.74)).toBe('74%');
  });
});

describe('renderExplanation', () => {
  it('renders rule, inputs, steps, result and notes as lines', () => {
    const e = explanation('ratio', { P: 120, actual: 85, target: null }, '完成率计分', ['120 × min(85/100, 1.0) = 102'], 102, ['示例']);
    expect(renderExplanation(e)).toBe(
      ['完成率计分', '输入：P = 120，actual = 85，target = （缺）', '  120 × min(85/100, 1.0) = 102', '结果：102', '注：示例'].join('\n'),
    );
  });

  it('omits an empty notes list', () => {
    expect(explanation('x', {}, 'r', [], 0)).not.toHaveProperty('notes');
  });
});

describe('extreme values', () => {
  it('formats huge and tiny numbers without Infinity', () => {
    expect(fmt(1.8e304)).toBe('1.8e+304');
    expect(fmtPct(1.8e304)).toBe('1.8e+306%');
    expect(fmt(5e-324)).toBe('5e-324');
    expect(fmt(Number.MAX_VALUE)).toBe('∞');
    expect(fmt(-Number.MAX_VALUE)).toBe('−∞');
    expect(round2(1e20)).toBe(1e20);
  });
});
