import { checkEveryCell, describeTable, person } from '../../lib/flow-table.test-support.js';
import { CAMPAIGN_ACTIONS, CAMPAIGN_FLOW, CAMPAIGN_STATUSES } from './flow.js';

const actors = { office: person('office'), admin: person('admin'), supervisor: person('supervisor'), leader: person('leader'), head: person('head', 1), reporter: person('reporter', 1) };
const everyone = Object.keys(actors);
const office = ['office', 'admin'];
const ended = { edit: 'CAMPAIGN_CLOSED', editRules: 'CAMPAIGN_CLOSED', open: 'CAMPAIGN_CLOSED', close: 'CAMPAIGN_CLOSED', card: 'CAMPAIGN_CLOSED', invite: 'CAMPAIGN_CLOSED', answer: 'CAMPAIGN_CLOSED' };

describeTable('the campaign flow', CAMPAIGN_FLOW, CAMPAIGN_ACTIONS, () => {
  checkEveryCell({
    table: CAMPAIGN_FLOW,
    states: CAMPAIGN_STATUSES,
    actions: CAMPAIGN_ACTIONS,
    expected: {
      draft: { edit: '→ draft', editRules: '→ draft', open: '→ open', close: 'TRANSITION_NOT_ALLOWED', card: '→ draft', invite: '→ draft', answer: 'CAMPAIGN_NOT_STARTED' },
      open: { edit: '→ open', editRules: 'FROZEN', open: 'TRANSITION_NOT_ALLOWED', close: '→ closed', card: '→ open', invite: '→ open', answer: '→ open' },
      closed: ended,
    },
    actors,
    who: {
      edit: { all: office },
      editRules: { all: office },
      open: { all: office },
      close: { all: office },
      card: { all: office },
      invite: { all: office },
      // Citizens answer on the public page, signed in or not.
      answer: { all: everyone },
    },
    contexts: { all: undefined },
  });
});
