import type { Role } from '@kaoping/shared';
import { describe, expect, it } from 'vitest';
import { flowStep, type FlowTable } from './flow-table.js';
import type { Principal } from './principal.js';

/** A caller of a role (and unit), as the flow tables are asked about it. */
export const person = (role: Role, unitId: number | null = null): Principal => ({ via: 'session', userId: 1, username: role, displayName: role, role, unitId });

/**
 * Checks a flow table cell by cell against a table written out again in the test: for every state
 * and every action, `'→ next'` (allowed, for exactly the callers `who` names, under each context)
 * or the rule code that refuses it for everyone.
 */
export function checkEveryCell<S extends string, A extends string, C>(spec: {
  table: FlowTable<S, A, C>;
  states: readonly S[];
  actions: readonly A[];
  expected: Record<S, Record<A, string>>;
  actors: Record<string, Principal>;
  /** Per action and context name: the actors allowed when the state allows the action. */
  who: Record<A, Record<string, readonly string[]>>;
  contexts: Record<string, C>;
}): void {
  for (const state of spec.states) {
    for (const action of spec.actions) {
      const want = spec.expected[state][action];
      it(`${state} · ${action}: ${want}`, () => {
        for (const [contextName, context] of Object.entries(spec.contexts)) {
          for (const [name, p] of Object.entries(spec.actors)) {
            const got = flowStep(spec.table, state, action, p, context as C);
            const allowed = want.startsWith('→') && (spec.who[action][contextName] ?? []).includes(name);
            const expected = want.startsWith('→') ? (allowed ? { ok: true, to: want.slice(1).trim() } : { ok: false, code: 'FORBIDDEN' }) : { ok: false, code: want };
            expect(got, `${name} (${contextName})`).toEqual(expected);
          }
        }
      });
    }
  }
}

/** The table under test has exactly the states and actions the test writes out. */
export function describeTable<S extends string, A extends string, C>(name: string, table: FlowTable<S, A, C>, actions: readonly A[], body: () => void): void {
  describe(name, () => {
    it('has a cell for every state and action', () => {
      for (const row of Object.values<Record<A, unknown>>(table)) expect(Object.keys(row).sort()).toEqual([...actions].sort());
    });
    body();
  });
}
