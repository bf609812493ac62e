import type { ZodType } from 'zod';
import { validationError } from '../errors.js';

/** Parses one part of a request (body, query, params) with its schema; a failure is a 400 naming the field. */
export function parseInput<T>(schema: ZodType<T>, data: unknown, where: string): T {
  const res = schema.safeParse(data ?? (where === 'body' ? undefined : {}));
  if (!res.success) throw validationError(res.error, where);
  return res.data;
}
