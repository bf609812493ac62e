import { MEETING_TASK_DAYS, taskCreateSchema, type TaskDto, type TaskFromOrigin, type TaskSource } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import { AppError, refused } from '../../errors.js';
import type { Locale } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import { nextDay } from '../../lib/time-zone.js';
import { parseInput } from '../../lib/validate.js';
import type { AuditContext } from '../audit/audit.service.js';
import { findTasksByOrigin } from './tasks.repository.js';
import { createTask } from './tasks.service.js';

/**
 * One step from a record to a supervised task (立项): a meeting's comment or commitment, a ranking
 * row, a 时序进度 lag row, an inspection finding or a citizen's suggestion. The module the origin
 * belongs to drafts the task (title, lead unit, source, description: see task-origins/); this makes
 * it, linked to the origin (kind and id), by createTask (its own transaction and audit entry, which
 * records the origin). The tasks module so knows no module that tasks are made from.
 */

const addDays = (date: string, days: number) => {
  let d = date;
  for (let i = 0; i < days; i++) d = nextDay(d);
  return d;
};

export const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', `${path}: ${message}`, [{ path: `body.${path}`, message }]);

/** What the origin's module drafts of the task. */
export interface Drafted {
  title: string;
  description: string;
  source: TaskSource;
  originRef?: string;
  originSuggestionId?: number;
  leadUnitId: number;
  responsibleLeader?: string;
  responsibleLeaderUserId?: number;
  /** A meeting's comment: the meeting's date (a task never starts before it). */
  from?: string;
}

/** Text cut to `n` characters for a title. */
export const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Makes the task of an origin once its module has drafted it. `draft` is only called once the caller
 * may create a task of this kind, so a refused caller learns nothing of the origin.
 */
export async function createTaskFromDraft(db: Database, p: Principal, input: TaskFromOrigin, draft: () => Promise<Drafted>, ctx: AuditContext, locale: Locale): Promise<TaskDto> {
  const d = await draft();
  if (input.origin.kind === 'meeting_comment' || input.origin.kind === 'finding') {
    const made = await findTasksByOrigin(db, input.origin.kind, [input.origin.id]);
    if (made.length) throw refused('ALREADY_DONE', `已转为督办事项 #${made[0]!.id} / already made into task #${made[0]!.id}`);
  }
  // The task starts today, or on the meeting's day when the comment is recorded ahead of it.
  const today = locale.zone.date();
  const startDate = d.from && d.from > today ? d.from : today;
  const deadline = input.deadline ?? addDays(startDate, MEETING_TASK_DAYS);
  const leader =
    input.responsibleLeaderUserId !== undefined || input.responsibleLeader !== undefined
      ? { responsibleLeaderUserId: input.responsibleLeaderUserId, responsibleLeader: input.responsibleLeader }
      : { responsibleLeaderUserId: d.responsibleLeaderUserId, responsibleLeader: d.responsibleLeader };
  if (leader.responsibleLeaderUserId === undefined && leader.responsibleLeader === undefined) {
    throw invalid('responsibleLeaderUserId', '请指定责任领导（账号或姓名）/ name the responsible leader (an account or a name)');
  }
  const body = parseInput(
    taskCreateSchema,
    {
      title: input.title ?? d.title,
      description: d.description,
      source: d.source,
      ...(d.originRef ? { originRef: d.originRef } : {}),
      ...(d.originSuggestionId ? { originSuggestionId: d.originSuggestionId } : {}),
      origin: input.origin,
      leadUnitId: d.leadUnitId,
      ...(leader.responsibleLeaderUserId !== undefined ? { responsibleLeaderUserId: leader.responsibleLeaderUserId } : {}),
      ...(leader.responsibleLeader !== undefined ? { responsibleLeader: leader.responsibleLeader } : {}),
      startDate,
      deadline,
    },
    'body',
  );
  return createTask(db, body, p, ctx, locale);
}
