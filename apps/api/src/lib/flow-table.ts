import { forbidden, refused, type RuleCode } from '../errors.js';
import type { Principal } from './principal.js';

/**
 * A lifecycle as one table: for every state and every action, either where the action leads and
 * who may take it, or the rule (a 409 code from packages/shared/src/errors.ts) that refuses it.
 * Every cell is written out, so a reader sees each decision once and a test checks each cell.
 */
export type FlowCell<S extends string, C> = { to: S; may: (p: Principal, context: C) => boolean } | { refused: RuleCode };
export type FlowTable<S extends string, A extends string, C = void> = Record<S, Record<A, FlowCell<S, C>>>;

export type FlowStep<S extends string> = { ok: true; to: S } | { ok: false; code: RuleCode | 'FORBIDDEN' };

/** What the table says of `action` in `state` for `p`: where it leads, or why not (the state's rule first, then who may). */
export function flowStep<S extends string, A extends string, C>(table: FlowTable<S, A, C>, state: S, action: A, p: Principal, context: C): FlowStep<S> {
  const cell = table[state][action];
  if ('refused' in cell) return { ok: false, code: cell.refused };
  return cell.may(p, context) ? { ok: true, to: cell.to } : { ok: false, code: 'FORBIDDEN' };
}

/**
 * The state `action` leads to from `state`, or throws: the table's rule (409, with `message`) when
 * the state refuses it, 403 when `by` is given and may not take it. Services that are handed no
 * principal leave who may to the route, which authorizes with the same policy the table names.
 */
export function decide<S extends string, A extends string, C>(
  table: FlowTable<S, A, C>,
  state: S,
  action: A,
  message: (code: RuleCode) => string,
  by?: { p: Principal; context: C },
): S {
  const cell = table[state][action];
  if ('refused' in cell) throw refused(cell.refused, message(cell.refused), { state, action });
  if (by && !cell.may(by.p, by.context)) throw forbidden();
  return cell.to;
}
