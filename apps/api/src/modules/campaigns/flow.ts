import type { FlowTable } from '../../lib/flow-table.js';
import type { Principal } from '../../lib/principal.js';
import { campaignPolicies } from './campaigns.policy.js';
import type { CampaignRow } from './campaigns.repository.js';

/**
 * The lifecycle of a public-evaluation campaign: 草稿 draft (everything can change) → 进行中 open
 * (citizens answer; the questionnaire, scoring rule and verification stay as they saw them) →
 * 已结束 closed (nothing changes any more; closing unseals the results and feeds the assessment).
 * `answer` is the citizens' page, open to anyone; within an open campaign its dates decide too
 * (see the portal service).
 */
export type CampaignStatus = CampaignRow['status'];
export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed'] as const satisfies readonly CampaignStatus[];
export const CAMPAIGN_ACTIONS = ['edit', 'editRules', 'open', 'close', 'card', 'invite', 'answer'] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

const office = (p: Principal) => campaignPolicies.manage(p);
const anyone = () => true;
const ended = { refused: 'CAMPAIGN_CLOSED' } as const;

export const CAMPAIGN_FLOW: FlowTable<CampaignStatus, CampaignAction> = {
  draft: {
    edit: { to: 'draft', may: office },
    editRules: { to: 'draft', may: office },
    open: { to: 'open', may: office },
    close: { refused: 'TRANSITION_NOT_ALLOWED' },
    card: { to: 'draft', may: office },
    invite: { to: 'draft', may: office },
    answer: { refused: 'CAMPAIGN_NOT_STARTED' },
  },
  open: {
    edit: { to: 'open', may: office },
    editRules: { refused: 'FROZEN' },
    open: { refused: 'TRANSITION_NOT_ALLOWED' },
    close: { to: 'closed', may: office },
    card: { to: 'open', may: office },
    invite: { to: 'open', may: office },
    answer: { to: 'open', may: anyone },
  },
  closed: { edit: ended, editRules: ended, open: ended, close: ended, card: ended, invite: ended, answer: ended },
};
