/** Shared guards: every method rejects non-finite numbers so no NaN or Infinity can reach a score. */
import { ScoringError, type ScoringErrorCode } from './errors.js';

/** Throws unless `value` is a finite number; `what` names it in Chinese for the message. */
export function requireFinite(what: string, value: number, code: ScoringErrorCode = 'INVALID_INPUT'): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ScoringError(code, `${what}必须是有限数值，收到 ${String(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number ≥ 0. */
export function requireNonNegative(what: string, value: number, code: ScoringErrorCode = 'INVALID_INPUT'): number {
  requireFinite(what, value, code);
  if (value < 0) throw new ScoringError(code, `${what}不能为负数，收到 ${value}`);
  return value;
}

/** Throws unless `value` lies in [lo, hi]. */
export function requireInRange(what: string, value: number, lo: number, hi: number, code: ScoringErrorCode = 'INVALID_CONFIG'): number {
  requireFinite(what, value, code);
  if (value < lo || value > hi) throw new ScoringError(code, `${what}应在 ${lo} 到 ${hi} 之间，收到 ${value}`);
  return value;
}

/** An indicator's points P: a finite number ≥ 0 fixed by the scheme. */
export function requirePoints(points: number): number {
  return requireNonNegative('分值 P', points, 'INVALID_CONFIG');
}

/** Throws unless `value` is a whole number ≥ 0 (a count of events or answers). */
export function requireCount(what: string, value: number): number {
  requireNonNegative(what, value);
  if (!Number.isInteger(value)) throw new ScoringError('INVALID_INPUT', `${what}必须是整数，收到 ${value}`);
  return value;
}

/** True when a reported value is absent. */
export function isMissing(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/**
 * The value used to decide ties: two totals that print alike (e.g. 0.1 + 0.2 and 0.3) must
 * share a rank, so values are compared at 12 significant digits. Equal keys are a tie.
 */
export function tieKey(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(12));
}

/** Restricts `value` to [lo, hi]. */
export function clamp(value: number, lo: number, hi: number): number {
  return Math.min(Math.max(value, lo), hi);
}
