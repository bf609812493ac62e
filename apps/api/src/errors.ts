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
export const conflict = (message: string) => new AppError('CONFLICT', message);

/** Turns a zod failure into a 400 whose message names the first field at fault and whose details list all. */
export function validationError(err: ZodError, where: string): AppError {
  const details = err.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  const first = details[0];
  const message = first ? `${first.path}: ${first.message}` : `${where}: invalid`;
  return new AppError('VALIDATION_FAILED', message, details);
}
