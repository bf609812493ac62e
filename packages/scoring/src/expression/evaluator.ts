/**
 * Evaluates a parsed formula over named numbers. Every operation is checked, so the result is
 * always a finite number: division by zero and overflow raise FormulaError instead of giving
 * NaN or Infinity.
 */
import { roundTo } from '../explain.js';
import type { FormulaNode } from './ast.js';
import { FormulaError } from './errors.js';
import { arityText, findFunction } from './functions.js';

/** Named numbers a formula reads; looked up as own properties only. */
export type FormulaValues = Readonly<Record<string, number>>;

const fmtNum = (n: number): string => String(roundTo(n, 6));

function finite(value: number, pos: number, what: string): number {
  if (!Number.isFinite(value)) throw new FormulaError('NOT_FINITE', pos, `${what}的结果超出数值范围`);
  return value === 0 ? 0 : value;
}

function evaluateCall(node: Extract<FormulaNode, { type: 'call' }>, values: FormulaValues): number {
  const spec = findFunction(node.name);
  if (!spec) throw new FormulaError('UNKNOWN_FUNCTION', node.pos, `不支持的函数「${node.name}」`);
  if (node.args.length < spec.minArgs || node.args.length > spec.maxArgs) {
    throw new FormulaError('WRONG_ARGUMENT_COUNT', node.pos, `函数 ${spec.name} ${arityText(spec)}，实际给了 ${node.args.length} 个`);
  }
  const arg = (i: number): number => {
    const a = node.args[i];
    if (!a) throw new FormulaError('WRONG_ARGUMENT_COUNT', node.pos, `函数 ${spec.name} 缺少第 ${i + 1} 个参数`);
    return evaluateNode(a, values);
  };
  switch (spec.name) {
    case 'if':
      return arg(0) !== 0 ? arg(1) : arg(2);
    case 'min':
      return Math.min(...node.args.map((a) => evaluateNode(a, values)));
    case 'max':
      return Math.max(...node.args.map((a) => evaluateNode(a, values)));
    case 'clamp': {
      const [x, lo, hi] = [arg(0), arg(1), arg(2)];
      if (lo > hi) throw new FormulaError('INVALID_ARGUMENT', node.pos, `clamp 的下限 ${fmtNum(lo)} 大于上限 ${fmtNum(hi)}`);
      return Math.min(Math.max(x, lo), hi);
    }
    case 'abs':
      return Math.abs(arg(0));
    case 'round': {
      const x = arg(0);
      const digits = node.args.length > 1 ? arg(1) : 0;
      if (!Number.isInteger(digits) || digits < 0 || digits > 10) {
        throw new FormulaError('INVALID_ARGUMENT', node.pos, `round 的小数位数应为 0 到 10 的整数，收到 ${fmtNum(digits)}`);
      }
      return roundTo(x, digits);
    }
    default:
      throw new FormulaError('UNKNOWN_FUNCTION', node.pos, `不支持的函数「${node.name}」`);
  }
}

function evaluateNode(node: FormulaNode, values: FormulaValues): number {
  switch (node.type) {
    case 'number':
      return node.value;
    case 'name': {
      if (!Object.hasOwn(values, node.name)) throw new FormulaError('UNKNOWN_NAME', node.pos, `未定义的名称「${node.name}」`);
      const v = values[node.name];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new FormulaError('INVALID_VALUE', node.pos, `「${node.name}」的值不是有限数值`);
      }
      return v;
    }
    case 'unary': {
      const v = evaluateNode(node.operand, values);
      if (node.op === '!') return v === 0 ? 1 : 0;
      return node.op === '-' ? finite(-v, node.pos, '取负') : v;
    }
    case 'call':
      return finite(evaluateCall(node, values), node.pos, `函数 ${node.name}`);
    case 'binary': {
      if (node.op === '&&') return evaluateNode(node.left, values) !== 0 && evaluateNode(node.right, values) !== 0 ? 1 : 0;
      if (node.op === '||') return evaluateNode(node.left, values) !== 0 || evaluateNode(node.right, values) !== 0 ? 1 : 0;
      const a = evaluateNode(node.left, values);
      const b = evaluateNode(node.right, values);
      switch (node.op) {
        case '+':
          return finite(a + b, node.pos, '加法');
        case '-':
          return finite(a - b, node.pos, '减法');
        case '*':
          return finite(a * b, node.pos, '乘法');
        case '/':
          if (b === 0) throw new FormulaError('DIVISION_BY_ZERO', node.pos, `除数为 0（${fmtNum(a)} ÷ 0）`);
          return finite(a / b, node.pos, '除法');
        case '<':
          return a < b ? 1 : 0;
        case '<=':
          return a <= b ? 1 : 0;
        case '>':
          return a > b ? 1 : 0;
        case '>=':
          return a >= b ? 1 : 0;
        case '==':
          return a === b ? 1 : 0;
        case '!=':
          return a !== b ? 1 : 0;
      }
    }
  }
}

/**
 * Evaluates a syntax tree; always returns a finite number or throws FormulaError. Comparisons
 * and logic give 1 (true) or 0 (false); `if`, `&&` and `||` evaluate only the branch they need,
 * so `if(target == 0, 0, actual / target)` never divides by zero.
 */
export function evaluateTree(node: FormulaNode, values: FormulaValues): number {
  const result = evaluateNode(node, values);
  return result === 0 ? 0 : result;
}
