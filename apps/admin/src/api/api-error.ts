import type { ErrorBody, ImportRowError } from '@kaoping/shared';

/** Codes the client adds for failures that never reached the API's error handler. */
export type ClientErrorCode = ErrorBody['error']['code'] | 'NETWORK' | 'HTTP';

/** An API failure with the server's stable code and its human-readable message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The row-by-row problems of a rejected spreadsheet import, or an empty list. */
  get importErrors(): ImportRowError[] {
    if (this.code !== 'IMPORT_FAILED' || !Array.isArray(this.details)) return [];
    return this.details.filter(isImportRowError);
  }
}

function isImportRowError(value: unknown): value is ImportRowError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.row === 'number' && typeof v.message === 'string' && (v.column === undefined || typeof v.column === 'string');
}

/** Reads `{error:{code,message,details}}` when the body has that shape. */
export function parseErrorBody(value: unknown): ErrorBody['error'] | null {
  if (typeof value !== 'object' || value === null || !('error' in value)) return null;
  const error: unknown = value.error;
  if (typeof error !== 'object' || error === null) return null;
  const e = error as Record<string, unknown>;
  if (typeof e.code !== 'string' || typeof e.message !== 'string') return null;
  return { code: e.code as ErrorBody['error']['code'], message: e.message, details: e.details };
}

/** The text to show a person for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
