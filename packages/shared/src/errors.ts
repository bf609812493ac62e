/** Stable error codes of the API; clients branch on these, never on messages. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMPORT_FAILED: 422,
  // A score run met approved data it cannot score; details list each input (unit, indicator, period, value, reason).
  UNSCORABLE_INPUT: 422,
  RESULTS_SEALED: 403,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Every error body has this shape. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** One problem in an imported spreadsheet; rows are numbered as Excel shows them. */
export interface ImportRowError {
  row: number;
  column?: string;
  message: string;
}
