/** Stable error codes of the API; clients branch on these, never on messages. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  // Rule violations (409): each names the rule broken, so a client can branch on it. docs/API.md lists them.
  TRANSITION_NOT_ALLOWED: 409,
  FROZEN: 409,
  PERIOD_CLOSED: 409,
  PERIOD_LOCKED: 409,
  PERIOD_OPEN: 409,
  CAMPAIGN_CLOSED: 409,
  CAMPAIGN_NOT_STARTED: 409,
  SCHEME_NOT_PUBLISHED: 409,
  ALREADY_DONE: 409,
  DUPLICATE: 409,
  IN_USE: 409,
  INCOMPLETE: 409,
  NOTHING_TO_DO: 409,
  SELF_LOCKOUT: 409,
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
