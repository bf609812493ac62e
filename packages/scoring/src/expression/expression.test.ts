import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFormula, FormulaError, namesInTree, parseFormula, substituteValues, tokenize, validateFormula, type FormulaErrorCode } from './index.js';

const vars = { P: 120, actual: 85, target: 100, lastYear: 80, elapsed: 0.5 };

function errorOf(run: () => unknown): FormulaError {
  try {
    run();
  } catch (e) {
    if (e instanceof FormulaError) return e;
    throw e;
  }
  throw new Error('expected a FormulaError');
}

describe('tokenizer', () => {
  it('reads numbers, names, operators and the signs people type in Chinese', () => {
    expect(tokenize('P × (实际 − 1.5e2) ÷ target ≥ .5').map((t) => t.kind)).toEqual([
      'name', 'op', 'lparen', 'name', 'op', 'number', 'rparen', 'op', 'name', 'op', 'number', 'end',
    ]);
    expect(tokenize('a<=b!=c&&!d').flatMap((t) => (t.kind === 'op' ? [t.op] : []))).toEqual(['<=', '!=', '&&', '!']);
  });

  it('names the position of a bad character', () => {
    const e = errorOf(() => tokenize('actual # 2'));
    expect(e.code).toBe('UNEXPECTED_CHARACTER');
    expect(e.position).toBe(7);
    expect(e.message).toBe('公式第 8 个字符处：无法识别的字符「#」');
    expect(errorOf(() => tokenize('a = b')).message).toContain('判断相等请用「==」');
    expect(errorOf(() => tokenize('2x')).code).toBe('INVALID_NUMBER');
    expect(errorOf(() => tokenize('1e999')).code).toBe('INVALID_NUMBER');
  });
});

describe('parser and evaluator', () => {
  const cases: [string, number][] = [
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['-2 * -3', 6],
    ['10 - 4 - 3', 3],
    ['12 / 4 / 3', 1],
    ['P * min(actual / target, 1)', 102],
    ['P × min(actual ÷ target, 1.2)', 102],
    ['max(1, 5, 3)', 5],
    ['clamp(actual / target, 0, 0.8)', 0.8],
    ['abs(lastYear - actual)', 5],
    ['round(actual / 3, 2)', 28.33],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['if(actual >= target, P, P / 2)', 60],
    ['if(target == 0, 0, actual / target)', 0.85],
    ['actual > lastYear && elapsed < 1', 1],
    ['actual < lastYear || !elapsed', 0],
    ['(1 < 2) == 1', 1],
    ['actual != target', 1],
    ['-(-(-1))', -1],
    ['+5', 5],
  ];
  it.each(cases)('%s = %d', (expr, expected) => {
    expect(evaluateFormula(expr, vars)).toBeCloseTo(expected, 12);
  });

  it('evaluates only the branch of if, &&, || that it needs', () => {
    expect(evaluateFormula('if(target == 0, 0, 1 / target)', { target: 0 })).toBe(0);
    expect(evaluateFormula('target != 0 && 1 / target > 0', { target: 0 })).toBe(0);
    expect(evaluateFormula('target == 0 || 1 / target > 0', { target: 0 })).toBe(1);
  });

  const errors: [string, FormulaErrorCode, number][] = [
    ['', 'EMPTY', 0],
    ['   ', 'EMPTY', 0],
    ['actual +', 'UNEXPECTED_END', 8],
    ['(actual', 'UNEXPECTED_END', 7],
    ['actual)', 'UNEXPECTED_TOKEN', 6],
    ['actual target', 'UNEXPECTED_TOKEN', 7],
    ['min(1,)', 'UNEXPECTED_TOKEN', 6],
    ['1 < 2 < 3', 'CHAINED_COMPARISON', 6],
    ['1 < 2 == 1', 'CHAINED_COMPARISON', 6],
    ['foo + 1', 'UNKNOWN_NAME', 0],
    ['1 + sqrt(4)', 'UNKNOWN_FUNCTION', 4],
    ['constructor', 'UNKNOWN_NAME', 0],
    ['clamp(1, 2)', 'WRONG_ARGUMENT_COUNT', 0],
    ['min()', 'WRONG_ARGUMENT_COUNT', 0],
    ['actual / (target - 100)', 'DIVISION_BY_ZERO', 7],
    ['clamp(1, 3, 2)', 'INVALID_ARGUMENT', 0],
    ['round(1, 0.5)', 'INVALID_ARGUMENT', 0],
    ['1e300 * 1e300', 'NOT_FINITE', 6],
    ['-'.repeat(100) + '1', 'TOO_COMPLEX', 64],
    ['('.repeat(100) + '1' + ')'.repeat(100), 'TOO_COMPLEX', 64],
    ['1+'.repeat(1500) + '1', 'TOO_COMPLEX', 2000],
  ];
  it.each(errors)('%j fails with %s at %d', (expr, code, position) => {
    const e = errorOf(() => evaluateFormula(expr, vars));
    expect([e.code, e.position]).toEqual([code, position]);
    expect(e.message).toMatch(/^公式第 \d+ 个字符处：/);
  });

  it('explains division by zero with the operands', () => {
    expect(errorOf(() => evaluateFormula('actual / (target - 100)', vars)).message).toBe('公式第 8 个字符处：除数为 0（85 ÷ 0）');
  });

  it('rejects non-finite values of inputs', () => {
    expect(errorOf(() => evaluateFormula('x + 1', { x: Number.NaN })).code).toBe('INVALID_VALUE');
  });

  it('lists the names a formula reads', () => {
    expect(namesInTree(parseFormula('P * min(actual / target, actual / lastYear)'))).toEqual(['P', 'actual', 'target', 'lastYear']);
  });
});

describe('validateFormula', () => {
  it('returns no issue for a valid formula', () => {
    expect(validateFormula('P * clamp(actual / target, 0, 1)', ['P', 'actual', 'target'])).toEqual([]);
  });

  it('lists every unknown name and function with its position', () => {
    const issues = validateFormula('P * foo(bar) + baz + abs(1, 2)', ['P']);
    expect(issues.map((i) => [i.code, i.position])).toEqual([
      ['UNKNOWN_FUNCTION', 4],
      ['UNKNOWN_NAME', 8],
      ['UNKNOWN_NAME', 15],
      ['WRONG_ARGUMENT_COUNT', 21],
    ]);
    expect(issues[1]?.message).toBe('公式第 9 个字符处：未定义的名称「bar」，可用名称：P');
  });

  it('reports a syntax error alone', () => {
    expect(validateFormula('P * (1 +', ['P'])).toEqual([
      { code: 'UNEXPECTED_END', position: 8, message: '公式第 9 个字符处：公式不完整，缺少数字、名称或「(」' },
    ]);
  });
});

describe('substituteValues', () => {
  it('writes the formula with its numbers, keeping function names', () => {
    expect(substituteValues('P * min(actual / target, 1)', vars)).toBe('120 * min(85 / 100, 1)');
    expect(substituteValues('actual - x', { actual: -5 })).toBe('(-5) - x');
  });
});

// Generates well-formed formulas over the known names, to reach the evaluator often.
const { formula } = fc.letrec<{ formula: string }>((tie) => ({
  formula: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('P', 'actual', 'target', 'lastYear', 'elapsed', '0', '1', '0.5', '1e300', '-3'),
    fc.tuple(tie('formula'), fc.constantFrom('+', '-', '*', '/', '<', '>=', '==', '&&', '||'), tie('formula')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('formula').map((a) => `-${a}`),
    tie('formula').map((a) => `!${a}`),
    fc.tuple(fc.constantFrom('min', 'max', 'abs', 'round'), tie('formula')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('formula'), tie('formula'), tie('formula')).map(([a, b, c]) => `if(${a}, ${b}, ${c})`),
    fc.tuple(tie('formula'), tie('formula'), tie('formula')).map(([a, b, c]) => `clamp(${a}, ${b}, ${c})`),
  ),
}));

const values = fc.record({
  P: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  actual: fc.double({ noNaN: true, noDefaultInfinity: true }),
  target: fc.oneof(fc.constant(0), fc.double({ noNaN: true, noDefaultInfinity: true })),
  lastYear: fc.integer(),
  elapsed: fc.double({ min: 0, max: 1, noNaN: true }),
});

function outcome(expr: string, v: Record<string, number>): void {
  let result: number;
  try {
    result = evaluateFormula(expr, v);
  } catch (e) {
    expect(e).toBeInstanceOf(FormulaError);
    return;
  }
  expect(Number.isFinite(result)).toBe(true);
  expect(Object.is(result, -0)).toBe(false);
}

describe('formula properties', () => {
  it('on any input string, returns a finite number or throws only FormulaError', () => {
    const alphabet = fc.constantFrom(...'0123456789.eE+-*/×÷−()（）,，<>=!&| _aPxyz实际'.split(''), 'actual', 'target', 'min', 'max', 'if', 'clamp', 'round', 'abs');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.array(alphabet, { maxLength: 40 }).map((a) => a.join(''))), values, (s, v) => outcome(s, v)),
      { numRuns: 2000 },
    );
  });

  it('on any well-formed formula, returns a finite number or throws only FormulaError', () => {
    fc.assert(
      fc.property(formula, values, (expr, v) => outcome(expr, v)),
      { numRuns: 2000 },
    );
  });

  it('validateFormula never throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(Array.isArray(validateFormula(s, ['actual']))).toBe(true);
      }),
    );
  });
});
