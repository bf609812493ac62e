/** Errors of the formula language: each names its kind and the character position it concerns. */

/** What went wrong with a formula; stable codes for the admin UI to branch on. */
export type FormulaErrorCode =
  | 'EMPTY'
  | 'TOO_COMPLEX'
  | 'UNEXPECTED_CHARACTER'
  | 'INVALID_NUMBER'
  | 'UNEXPECTED_TOKEN'
  | 'UNEXPECTED_END'
  | 'CHAINED_COMPARISON'
  | 'UNKNOWN_NAME'
  | 'UNKNOWN_FUNCTION'
  | 'WRONG_ARGUMENT_COUNT'
  | 'INVALID_ARGUMENT'
  | 'INVALID_VALUE'
  | 'DIVISION_BY_ZERO'
  | 'NOT_FINITE';

/**
 * The only error the formula tokenizer, parser and evaluator throw. `position` is the 0-based
 * index in the formula text (the message shows it 1-based, as a person counts characters).
 */
export class FormulaError extends Error {
  override readonly name = 'FormulaError';
  readonly code: FormulaErrorCode;
  readonly position: number;

  constructor(code: FormulaErrorCode, position: number, detail: string) {
    super(`公式第 ${position + 1} 个字符处：${detail}`);
    this.code = code;
    this.position = position;
  }
}
