import { checkEveryCell, describeTable, person } from '../../lib/flow-table.test-support.js';
import { SUGGESTION_ACTIONS, SUGGESTION_FLOW, SUGGESTION_STATUSES } from './flow.js';

const actors = {
  office: person('office'),
  admin: person('admin'),
  supervisor: person('supervisor'),
  head: person('head', 1),
  reporter: person('reporter', 1),
  otherHead: person('head', 2),
};
const no = 'TRANSITION_NOT_ALLOWED';
const office = ['office', 'admin'];

describeTable('the suggestion flow', SUGGESTION_FLOW, SUGGESTION_ACTIONS, () => {
  checkEveryCell({
    table: SUGGESTION_FLOW,
    states: SUGGESTION_STATUSES,
    actions: SUGGESTION_ACTIONS,
    expected: {
      new: { sort: '→ sorted', forward: no, reply: no, accept: no, return: no },
      sorted: { sort: '→ sorted', forward: '→ forwarded', reply: no, accept: no, return: no },
      forwarded: { sort: no, forward: no, reply: '→ replied', accept: no, return: no },
      replied: { sort: no, forward: no, reply: no, accept: '→ accepted', return: '→ returned' },
      accepted: { sort: no, forward: no, reply: no, accept: no, return: no },
      returned: { sort: no, forward: no, reply: '→ replied', accept: no, return: no },
    },
    actors,
    // The head of the unit the suggestion is about answers it; the office does the rest.
    who: { sort: { unit1: office }, forward: { unit1: office }, reply: { unit1: ['head'] }, accept: { unit1: office }, return: { unit1: office } },
    contexts: { unit1: { unitId: 1 } },
  });
});
