import { describe, expect, it } from 'vitest';
import { ScoringError } from '../errors.js';
import { EXAMPLE_PENALTY_RULES, scoreDeduct } from './deduct.js';

describe('deduct 扣分', () => {
  it('subtracts −0.5 per 较大 accident and −2 per criticism from above', () => {
    const s = scoreDeduct(
      { points: 10, rules: EXAMPLE_PENALTY_RULES },
      { events: [{ kind: 'major-accident', count: 3 }, { kind: 'criticism' }] },
    );
    expect(s.points).toBe(6.5);
    expect(s.explanation.steps).toEqual(['较大安全事故：3 次 × 0.5 = 1.5', '上级通报批评：1 次 × 2 = 2', '10 − (1.5 + 2) = 6.5']);
    expect(s.explanation.inputs).toMatchObject({ P: 10, deducted: 3.5, 较大安全事故: 3, 上级通报批评: 1 });
  });

  it('never goes below 0', () => {
    const s = scoreDeduct(
      { points: 5, rules: EXAMPLE_PENALTY_RULES },
      { events: [{ kind: 'major-accident', count: 3 }, { kind: 'criticism', count: 2 }] },
    );
    expect(s.points).toBe(0);
    expect(s.explanation.steps.at(-1)).toBe('5 − (1.5 + 4) = -0.5 → 0');
    expect(s.explanation.notes).toEqual(['扣分合计 5.5 超过分值 5，按 0 分计（不计负分）']);
  });

  it('keeps P with no events, and takes an explicit penalty', () => {
    expect(scoreDeduct({ points: 5 }, { events: [] }).points).toBe(5);
    expect(scoreDeduct({ points: 5 }, { events: [{ kind: '信访问题', penalty: 0.3, count: 2 }] }).points).toBeCloseTo(4.4, 12);
  });

  it('rejects unknown kinds without a penalty, and negative or fractional counts', () => {
    expect(() => scoreDeduct({ points: 5 }, { events: [{ kind: '未知' }] })).toThrow(ScoringError);
    expect(() => scoreDeduct({ points: 5, rules: EXAMPLE_PENALTY_RULES }, { events: [{ kind: 'criticism', count: -1 }] })).toThrow(ScoringError);
    expect(() => scoreDeduct({ points: 5, rules: EXAMPLE_PENALTY_RULES }, { events: [{ kind: 'criticism', count: 1.5 }] })).toThrow(ScoringError);
  });
});
