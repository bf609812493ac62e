import type { Queryable } from '../../db/database.js';
import { SqlWhere } from '../../lib/sql-where.js';
import type { TaskOriginKind, TaskSource } from '@kaoping/shared';
import type { TaskAction, TaskStatus } from './flow.js';

export interface TaskRow {
  id: number;
  title: string;
  description: string;
  source: TaskSource;
  origin_ref: string | null;
  origin_suggestion_id: number | null;
  lead_unit_id: number;
  lead_unit_code: string;
  lead_unit_name: string;
  co_unit_ids: number[];
  co_units: { id: number; code: string; name: string }[];
  responsible_leader: string;
  responsible_leader_user_id: number | null;
  origin_kind: TaskOriginKind | null;
  origin_id: number | null;
  origin_unit_id: number | null;
  origin_indicator_id: number | null;
  /** The meeting of the comment a task was made from. */
  origin_meeting_id: number | null;
  start_date: string;
  deadline: string;
  status: TaskStatus;
  progress: number | null;
  returned: boolean;
  last_action_at: Date | null;
  /** When the lead unit took the task on: the first step into 办理中 (signed, or issued where signing is off). */
  schedule_from: Date | null;
  created_at: Date;
  closed_at: Date | null;
}

/** When a task (table alias `t`) starts its schedule: its first step into 办理中 — signed for, or issued where signing is switched off. */
export const scheduleFrom = (t: string) => `(select min(e.created_at) from task_events e where e.task_id = ${t}.id and e.to_status = 'in_progress') as schedule_from`;

const SELECT = `select t.id, t.title, t.description, t.source, t.origin_ref, t.origin_suggestion_id, t.lead_unit_id, u.code as lead_unit_code, u.name as lead_unit_name,
    coalesce((select array_agg(c.unit_id order by c.unit_id) from task_co_units c where c.task_id = t.id), '{}') as co_unit_ids,
    coalesce((select json_agg(json_build_object('id', cu.id, 'code', cu.code, 'name', cu.name) order by cu.id)
                from task_co_units c join units cu on cu.id = c.unit_id where c.task_id = t.id), '[]'::json) as co_units,
    t.responsible_leader, t.responsible_leader_user_id, t.origin_kind, t.origin_id, t.origin_unit_id, t.origin_indicator_id,
    (select mc.meeting_id from meeting_comments mc where t.origin_kind = 'meeting_comment' and mc.id = t.origin_id) as origin_meeting_id,
    to_char(t.start_date, 'YYYY-MM-DD') as start_date, to_char(t.deadline, 'YYYY-MM-DD') as deadline,
    t.status, t.progress, t.returned, t.last_action_at, ${scheduleFrom('t')}, t.created_at, t.closed_at
  from tasks t join units u on u.id = t.lead_unit_id`;

export interface TaskFilter {
  status?: TaskStatus;
  source?: string;
  /** Tasks this unit leads or helps with. */
  unitId?: number;
  /** Tasks this unit leads. */
  leadUnitId?: number;
  /** Words in the title, the content or the origin's reference. */
  q?: string;
  /** 实名制: tasks this leader answers for, by the name they are assigned to. */
  leader?: string;
  /** Open tasks (issued, not yet closed out) due on or after this day … */
  dueFrom?: string;
  /** … and on or before this one. */
  dueBy?: string;
}

/** `%word%` for ilike, with the pattern characters taken literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function findTasks(db: Queryable, f: TaskFilter): Promise<TaskRow[]> {
  const w = new SqlWhere()
    .add('t.status = ?', f.status)
    .add('t.source = ?', f.source)
    .add('(t.lead_unit_id = ? or exists (select 1 from task_co_units c where c.task_id = t.id and c.unit_id = ?))', f.unitId)
    .add('t.lead_unit_id = ?', f.leadUnitId)
    .add("(t.title ilike ? or t.description ilike ? or coalesce(t.origin_ref, '') ilike ?)", f.q ? likePattern(f.q) : undefined)
    .add('t.responsible_leader = ?', f.leader)
    .add("(t.deadline >= ?::date and t.status not in ('draft', 'review', 'closed'))", f.dueFrom)
    .add("(t.deadline <= ?::date and t.status not in ('draft', 'review', 'closed'))", f.dueBy);
  return db.query<TaskRow>(`${SELECT} ${w.sql} order by t.status = 'closed', t.deadline, t.id`, w.params);
}

export async function findTask(db: Queryable, id: number, forUpdate = false): Promise<TaskRow | undefined> {
  return (await db.query<TaskRow>(`${SELECT} where t.id = $1${forUpdate ? ' for update of t' : ''}`, [id]))[0];
}

export async function insertTask(
  db: Queryable,
  t: {
    title: string;
    description: string;
    source: string;
    originRef: string | null;
    originSuggestionId: number | null;
    origin: { kind: TaskOriginKind; id: number; unitId?: number; indicatorId?: number } | null;
    leadUnitId: number;
    responsibleLeader: string;
    responsibleLeaderUserId: number | null;
    startDate: string;
    deadline: string;
    createdBy: number | null;
  },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into tasks (title, description, source, origin_ref, origin_suggestion_id, lead_unit_id, responsible_leader, start_date, deadline, created_by,
                        responsible_leader_user_id, origin_kind, origin_id, origin_unit_id, origin_indicator_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
    [
      t.title, t.description, t.source, t.originRef, t.originSuggestionId, t.leadUnitId, t.responsibleLeader, t.startDate, t.deadline, t.createdBy,
      t.responsibleLeaderUserId, t.origin?.kind ?? null, t.origin?.id ?? null, t.origin?.unitId ?? null, t.origin?.indicatorId ?? null,
    ],
  );
  return row!.id;
}

export async function insertCoUnits(db: Queryable, taskId: number, unitIds: number[]): Promise<void> {
  if (unitIds.length) await db.query('insert into task_co_units (task_id, unit_id) select $1, x from unnest($2::int[]) as x', [taskId, unitIds]);
}

export async function insertMilestones(db: Queryable, taskId: number, milestones: { title: string; dueDate: string }[]): Promise<void> {
  if (milestones.length) {
    await db.query('insert into task_milestones (task_id, title, due_date) select $1, t, d from unnest($2::text[], $3::date[]) as x(t, d)', [
      taskId,
      milestones.map((m) => m.title),
      milestones.map((m) => m.dueDate),
    ]);
  }
}

export const findMilestones = (db: Queryable, taskId: number) =>
  db.query<{ id: number; title: string; due_date: string; done_at: Date | null }>(
    `select id, title, to_char(due_date, 'YYYY-MM-DD') as due_date, done_at from task_milestones where task_id = $1 order by due_date, id`,
    [taskId],
  );

export const findEvents = (db: Queryable, taskId: number) =>
  db.query<{ id: number; action: TaskAction; from_status: TaskStatus; to_status: TaskStatus; actor_name: string; unit_id: number | null; note: string | null; progress: number | null; created_at: Date }>(
    'select id, action, from_status, to_status, actor_name, unit_id, note, progress, created_at from task_events where task_id = $1 order by id',
    [taskId],
  );

export interface SettingsRow {
  leader_review: boolean;
  sign_for: boolean;
  blue_days: number;
  lag_tolerance: number;
  grace_days: number;
}

export const findSettings = async (db: Queryable): Promise<SettingsRow> =>
  (await db.query<SettingsRow>('select leader_review, sign_for, blue_days, lag_tolerance, grace_days from supervision_settings where id = 1'))[0]!;

export interface EvidenceRow {
  id: number;
  task_id: number;
  event_id: number | null;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: number | null;
  uploaded_at: Date;
}

export async function insertEvidence(db: Queryable, e: { taskId: number; filename: string; mime: string; size: number; sha256: string; uploadedBy: number | null }): Promise<EvidenceRow> {
  const [row] = await db.query<EvidenceRow>(
    `insert into task_evidence (task_id, filename, mime, size, sha256, uploaded_by) values ($1, $2, $3, $4, $5, $6)
     returning id, task_id, event_id, filename, mime, size, sha256, uploaded_by, uploaded_at`,
    [e.taskId, e.filename, e.mime, e.size, e.sha256, e.uploadedBy],
  );
  return row!;
}

export const findEvidence = (db: Queryable, taskId: number) =>
  db.query<EvidenceRow>('select id, task_id, event_id, filename, mime, size, sha256, uploaded_by, uploaded_at from task_evidence where task_id = $1 order by id', [taskId]);

export async function findEvidenceById(db: Queryable, taskId: number, evidenceId: number): Promise<EvidenceRow | undefined> {
  const [row] = await db.query<EvidenceRow>(
    'select id, task_id, event_id, filename, mime, size, sha256, uploaded_by, uploaded_at from task_evidence where task_id = $1 and id = $2',
    [taskId, evidenceId],
  );
  return row;
}

/** Ties uploaded files to the report or feedback that cites them. */
export async function attachEvidence(db: Queryable, eventId: number, evidenceIds: number[]): Promise<void> {
  if (evidenceIds.length) await db.query('update task_evidence set event_id = $1 where id = any($2::int[])', [eventId, evidenceIds]);
}

/** A leader's name by account: active users of the city-wide roles (the unit head answers for a unit, too). */
export async function findLeaderUser(db: Queryable, userId: number): Promise<{ id: number; display_name: string } | undefined> {
  const [row] = await db.query<{ id: number; display_name: string }>('select id, display_name from users where id = $1 and active', [userId]);
  return row;
}

/** Tasks made from these origins (e.g. a meeting's comments), newest last. */
export async function findTasksByOrigin(db: Queryable, kind: TaskOriginKind, ids: number[]): Promise<TaskRow[]> {
  if (!ids.length) return [];
  return db.query<TaskRow>(`${SELECT} where t.origin_kind = $1 and t.origin_id = any($2::int[]) order by t.id`, [kind, ids]);
}

/** Whether the record an origin names exists (a ranking or lag row: the run scored that unit; the indicator exists). */
export async function originExists(db: Queryable, o: { kind: TaskOriginKind; id: number; unitId?: number; indicatorId?: number }): Promise<boolean> {
  const sql: Record<TaskOriginKind, [string, unknown[]]> = {
    meeting_comment: ['select 1 from meeting_comments where id = $1', [o.id]],
    finding: ['select 1 from inspection_findings where id = $1', [o.id]],
    suggestion: ['select 1 from suggestions where id = $1', [o.id]],
    ranking: ['select 1 from unit_scores where run_id = $1 and unit_id = $2', [o.id, o.unitId ?? -1]],
    progress: ['select 1 from unit_scores where run_id = $1 and unit_id = $2 and exists (select 1 from indicators where id = $3)', [o.id, o.unitId ?? -1, o.indicatorId ?? -1]],
  };
  const [q, params] = sql[o.kind];
  return (await db.query(q, params)).length > 0;
}

export async function updateSettings(db: Queryable, s: { leaderReview: boolean; signFor: boolean; blueDays: number; lagTolerance: number; graceDays: number }): Promise<void> {
  await db.query('update supervision_settings set leader_review = $1, sign_for = $2, blue_days = $3, lag_tolerance = $4, grace_days = $5, updated_at = now() where id = 1', [
    s.leaderReview,
    s.signFor,
    s.blueDays,
    s.lagTolerance,
    s.graceDays,
  ]);
}

/** A step of the task's flow: its status and progress, whether it is returned, when a unit last acted and when it closed. */
export async function updateTaskStep(db: Queryable, id: number, step: { to: string; progress: number | null; action: string; unitAction: boolean }): Promise<void> {
  await db.query(
    `update tasks set status = $2, progress = $3,
            returned = case when $4 = 'return' then true when $4 in ('feedback', 'accept', 'reopen') then false else returned end,
            last_action_at = case when $5 then now() else last_action_at end,
            closed_at = case when $2 = 'closed' then now() when $4 = 'reopen' then null else closed_at end,
            updated_at = now()
      where id = $1`,
    [id, step.to, step.progress, step.action, step.unitAction],
  );
}

export interface TaskEventValues {
  taskId: number;
  action: string;
  fromStatus: string;
  toStatus: string;
  actorId: number | null;
  actorName: string;
  unitId: number | null;
  note: string | null;
  progress: number | null;
}

export async function insertTaskEvent(db: Queryable, e: TaskEventValues): Promise<number> {
  const [event] = await db.query<{ id: number }>(
    `insert into task_events (task_id, action, from_status, to_status, actor_id, actor_name, unit_id, note, progress) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [e.taskId, e.action, e.fromStatus, e.toStatus, e.actorId, e.actorName, e.unitId, e.note, e.progress],
  );
  return event!.id;
}

/** Which of these files belong to the task, who uploaded each, and which report already cites it. */
export const findEvidenceOwners = (db: Queryable, taskId: number, ids: number[]) =>
  db.query<{ id: number; event_id: number | null; uploaded_by: number | null }>('select id, event_id, uploaded_by from task_evidence where task_id = $1 and id = any($2::int[])', [taskId, ids]);
