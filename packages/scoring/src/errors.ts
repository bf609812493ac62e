/**
 * Why a score could not be computed. `INVALID_CONFIG` means the scheme itself is wrong (fix it
 * before publishing); `INVALID_INPUT` means a reported value cannot be scored (e.g. NaN, a
 * negative count). Missing data is not an error: it scores 0 and says so in the explanation.
 */
export type ScoringErrorCode = 'INVALID_CONFIG' | 'INVALID_INPUT';

/** The one error type the scoring functions throw, so callers can tell bad schemes from bugs. */
export class ScoringError extends Error {
  override readonly name = 'ScoringError';
  readonly code: ScoringErrorCode;

  constructor(code: ScoringErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
