/** The syntax tree of a formula; every node keeps its source position for error messages. */
import type { Operator } from './tokenizer.js';

/** Operators with two operands. */
export type BinaryOperator = Exclude<Operator, '!'>;

/** A node of the tree. */
export type FormulaNode =
  | { type: 'number'; value: number; pos: number }
  | { type: 'name'; name: string; pos: number }
  | { type: 'unary'; op: '-' | '+' | '!'; operand: FormulaNode; pos: number }
  | { type: 'binary'; op: BinaryOperator; left: FormulaNode; right: FormulaNode; pos: number }
  | { type: 'call'; name: string; args: FormulaNode[]; pos: number };
