import type { FlowTable } from '../../lib/flow-table.js';
import type { Principal } from '../../lib/principal.js';
import type { SuggestionRow } from './suggestions.repository.js';
import { suggestionPolicies } from './suggestions.policy.js';

/**
 * The lifecycle of a citizen's suggestion: 待分拣 new → 已分拣 sorted (the office sorts, again
 * while it has not gone out) → 已转办 forwarded (with a 《绩效改进通知书》; only what was sorted as
 * 诉求明确) → 已答复 replied (the unit head) → 已办结 accepted, or 已退回 returned to be answered again.
 */
export type SuggestionStatus = SuggestionRow['status'];
export const SUGGESTION_STATUSES = ['new', 'sorted', 'forwarded', 'replied', 'accepted', 'returned'] as const satisfies readonly SuggestionStatus[];
export const SUGGESTION_ACTIONS = ['sort', 'forward', 'reply', 'accept', 'return'] as const;
export type SuggestionAction = (typeof SUGGESTION_ACTIONS)[number];

/** The suggestion as the rules of who may see it: the unit it is about. */
export interface SuggestionParty {
  unitId: number;
}

const office = (p: Principal) => suggestionPolicies.handle(p);
const unitHead = (p: Principal, s: SuggestionParty) => suggestionPolicies.reply(p, { unit_id: s.unitId });
const no = { refused: 'TRANSITION_NOT_ALLOWED' } as const;

export const SUGGESTION_FLOW: FlowTable<SuggestionStatus, SuggestionAction, SuggestionParty> = {
  new: { sort: { to: 'sorted', may: office }, forward: no, reply: no, accept: no, return: no },
  sorted: { sort: { to: 'sorted', may: office }, forward: { to: 'forwarded', may: office }, reply: no, accept: no, return: no },
  forwarded: { sort: no, forward: no, reply: { to: 'replied', may: unitHead }, accept: no, return: no },
  replied: { sort: no, forward: no, reply: no, accept: { to: 'accepted', may: office }, return: { to: 'returned', may: office } },
  accepted: { sort: no, forward: no, reply: no, accept: no, return: no },
  returned: { sort: no, forward: no, reply: { to: 'replied', may: unitHead }, accept: no, return: no },
};
