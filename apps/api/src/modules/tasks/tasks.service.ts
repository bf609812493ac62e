import {
  TASK_EVIDENCE_TYPES,
  TASK_REPORT_ACTIONS,
  type SupervisionSettings,
  type SupervisionSettingsInput,
  type TaskActionInput,
  type TaskCreate,
  type TaskDetailDto,
  type TaskDto,
  type TaskEvidenceDto,
  type TaskList,
  type TaskOrigin,
  type TaskOriginKind,
  type TaskSource,
} from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, forbidden, notFound, refused } from '../../errors.js';
import type { Locale } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { checkFile } from '../files/files.js';
import { readStoredFile, storeFile } from '../files/files.repository.js';
import { ACTION_LABELS, STATUS_LABELS, availableActions, checkStep, type TaskAction } from './flow.js';
import { lightOptions } from '../lights/light-options.js';
import { computeLight, type LightOptions } from '../lights/lights.js';
import * as repo from './tasks.repository.js';
import { activeUnitIds } from '../units/units.repository.js';

export type { SupervisionSettings, TaskDto };

export async function loadSettings(db: Queryable): Promise<SupervisionSettings> {
  const s = await repo.findSettings(db);
  return { flow: { leaderReview: s.leader_review, signFor: s.sign_for }, lights: { blueDays: s.blue_days, lagTolerance: s.lag_tolerance, graceDays: s.grace_days } };
}


export async function saveSettings(db: Database, input: SupervisionSettingsInput, ctx: AuditContext): Promise<SupervisionSettings> {
  return db.transaction(async (tx) => {
    const before = await loadSettings(tx);
    await repo.updateSettings(tx, input);
    const after = await loadSettings(tx);
    await recordAudit(tx, ctx, { action: 'supervision.settings', entity: 'supervision_settings', entityId: 1, before, after });
    return after;
  });
}

export const SOURCE_LABELS: Record<TaskSource, string> = {
  instruction: '领导批示',
  meeting: '会议决定',
  key_work: '重点工作',
  suggestion: '群众建议',
  inspection: '督查发现',
  audit: '审计发现',
};

const toDto = (t: repo.TaskRow, now: Date, lights: LightOptions): TaskDto => ({
  id: t.id,
  title: t.title,
  description: t.description,
  source: t.source,
  sourceLabel: SOURCE_LABELS[t.source as TaskSource] ?? t.source,
  originRef: t.origin_ref,
  originSuggestionId: t.origin_suggestion_id,
  leadUnit: { id: t.lead_unit_id, code: t.lead_unit_code, name: t.lead_unit_name },
  coUnitIds: t.co_unit_ids,
  coUnits: t.co_units,
  responsibleLeader: t.responsible_leader,
  responsibleLeaderUserId: t.responsible_leader_user_id,
  origin:
    t.origin_kind && t.origin_id !== null
      ? { kind: t.origin_kind, id: t.origin_id, unitId: t.origin_unit_id, indicatorId: t.origin_indicator_id, meetingId: t.origin_meeting_id }
      : null,
  startDate: t.start_date,
  deadline: t.deadline,
  status: t.status,
  statusLabel: STATUS_LABELS[t.status],
  progress: t.progress,
  returned: t.returned,
  // A task is watched from the day it goes out; a draft has no light yet.
  light:
    t.status === 'draft' || t.status === 'review'
      ? { light: null, reason: STATUS_LABELS[t.status], alert: false, expected: 0 }
      : computeLight(
          {
            start: t.start_date,
            scheduleFrom: t.schedule_from ? new Date(t.schedule_from).toISOString() : null,
            deadline: t.deadline,
            done: t.status === 'closed',
            progress: t.progress,
            returned: t.returned,
            lastActionAt: t.last_action_at ? new Date(t.last_action_at).toISOString() : null,
          },
          now,
          lights,
        ),
  closedAt: t.closed_at ? new Date(t.closed_at).toISOString() : null,
});


export async function createTask(db: Database, input: TaskCreate, p: Principal, ctx: AuditContext, locale: Locale, now = new Date()): Promise<TaskDto> {
  const lights = await lightOptions(db, locale);
  return db.transaction(async (tx) => {
    const ids = [input.leadUnitId, ...input.coUnitIds];
    const found = await activeUnitIds(tx, ids);
    if (found.length !== new Set(ids).size) {
      throw new AppError('VALIDATION_FAILED', 'leadUnitId: 牵头或配合单位不存在或已停用 / a unit does not exist or is inactive', [{ path: 'body.leadUnitId', message: 'unknown unit' }]);
    }
    if (input.originSuggestionId !== undefined) {
      if (!(await repo.originExists(tx, { kind: 'suggestion', id: input.originSuggestionId }))) throw new AppError('VALIDATION_FAILED', 'originSuggestionId: 建议不存在 / no such suggestion', [{ path: 'body.originSuggestionId', message: 'unknown' }]);
    }
    if (input.origin) await checkOrigin(tx, input.origin);
    let leaderName = input.responsibleLeader;
    if (input.responsibleLeaderUserId !== undefined) {
      const user = await repo.findLeaderUser(tx, input.responsibleLeaderUserId);
      if (!user) {
        throw new AppError('VALIDATION_FAILED', 'responsibleLeaderUserId: 责任领导账号不存在或已停用 / no such active account', [{ path: 'body.responsibleLeaderUserId', message: 'unknown user' }]);
      }
      leaderName ??= user.display_name;
    }
    const id = await repo.insertTask(tx, {
      title: input.title,
      description: input.description,
      source: input.source,
      originRef: input.originRef ?? null,
      originSuggestionId: input.originSuggestionId ?? null,
      origin: input.origin ?? null,
      leadUnitId: input.leadUnitId,
      responsibleLeader: leaderName!,
      responsibleLeaderUserId: input.responsibleLeaderUserId ?? null,
      startDate: input.startDate,
      deadline: input.deadline,
      createdBy: p.userId,
    });
    await repo.insertCoUnits(tx, id, input.coUnitIds);
    await repo.insertMilestones(tx, id, input.milestones);
    const dto = toDto((await repo.findTask(tx, id))!, now, lights);
    await recordAudit(tx, ctx, { action: 'task.create', entity: 'task', entityId: id, unitId: input.leadUnitId, after: { ...dto, milestones: input.milestones } });
    return dto;
  });
}

/** An origin named on creation must exist; its full check (what it says, whose it is) is made by the one-step route (task-origins.ts). */
async function checkOrigin(db: Queryable, origin: TaskOrigin): Promise<void> {
  if (!(await repo.originExists(db, origin))) {
    throw new AppError('VALIDATION_FAILED', `origin: 来源记录不存在（${origin.kind} ${origin.id}）/ the origin does not exist`, [{ path: 'body.origin', message: 'unknown origin' }]);
  }
}

/** The list, limited to the unit `scope` when given (taskPolicies.listScope). */
export async function listTasks(db: Database, scope: number | undefined, f: repo.TaskFilter & { light?: string; alert?: boolean }, locale: Locale, now = new Date()): Promise<TaskList> {
  const lights = await lightOptions(db, locale);
  const scoped = scope === undefined ? f : { ...f, unitId: scope };
  const all = (await repo.findTasks(db, scoped)).map((t) => toDto(t, now, lights));
  const counts: TaskList['counts'] = { green: 0, blue: 0, yellow: 0, red: 0, alert: 0 };
  for (const t of all) {
    if (t.light.light) counts[t.light.light]++;
    if (t.light.alert) counts.alert++;
  }
  return { items: all.filter((t) => (!f.light || t.light.light === f.light) && (!f.alert || t.light.alert)), counts };
}

/** A task as stored, for the route to authorize (taskPolicies) before it acts; 404 when there is none. */
export async function loadTask(db: Queryable, id: number): Promise<repo.TaskRow> {
  const t = await repo.findTask(db, id);
  if (!t) throw notFound('督办事项 / Task');
  return t;
}

/** One task in full, with the steps open to the caller. */
export async function getTask(db: Database, p: Principal, t: repo.TaskRow, locale: Locale, now = new Date()): Promise<TaskDetailDto> {
  const id = t.id;
  const [settings, lights] = await Promise.all([loadSettings(db), lightOptions(db, locale)]);
  const [milestones, events, evidence] = await Promise.all([repo.findMilestones(db, id), repo.findEvents(db, id), repo.findEvidence(db, id)]);
  const filesOf = (eventId: number) => evidence.filter((e) => e.event_id === eventId).map(evidenceDto);
  return {
    ...toDto(t, now, lights),
    milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date, doneAt: m.done_at ? new Date(m.done_at).toISOString() : null })),
    events: events.map((e) => ({ id: e.id, action: e.action, label: ACTION_LABELS[e.action as TaskAction] ?? e.action, from: e.from_status, to: e.to_status, actor: e.actor_name, note: e.note, progress: e.progress, at: new Date(e.created_at).toISOString(), evidence: filesOf(e.id) })),
    actions: availableActions(t.status, { role: p.role, unitId: p.unitId }, { leadUnitId: t.lead_unit_id, coUnitIds: t.co_unit_ids }, settings.flow),
  };
}

/** Takes one step of the flow: allowed or refused by status and role, recorded with its note, audited. */
export async function act(db: Database, p: Principal, id: number, input: TaskActionInput, ctx: AuditContext, locale: Locale): Promise<TaskDetailDto> {
  const settings = await loadSettings(db);
  await db.transaction(async (tx) => {
    const t = await repo.findTask(tx, id, true);
    if (!t) throw notFound('督办事项 / Task');
    const step = checkStep(t.status, input.action, { role: p.role, unitId: p.unitId }, { leadUnitId: t.lead_unit_id, coUnitIds: t.co_unit_ids }, settings.flow, input.note);
    if (!step.ok) {
      if (step.why === 'role') throw forbidden(step.message);
      if (step.why === 'reason') throw new AppError('VALIDATION_FAILED', `note: ${step.message}`, [{ path: 'body.note', message: step.message }]);
      throw refused('TRANSITION_NOT_ALLOWED', step.message, { state: t.status, action: input.action });
    }
    if (input.action === 'report' && input.progress === undefined) {
      throw new AppError('VALIDATION_FAILED', 'progress: 报送进展须填写完成进度 / a progress report gives the completion', [{ path: 'body.progress', message: 'required' }]);
    }
    const evidenceIds = [...new Set(input.evidenceIds ?? [])];
    if (evidenceIds.length) await checkCitedEvidence(tx, p, id, input.action, evidenceIds);
    const progress = input.action === 'feedback' ? (input.progress ?? 100) : (input.progress ?? t.progress);
    // Progress reports and completion reports count as action on the task (and as correction once it is red).
    const unitAction = input.action === 'report' || input.action === 'feedback';
    await repo.updateTaskStep(tx, id, { to: step.to, progress, action: input.action, unitAction });
    const eventId = await repo.insertTaskEvent(tx, {
      taskId: id,
      action: input.action,
      fromStatus: t.status,
      toStatus: step.to,
      actorId: p.userId,
      actorName: p.displayName,
      unitId: p.unitId,
      note: input.note ?? null,
      progress: input.progress ?? null,
    });
    await repo.attachEvidence(tx, eventId, evidenceIds);
    await recordAudit(tx, ctx, {
      action: `task.${input.action}`,
      entity: 'task',
      entityId: id,
      unitId: t.lead_unit_id,
      before: { status: t.status, progress: t.progress, returned: t.returned },
      after: { status: step.to, progress, note: input.note ?? null, ...(evidenceIds.length ? { evidenceIds } : {}) },
    });
  });
  return getTask(db, p, await loadTask(db, id), locale);
}

const evidenceDto = (e: repo.EvidenceRow): TaskEvidenceDto => ({ id: e.id, filename: e.filename, mime: e.mime, size: e.size, sha256: e.sha256, uploadedAt: new Date(e.uploaded_at).toISOString() });

const invalidEvidence = (message: string) => new AppError('VALIDATION_FAILED', `evidenceIds: ${message}`, [{ path: 'body.evidenceIds', message }]);

/** A report may cite only files its author uploaded to this task and no earlier report has cited. */
async function checkCitedEvidence(db: Queryable, p: Principal, taskId: number, action: TaskAction, ids: number[]): Promise<void> {
  if (!TASK_REPORT_ACTIONS.includes(action)) throw invalidEvidence(`只有「报送进展」或「反馈办结」可以附佐证文件，「${ACTION_LABELS[action]}」不能 / only a progress report or the feedback cites evidence`);
  const rows = await repo.findEvidenceOwners(db, taskId, ids);
  const unknown = ids.filter((i) => !rows.some((r) => r.id === i && r.uploaded_by === p.userId));
  if (unknown.length) throw invalidEvidence(`不是您为本事项上传的文件：${unknown.join(', ')} / not files you uploaded to this task`);
  const cited = rows.filter((r) => r.event_id !== null).map((r) => r.id);
  if (cited.length) throw invalidEvidence(`文件已附在此前的报送中：${cited.join(', ')} / already cited by an earlier report`);
}

/**
 * A unit uploads one evidence file (photo, PDF, Word or Excel) while it may report on the task;
 * a progress report or the feedback then cites it. Stored once by content hash; audited.
 */
export async function addEvidence(db: Database, p: Principal, id: number, file: { filename: string; mime: string; bytes: Buffer }, ctx: AuditContext): Promise<TaskEvidenceDto> {
  const checked = checkFile(file.mime, file.bytes, [...TASK_EVIDENCE_TYPES]);
  const settings = await loadSettings(db);
  return db.transaction(async (tx) => {
    const t = await repo.findTask(tx, id, true);
    if (!t) throw notFound('督办事项 / Task');
    if (t.status !== 'in_progress') {
      throw refused('TRANSITION_NOT_ALLOWED', `事项当前为「${STATUS_LABELS[t.status]}」，不能上传佐证 / evidence is added while the task is in progress`);
    }
    const open = availableActions(t.status, { role: p.role, unitId: p.unitId }, { leadUnitId: t.lead_unit_id, coUnitIds: t.co_unit_ids }, settings.flow);
    if (!open.some((a) => TASK_REPORT_ACTIONS.includes(a))) throw forbidden('只有承办单位可以上传佐证 / only the units working on the task add evidence');
    await storeFile(tx, checked);
    const row = await repo.insertEvidence(tx, { taskId: id, filename: file.filename, mime: checked.mime, size: checked.bytes.length, sha256: checked.sha256, uploadedBy: p.userId });
    const dto = evidenceDto(row);
    await recordAudit(tx, ctx, { action: 'task.evidence', entity: 'task', entityId: id, unitId: t.lead_unit_id, after: { evidence: dto } });
    return dto;
  });
}

/** An evidence file of a task (the route has authorized reading the task). */
export async function getEvidenceFile(db: Database, id: number, evidenceId: number): Promise<{ filename: string; mime: string; content: Buffer }> {
  const e = await repo.findEvidenceById(db, id, evidenceId);
  const content = e && (await readStoredFile(db, e.sha256));
  if (!e || !content) throw notFound('佐证文件 / Evidence');
  return { filename: e.filename, mime: e.mime, content };
}

/** The tasks made from these origins (a meeting's comments, say), with their lights as of `now`. */
export async function tasksByOrigin(db: Database, kind: TaskOriginKind, ids: number[], locale: Locale, now = new Date()): Promise<TaskDto[]> {
  const lights = await lightOptions(db, locale);
  return (await repo.findTasksByOrigin(db, kind, ids)).map((t) => toDto(t, now, lights));
}
