/**
 * Checks a formula before a scheme is published: syntax, functions and their argument counts,
 * and that every name is an input the indicator will actually have.
 */
import type { FormulaNode } from './ast.js';
import { FormulaError, type FormulaErrorCode } from './errors.js';
import { arityText, findFunction, FORMULA_FUNCTIONS } from './functions.js';
import { parseFormula } from './parser.js';

/** One problem found in a formula. */
export interface FormulaIssue {
  code: FormulaErrorCode;
  /** 0-based character index in the formula. */
  position: number;
  message: string;
}

function walk(node: FormulaNode, visit: (n: FormulaNode) => void): void {
  const stack: FormulaNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n) break;
    visit(n);
    if (n.type === 'unary') stack.push(n.operand);
    else if (n.type === 'binary') stack.push(n.right, n.left);
    else if (n.type === 'call') stack.push(...[...n.args].reverse());
  }
}

/** The distinct input names a parsed formula reads, in order of first appearance. */
export function namesInTree(node: FormulaNode): string[] {
  const names: string[] = [];
  walk(node, (n) => {
    if (n.type === 'name' && !names.includes(n.name)) names.push(n.name);
  });
  return names;
}

const toIssue = (e: FormulaError): FormulaIssue => ({ code: e.code, position: e.position, message: e.message });

function treeErrors(node: FormulaNode, allowedNames: readonly string[]): FormulaError[] {
  const errors: FormulaError[] = [];
  const allowed = new Set(allowedNames);
  const issue = (code: FormulaErrorCode, pos: number, detail: string): void => {
    errors.push(new FormulaError(code, pos, detail));
  };
  walk(node, (n) => {
    if (n.type === 'name' && !allowed.has(n.name)) {
      issue('UNKNOWN_NAME', n.pos, `未定义的名称「${n.name}」，可用名称：${allowedNames.join('、') || '（无）'}`);
    }
    if (n.type === 'call') {
      const spec = findFunction(n.name);
      if (!spec) {
        issue('UNKNOWN_FUNCTION', n.pos, `不支持的函数「${n.name}」，可用函数：${FORMULA_FUNCTIONS.map((f) => f.name).join('、')}`);
      } else if (n.args.length < spec.minArgs || n.args.length > spec.maxArgs) {
        issue('WRONG_ARGUMENT_COUNT', n.pos, `函数 ${spec.name} ${arityText(spec)}，实际给了 ${n.args.length} 个`);
      }
    }
  });
  return errors.sort((a, b) => a.position - b.position);
}

/** Every semantic problem of a parsed formula (unknown names and functions, argument counts), in source order. */
export function checkTree(node: FormulaNode, allowedNames: readonly string[]): FormulaIssue[] {
  return treeErrors(node, allowedNames).map(toIssue);
}

/**
 * Validates a formula for scheme validation: returns every problem (empty when valid). A syntax
 * error stops the check at its position; otherwise all unknown names and functions are listed.
 */
export function validateFormula(expression: string, allowedNames: readonly string[]): FormulaIssue[] {
  let tree: FormulaNode;
  try {
    tree = parseFormula(expression);
  } catch (e) {
    if (e instanceof FormulaError) return [toIssue(e)];
    throw e;
  }
  return checkTree(tree, allowedNames);
}

/** Parses and checks a formula, throwing the first problem as FormulaError; for callers that need a valid tree. */
export function compileFormula(expression: string, allowedNames: readonly string[]): FormulaNode {
  const tree = parseFormula(expression);
  const [first] = treeErrors(tree, allowedNames);
  if (first) throw first;
  return tree;
}
