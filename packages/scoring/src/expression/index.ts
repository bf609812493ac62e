/** The safe formula language: tokenizer, parser, evaluator and validation. */
import type { FormulaNode } from './ast.js';
import { evaluateTree, type FormulaValues } from './evaluator.js';
import { compileFormula } from './validate.js';

export type { FormulaNode, BinaryOperator } from './ast.js';
export { FormulaError, type FormulaErrorCode } from './errors.js';
export { FORMULA_FUNCTIONS, findFunction, type FunctionSpec } from './functions.js';
export { parseFormula, MAX_FORMULA_DEPTH } from './parser.js';
export { tokenize, MAX_FORMULA_LENGTH, type Token, type Operator } from './tokenizer.js';
export { evaluateTree, type FormulaValues } from './evaluator.js';
export { validateFormula, compileFormula, checkTree, namesInTree, type FormulaIssue } from './validate.js';
export { substituteValues } from './substitute.js';

/**
 * Parses, checks and evaluates a formula over `values` in one call. Only the names in `values`
 * are allowed. Returns a finite number or throws FormulaError — never anything else.
 */
export function evaluateFormula(expression: string, values: FormulaValues): number {
  const tree: FormulaNode = compileFormula(expression, Object.keys(values));
  return evaluateTree(tree, values);
}
