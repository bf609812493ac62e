import type { Role } from './roles.js';

// No zod here: the admin's first screen imports this rule, and must not pull the schemas in with it.

/** What a task can be made from in one step, linked to it: a meeting's comment, a ranking row, a 时序进度 lag row, an inspection finding, a citizen's suggestion. */
export const TASK_ORIGIN_KINDS = ['meeting_comment', 'ranking', 'progress', 'finding', 'suggestion'] as const;
export type TaskOriginKind = (typeof TASK_ORIGIN_KINDS)[number];

/**
 * Who may make a task of a record in one step: the supervision office (and the administrator) of
 * anything; the performance office of its meetings, ranking rows and lag rows. The API decides by it
 * and the admin shows the button by it.
 */
export const mayMakeTaskFrom = (role: Role, kind: TaskOriginKind): boolean =>
  role === 'admin' || role === 'supervisor' || (role === 'office' && (kind === 'meeting_comment' || kind === 'ranking' || kind === 'progress'));
