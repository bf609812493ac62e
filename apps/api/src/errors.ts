import { ERROR_STATUS, type ErrorCode } from '@kaoping/shared';
import type { ZodError } from 'zod';

/** The one error type services throw; the global handler turns it into `{error:{code,message,details}}`. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在 / ${what} not found`);
export const forbidden = (why = '无权执行此操作 / You are not allowed to do this') => new AppError('FORBIDDEN', why);
/** The codes of broken rules (all 409), each a stable name a client can branch on; docs/API.md says what each means. */
export type RuleCode = { [C in ErrorCode]: (typeof ERROR_STATUS)[C] extends 409 ? C : never }[ErrorCode];
/** A request that breaks a rule of the current state: answered 409 with the rule's own code. */
export const refused = (code: RuleCode, message: string, details?: unknown) => new AppError(code, message, details);

/** At most this many problems are listed, each message cut to MAX_MESSAGE characters: a bad request gets a small answer. */
export const MAX_LISTED_PROBLEMS = 20;
const MAX_MESSAGE = 300;
const cut = (s: string) => (s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE - 1)}…` : s);

/**
 * Turns a zod failure into a 400 whose message names the first field at fault and whose details
 * list the first problems (and say how many more there are), never an echo of the whole input.
 */
export function validationError(err: ZodError, where: string): AppError {
  const details = err.issues.slice(0, MAX_LISTED_PROBLEMS).map((i) => ({ path: cut([where, ...i.path.map(String)].join('.')), message: cut(i.message) }));
  const more = err.issues.length - details.length;
  const first = details[0];
  const message = `${first ? `${first.path}: ${first.message}` : `${where}: invalid`}${more > 0 ? `（另有 ${more} 处问题 / and ${more} more）` : ''}`;
  return new AppError('VALIDATION_FAILED', message, more > 0 ? [...details, { path: where, message: `另有 ${more} 处问题未列出 / ${more} more problems not listed` }] : details);
}
