import { describe, expect, it } from 'vitest';
import { ScoringError } from '../errors.js';
import { FormulaError } from '../expression/errors.js';
import { scoreFormula, validateFormulaConfig } from './formula.js';

describe('formula 公式计分', () => {
  it('evaluates over the standard names and shows the substituted arithmetic', () => {
    const s = scoreFormula({ points: 120, expression: 'P * min(1, actual / target)' }, { actual: 85, target: 100 });
    expect(s.points).toBe(102);
    expect(s.explanation.steps).toEqual(['120 * min(1, 85 / 100) = 102']);
    expect(s.explanation.inputs).toEqual({ P: 120, actual: 85, target: 100 });
    expect(s.explanation.rule).toBe('公式计分：P * min(1, actual / target)（结果限制在 0 到 120 之间）');
  });

  it('scores growth over last year with named extra inputs', () => {
    const s = scoreFormula(
      { points: 10, expression: 'if(actual >= lastYear * (1 + growth), P, P * actual / (lastYear * (1 + growth)))' },
      { actual: 105, lastYear: 100, values: { growth: 0.1 } },
    );
    expect(s.points).toBeCloseTo((10 * 105) / 110, 10);
  });

  it('keeps the result within [0, max]', () => {
    const over = scoreFormula({ points: 10, expression: 'P * actual / target' }, { actual: 150, target: 100 });
    expect(over.points).toBe(10);
    expect(over.explanation.notes).toEqual(['公式结果超过上限 10，按上限计']);
    expect(scoreFormula({ points: 10, max: 12, expression: 'P * actual / target' }, { actual: 150, target: 100 }).points).toBe(12);
    expect(scoreFormula({ points: 10, expression: 'actual - target' }, { actual: 1, target: 5 }).points).toBe(0);
  });

  it('scores division by zero 0 and says why', () => {
    const s = scoreFormula({ points: 10, expression: 'P * actual / target' }, { actual: 5, target: 0 });
    expect(s.points).toBe(0);
    expect(s.explanation.notes?.[0]).toMatch(/除数为 0/);
    expect(s.explanation.steps).toEqual(['10 * 5 / 0：无法计算']);
  });

  it('scores missing inputs 0 and names them', () => {
    expect(scoreFormula({ points: 10, expression: 'P * actual / target' }, { actual: 5 })).toMatchObject({ points: 0, missing: ['target'] });
  });

  it('rejects bad formulas as configuration errors, keeping the formula error as the cause', () => {
    try {
      scoreFormula({ points: 10, expression: 'P * foo' }, {});
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScoringError);
      expect((e as ScoringError).code).toBe('INVALID_CONFIG');
      expect((e as ScoringError).message).toContain('「foo」');
    }
    try {
      scoreFormula({ points: 10, expression: 'P *' }, {});
      expect.unreachable();
    } catch (e) {
      expect((e as ScoringError).cause).toBeInstanceOf(FormulaError);
    }
  });

  it('validates against the standard names plus the indicator inputs', () => {
    expect(validateFormulaConfig({ points: 1, expression: 'P * growth' }, ['growth'])).toEqual([]);
    const issues = validateFormulaConfig({ points: 1, expression: 'P * growth + foo(1)' });
    expect(issues.map((i) => [i.code, i.position])).toEqual([
      ['UNKNOWN_NAME', 4],
      ['UNKNOWN_FUNCTION', 13],
    ]);
  });
});
