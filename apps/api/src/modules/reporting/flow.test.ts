import { describe, expect, it } from 'vitest';
import type { AppError } from '../../errors.js';
import { checkEveryCell, describeTable, person } from '../../lib/flow-table.test-support.js';
import {
  CORRECTION_ACTIONS,
  CORRECTION_FLOW,
  CORRECTION_STATUSES,
  PERIOD_ACTIONS,
  PERIOD_FLOW,
  PERIOD_STATUSES,
  requirePeriodFor,
  VALUE_ACTIONS,
  VALUE_FLOW,
  VALUE_STATES,
  type ValueAction,
} from './flow.js';

const UNIT = 1;
const SOURCE = 9;
const actors = {
  reporter: person('reporter', UNIT),
  head: person('head', UNIT),
  otherHead: person('head', 2),
  source: person('datasource', SOURCE),
  otherSource: person('datasource', 8),
  office: person('office'),
  admin: person('admin'),
  supervisor: person('supervisor'),
  leader: person('leader'),
};
/** An indicator the unit reports itself, and one the statistics bureau (unit 9) supplies for it. */
const contexts = { own: { unitId: UNIT, sourceUnitId: null }, sourced: { unitId: UNIT, sourceUnitId: SOURCE } };

describeTable('the reporting value flow', VALUE_FLOW, VALUE_ACTIONS, () => {
  const editable = { save: '→ draft', supply: '→ submitted', submit: '→ submitted', approve: 'TRANSITION_NOT_ALLOWED', return: 'TRANSITION_NOT_ALLOWED', reopen: 'TRANSITION_NOT_ALLOWED' };
  checkEveryCell({
    table: VALUE_FLOW,
    states: VALUE_STATES,
    actions: VALUE_ACTIONS,
    expected: {
      empty: { ...editable, submit: 'INCOMPLETE' },
      draft: editable,
      returned: editable,
      submitted: { save: 'FROZEN', supply: 'FROZEN', submit: 'ALREADY_DONE', approve: '→ approved', return: '→ returned', reopen: 'TRANSITION_NOT_ALLOWED' },
      approved: { save: 'FROZEN', supply: 'FROZEN', submit: 'ALREADY_DONE', approve: 'ALREADY_DONE', return: 'TRANSITION_NOT_ALLOWED', reopen: '→ returned' },
    },
    actors,
    who: {
      save: { own: ['reporter', 'head'], sourced: [] },
      supply: { own: [], sourced: ['source'] },
      submit: { own: ['head'], sourced: [] },
      approve: { own: ['office', 'admin'], sourced: ['office', 'admin', 'source'] },
      return: { own: ['office', 'admin'], sourced: ['office', 'admin', 'source'] },
      reopen: { own: ['office', 'admin'], sourced: ['office', 'admin'] },
    },
    contexts,
  });
});

describe('the period each value action is taken in', () => {
  const takenIn: Record<ValueAction, string[]> = {
    save: ['open'],
    supply: ['open'],
    submit: ['open'],
    approve: ['open', 'closed'],
    return: ['open', 'closed'],
    reopen: ['open'],
  };
  for (const action of VALUE_ACTIONS) {
    for (const status of PERIOD_STATUSES) {
      const want = takenIn[action].includes(status) ? 'allowed' : status === 'locked' ? 'PERIOD_LOCKED' : 'PERIOD_CLOSED';
      it(`${action} in a ${status} period: ${want}`, () => {
        let code = 'allowed';
        try {
          requirePeriodFor(action, { status, label: '2021年1月' });
        } catch (err) {
          code = (err as AppError).code;
          expect((err as AppError).status).toBe(409);
        }
        expect(code).toBe(want);
      });
    }
  }
});

describeTable('the reporting period flow', PERIOD_FLOW, PERIOD_ACTIONS, () => {
  const managers = ['office', 'admin'];
  checkEveryCell({
    table: PERIOD_FLOW,
    states: PERIOD_STATUSES,
    actions: PERIOD_ACTIONS,
    expected: {
      pending: { open: '→ open', close: '→ closed', lock: 'TRANSITION_NOT_ALLOWED' },
      open: { open: '→ open', close: '→ closed', lock: 'TRANSITION_NOT_ALLOWED' },
      closed: { open: '→ open', close: '→ closed', lock: '→ locked' },
      locked: { open: 'PERIOD_LOCKED', close: 'PERIOD_LOCKED', lock: 'PERIOD_LOCKED' },
    },
    actors,
    who: { open: { all: managers }, close: { all: managers }, lock: { all: managers } },
    contexts: { all: undefined },
  });
});

describeTable('the correction flow', CORRECTION_FLOW, CORRECTION_ACTIONS, () => {
  checkEveryCell({
    table: CORRECTION_FLOW,
    states: CORRECTION_STATUSES,
    actions: CORRECTION_ACTIONS,
    expected: {
      pending: { approve: '→ approved', reject: '→ rejected' },
      approved: { approve: 'ALREADY_DONE', reject: 'ALREADY_DONE' },
      rejected: { approve: 'ALREADY_DONE', reject: 'ALREADY_DONE' },
    },
    actors,
    who: { approve: { all: ['office', 'admin'] }, reject: { all: ['office', 'admin'] } },
    contexts: { all: undefined },
  });
});
