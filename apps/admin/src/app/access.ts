import { mayMakeTaskFrom, type Role } from '@kaoping/shared';

/** The pages of the admin; the keys double as menu keys. */
export type PageKey =
  | 'workbench'
  | 'assessmentSchemes'
  | 'assessmentReporting'
  | 'assessmentReview'
  | 'assessmentResults'
  | 'assessmentProgress'
  | 'peCampaigns'
  | 'peResults'
  | 'peFraud'
  | 'peSuggestions'
  | 'supervisionOverview'
  | 'supervisionTasks'
  | 'supervisionProblems'
  | 'supervisionInspections'
  | 'projects'
  | 'meetings'
  | 'bulletins'
  | 'screen'
  | 'screenLinks'
  | 'units'
  | 'users'
  | 'audit'
  | 'tokens';

export const PAGE_PATHS: Record<PageKey, string> = {
  workbench: '/workbench',
  assessmentSchemes: '/assessment/schemes',
  assessmentReporting: '/assessment/reporting',
  assessmentReview: '/assessment/review',
  assessmentResults: '/assessment/results',
  assessmentProgress: '/assessment/progress',
  peCampaigns: '/public-evaluation/campaigns',
  peResults: '/public-evaluation/results',
  peFraud: '/public-evaluation/fraud',
  peSuggestions: '/public-evaluation/suggestions',
  supervisionOverview: '/supervision/overview',
  supervisionTasks: '/supervision/tasks',
  supervisionProblems: '/supervision/problems',
  supervisionInspections: '/supervision/inspections',
  projects: '/projects',
  meetings: '/meetings',
  bulletins: '/bulletins',
  screen: '/screen',
  screenLinks: '/system/screen-links',
  units: '/system/units',
  users: '/system/users',
  audit: '/system/audit',
  tokens: '/system/tokens',
};

/**
 * Who may open each page. This mirrors the server's policies so that people are not shown
 * what they cannot use; the server refuses such requests anyway.
 */
const PAGE_ROLES: Record<PageKey, readonly Role[] | 'all'> = {
  // Everyone lands on a workbench after signing in; the server picks its layout.
  workbench: 'all',
  assessmentSchemes: 'all',
  assessmentReporting: ['head', 'reporter', 'datasource'],
  assessmentReview: ['admin', 'office', 'datasource'],
  assessmentResults: 'all',
  assessmentProgress: ['admin', 'office', 'supervisor', 'leader'],
  // Campaigns and results: city-wide readers (campaigns.policy read); fraud review: the office (review).
  peCampaigns: ['admin', 'office', 'supervisor', 'leader'],
  peResults: ['admin', 'office', 'supervisor', 'leader'],
  peFraud: ['admin', 'office'],
  // Suggestions: city-wide readers all of them; a unit's head and reporter those forwarded to it.
  peSuggestions: ['admin', 'office', 'supervisor', 'leader', 'head', 'reporter'],
  // Supervision: city-wide roles see everything; a unit sees the tasks and problems it is responsible for (tasks/ledger policies).
  supervisionOverview: 'all',
  supervisionTasks: 'all',
  supervisionProblems: 'all',
  supervisionInspections: ['admin', 'supervisor', 'office', 'leader'],
  projects: 'all',
  // Review meetings: every city-wide role reads them (meetings.policy read); the two offices manage them;
  // a presenting unit's head and reporter read the issued minutes of their unit's meetings and sign for them.
  meetings: ['admin', 'office', 'supervisor', 'leader', 'head', 'reporter'],
  bulletins: 'all',
  // The leaders' big screen (screen.policy): leaders and the two offices; display links: the performance office.
  screen: ['admin', 'office', 'supervisor', 'leader'],
  screenLinks: ['admin', 'office'],
  units: 'all',
  users: ['admin', 'office', 'supervisor', 'leader', 'head'],
  audit: ['admin', 'office', 'supervisor', 'leader', 'head'],
  tokens: ['admin'],
};

export function canOpen(role: Role, page: PageKey): boolean {
  const allowed = PAGE_ROLES[page];
  return allowed === 'all' || allowed.includes(role);
}

/** Roles that may create, edit, deactivate and import units; every role may read and export them. */
export const canWriteUnits = (role: Role): boolean => role === 'admin' || role === 'office';

/** Only administrators change accounts; whoever may open the users page may export what it lists. */
export const canWriteUsers = (role: Role): boolean => role === 'admin';

/** Where 考核 opens for each role: units go to their own reporting, everyone else to the rankings. */
export const assessmentHome = (role: Role): string =>
  canOpen(role, 'assessmentReporting') && role !== 'datasource' ? PAGE_PATHS.assessmentReporting : PAGE_PATHS.assessmentResults;

/** The performance office runs campaigns, reviews responses and handles suggestions (campaigns.policy manage/review, suggestions.policy handle). */
export const canManageCampaigns = (role: Role): boolean => role === 'admin' || role === 'office';

/** Only a unit's head answers the suggestions forwarded to the unit. */
export const canReplySuggestions = (role: Role): boolean => role === 'head';

/** The development SMS provider's outbox is the administrator's. */
export const canReadSmsOutbox = (role: Role): boolean => role === 'admin';

/** The performance and supervision offices prepare meetings, record comments and issue minutes (meetings.policy manage). */
export const canManageMeetings = (role: Role): boolean => role === 'admin' || role === 'office' || role === 'supervisor';

/** Who may turn a record into a supervised task in one step: the API's own rule (tasks.policy fromOrigin). */
export const canMakeTask = mayMakeTaskFrom;

/** Where 公众评估 opens: units go to the suggestions forwarded to them, everyone else to the campaigns. */
export const publicEvaluationHome = (role: Role): string => (canOpen(role, 'peCampaigns') ? PAGE_PATHS.peCampaigns : PAGE_PATHS.peSuggestions);
