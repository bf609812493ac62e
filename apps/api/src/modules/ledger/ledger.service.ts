import type { ProblemCreate, ProblemDetail, ProblemDto, ProblemList, ProblemSource } from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, forbidden, notFound, refused } from '../../errors.js';
import type { Locale } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { computeLight, type LightOptions } from '../lights/lights.js';
import { lightOptions } from '../lights/light-options.js';
import { EVIDENCE_TYPES, checkFile } from '../files/files.js';
import { readStoredFile, storeFile } from '../files/files.repository.js';
import { activeUnitIds } from '../units/units.repository.js';
import { findMediaOfFindings } from './inspections.repository.js';
import { ACTION_LABELS, STATUS_LABELS, availableActions, checkStep, type ProblemAction } from './flow.js';
import * as repo from './ledger.repository.js';

export const SOURCE_LABELS: Record<ProblemSource, string> = { inspection: '暗访督查', assessment: '绩效考评', audit: '审计' };

export type { ProblemDto };

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toDto(r: repo.ProblemRow, now: Date, lights: LightOptions): ProblemDto {
  const progress = r.requirements_total ? Math.round((r.requirements_done / r.requirements_total) * 1000) / 10 : 0;
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    source: r.source,
    sourceLabel: SOURCE_LABELS[r.source as ProblemSource] ?? r.source,
    findingId: r.finding_id,
    schemeId: r.scheme_id,
    indicatorId: r.indicator_id,
    auditRef: r.audit_ref,
    place: r.place,
    latitude: r.latitude,
    longitude: r.longitude,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    responsibleLeader: r.responsible_leader,
    startDate: r.start_date,
    deadline: r.deadline,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    returned: r.returned,
    requirements: { done: r.requirements_done, total: r.requirements_total },
    progress,
    // A problem is the unit's work from the day it is put on the ledger.
    light: computeLight(
      { start: r.start_date, scheduleFrom: r.start_date, deadline: r.deadline, done: r.status === 'closed', progress, returned: r.returned, lastActionAt: iso(r.last_action_at) },
      now,
      lights,
    ),
    createdAt: new Date(r.created_at).toISOString(),
    closedAt: iso(r.closed_at),
  };
}

const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', `${field}: ${message}`, [{ path: `body.${field}`, message }]);

export interface ProblemInput extends Omit<ProblemCreate, 'latitude' | 'longitude' | 'schemeId' | 'indicatorId' | 'auditRef' | 'startDate'> {
  latitude: number | null;
  longitude: number | null;
  schemeId: number | null;
  indicatorId: number | null;
  auditRef: string | null;
  startDate: string;
  findingId: number | null;
}

/** Puts a problem on the ledger inside the caller's transaction (also used when a finding becomes a problem). */
export async function insertProblem(tx: Queryable, input: ProblemInput, p: Principal, ctx: AuditContext): Promise<number> {
  if ((await activeUnitIds(tx, [input.unitId])).length === 0) throw invalid('unitId', '责任单位不存在或已停用 / the unit does not exist or is inactive');
  if (input.deadline < input.startDate) throw invalid('deadline', `整改期限不能早于挂账日期 ${input.startDate} / the deadline is before the start`);
  if (input.schemeId !== null) {
    if (!(await repo.schemeExists(tx, input.schemeId))) throw invalid('schemeId', '考核方案不存在 / no such scheme');
  }
  if (input.indicatorId !== null) {
    if (!(await repo.indicatorOfSchemeExists(tx, input.indicatorId, input.schemeId))) throw invalid('indicatorId', '指标不存在或不属于该方案 / no such indicator in the scheme');
  }
  const id = await repo.insertProblem(tx, {
    title: input.title,
    description: input.description,
    source: input.source,
    findingId: input.findingId,
    schemeId: input.schemeId,
    indicatorId: input.indicatorId,
    auditRef: input.auditRef,
    place: input.place,
    latitude: input.latitude,
    longitude: input.longitude,
    unitId: input.unitId,
    responsibleLeader: input.responsibleLeader,
    startDate: input.startDate,
    deadline: input.deadline,
    createdBy: p.userId,
  });
  await repo.insertRequirements(tx, id, input.requirements);
  await repo.insertEvent(tx, { problemId: id, action: 'create', from: 'open', to: 'open', requirementId: null, actorId: p.userId, actorName: p.displayName, unitId: p.unitId, note: null });
  await recordAudit(tx, ctx, { action: 'problem.create', entity: 'problem', entityId: id, unitId: input.unitId, after: input });
  return id;
}

export async function createProblem(db: Database, input: ProblemCreate, p: Principal, ctx: AuditContext, locale: Locale) {
  const id = await db.transaction((tx) =>
    insertProblem(
      tx,
      {
        ...input,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        schemeId: input.schemeId ?? null,
        indicatorId: input.indicatorId ?? null,
        auditRef: input.auditRef ?? null,
        startDate: input.startDate ?? locale.zone.date(),
        findingId: null,
      },
      p,
      ctx,
    ),
  );
  return getProblem(db, p, id, locale);
}

/** The ledger, limited to the unit `scope` when given (ledgerPolicies.listScope). */
export async function listProblems(db: Database, scope: number | undefined, f: repo.ProblemFilter & { light?: string; alert?: boolean }, locale: Locale, now = new Date()): Promise<ProblemList> {
  const lights = await lightOptions(db, locale);
  const scoped = scope === undefined ? f : { ...f, unitId: scope };
  const all = (await repo.findProblems(db, scoped)).map((r) => toDto(r, now, lights));
  const counts: ProblemList['counts'] = { green: 0, blue: 0, yellow: 0, red: 0, alert: 0 };
  for (const t of all) {
    if (t.light.light) counts[t.light.light]++;
    if (t.light.alert) counts.alert++;
  }
  return { items: all.filter((t) => (!f.light || t.light.light === f.light) && (!f.alert || t.light.alert)), counts };
}

/** A problem as stored, for the route to authorize (ledgerPolicies) before it acts; 404 when there is none. */
export async function loadProblem(db: Queryable, id: number, forUpdate = false): Promise<repo.ProblemRow> {
  const r = await repo.findProblem(db, id, forUpdate);
  if (!r) throw notFound('问题 / Problem');
  return r;
}

const EVENT_LABELS: Record<string, string> = { ...ACTION_LABELS, create: '挂账', evidence: '上传佐证' };

export async function getProblem(db: Database, p: Principal, id: number, locale: Locale, now = new Date()): Promise<ProblemDetail> {
  const r = await loadProblem(db, id);
  const lights = await lightOptions(db, locale);
  const [requirements, evidence, events] = await Promise.all([repo.findRequirements(db, id), repo.findEvidence(db, id), repo.findEvents(db, id)]);
  const finding = r.finding_id ? await repo.findProblemFinding(db, r.finding_id) : undefined;
  return {
    ...toDto(r, now, lights),
    finding: finding
      ? {
          id: finding.id,
          inspectionId: finding.inspection_id,
          title: finding.title,
          mediaIds: finding.media,
          // The photos and videos as the responsible unit may see them: a photo has a thumbnail, a video does not.
          media: (await findMediaOfFindings(db, [finding.id])).map((m) => ({
            id: m.id,
            kind: m.kind,
            filename: m.filename,
            takenAt: iso(m.taken_at),
            latitude: m.latitude,
            longitude: m.longitude,
            url: `/api/inspections/media/${m.id}`,
            thumbnailUrl: m.thumbnail_sha256 ? `/api/inspections/media/${m.id}/thumbnail` : null,
          })),
        }
      : null,
    checklist: requirements.map((q) => ({
      id: q.id,
      position: q.position,
      text: q.text,
      done: q.done,
      report: q.report,
      reportedAt: iso(q.reported_at),
      evidence: evidence
        .filter((e) => e.requirement_id === q.id)
        .map((e) => ({ id: e.id, filename: e.filename, mime: e.mime, size: e.size, sha256: e.sha256, uploadedAt: new Date(e.uploaded_at).toISOString() })),
    })),
    events: events.map((e) => ({ id: e.id, action: e.action, label: EVENT_LABELS[e.action] ?? e.action, from: e.from_status, to: e.to_status, requirementId: e.requirement_id, actor: e.actor_name, note: e.note, at: new Date(e.created_at).toISOString() })),
    actions: availableActions(r.status, { role: p.role, unitId: p.unitId }, r.unit_id),
  };
}

function refuse(step: Exclude<ReturnType<typeof checkStep>, { ok: true }>, field = 'note'): never {
  if (step.why === 'role') throw forbidden(step.message);
  if (step.why === 'reason') throw invalid(field, step.message);
  throw refused('TRANSITION_NOT_ALLOWED', step.message);
}

async function requirementOf(tx: Queryable, problemId: number, requirementId: number): Promise<repo.RequirementRow> {
  const q = (await repo.findRequirements(tx, problemId)).find((x) => x.id === requirementId);
  if (!q) throw notFound('整改要求 / Requirement');
  return q;
}

/** The unit reports on one requirement of the checklist; "done" needs evidence first. */
export async function reportRequirement(db: Database, p: Principal, problemId: number, requirementId: number, input: { done: boolean; report: string }, ctx: AuditContext, locale: Locale) {
  await db.transaction(async (tx) => {
    const r = await loadProblem(tx, problemId, true);
    const step = checkStep(r.status, 'report', { role: p.role, unitId: p.unitId }, r.unit_id);
    if (!step.ok) refuse(step);
    const q = await requirementOf(tx, problemId, requirementId);
    if (input.done && q.evidence_count === 0) throw invalid('done', '标记完成前须上传该项的整改佐证 / upload evidence for this requirement before marking it done');
    await repo.updateRequirement(tx, requirementId, input.done, input.report);
    await repo.updateStatus(tx, problemId, { status: step.to, returned: r.returned, unitAction: true, closed: 'keep' });
    await repo.insertEvent(tx, { problemId, action: 'report', from: r.status, to: step.to, requirementId, actorId: p.userId, actorName: p.displayName, unitId: p.unitId, note: input.report });
    await recordAudit(tx, ctx, {
      action: 'problem.report',
      entity: 'problem',
      entityId: problemId,
      unitId: r.unit_id,
      before: { status: r.status, requirementId, done: q.done, report: q.report },
      after: { status: step.to, requirementId, done: input.done, report: input.report },
    });
  });
  return getProblem(db, p, problemId, locale);
}

/** Adds one evidence file to a requirement; the bytes are stored once by their hash. */
export async function addEvidence(db: Database, p: Principal, problemId: number, requirementId: number, file: { filename: string; mime: string; bytes: Buffer }, ctx: AuditContext) {
  const checked = checkFile(file.mime, file.bytes, EVIDENCE_TYPES);
  return db.transaction(async (tx) => {
    const r = await loadProblem(tx, problemId, true);
    if (r.status !== 'open' && r.status !== 'rectifying') throw refused('TRANSITION_NOT_ALLOWED', `问题当前为「${STATUS_LABELS[r.status]}」，不能再上传佐证 / the problem is ${r.status}`);
    await requirementOf(tx, problemId, requirementId);
    await storeFile(tx, checked);
    const row = await repo.insertEvidence(tx, { problemId, requirementId, filename: file.filename, mime: checked.mime, size: checked.bytes.length, sha256: checked.sha256, uploadedBy: p.userId });
    await repo.updateStatus(tx, problemId, { status: 'rectifying', returned: r.returned, unitAction: true, closed: 'keep' });
    await repo.insertEvent(tx, { problemId, action: 'evidence', from: r.status, to: 'rectifying', requirementId, actorId: p.userId, actorName: p.displayName, unitId: p.unitId, note: file.filename });
    const dto = { id: row.id, requirementId, filename: row.filename, mime: row.mime, size: row.size, sha256: row.sha256, uploadedAt: new Date(row.uploaded_at).toISOString() };
    await recordAudit(tx, ctx, { action: 'problem.evidence', entity: 'problem', entityId: problemId, unitId: r.unit_id, before: { status: r.status }, after: { status: 'rectifying', evidence: dto } });
    return dto;
  });
}

export async function getEvidenceFile(db: Database, problemId: number, evidenceId: number) {
  await loadProblem(db, problemId);
  const e = await repo.findEvidenceFile(db, problemId, evidenceId);
  if (!e) throw notFound('佐证文件 / Evidence');
  const content = await readStoredFile(db, e.sha256);
  if (!content) throw notFound('佐证文件 / Evidence');
  return { filename: e.filename, mime: e.mime, content };
}

/** Submit (the unit head), close out (销号), return or reopen (the supervision office). */
export async function act(db: Database, p: Principal, problemId: number, input: { action: Exclude<ProblemAction, 'report'>; note?: string; requirementIds?: number[] }, ctx: AuditContext, locale: Locale) {
  await db.transaction(async (tx) => {
    const r = await loadProblem(tx, problemId, true);
    const step = checkStep(r.status, input.action, { role: p.role, unitId: p.unitId }, r.unit_id, input.note);
    if (!step.ok) refuse(step);
    const requirements = await repo.findRequirements(tx, problemId);
    if (input.action === 'submit') {
      const open = requirements.filter((q) => !q.done || q.evidence_count === 0);
      if (open.length) {
        throw refused('INCOMPLETE', `还有 ${open.length} 项整改要求未完成或缺少佐证，不能申请销号 / ${open.length} requirements are not done or lack evidence`, {
          requirements: open.map((q) => ({ id: q.id, position: q.position, done: q.done, evidence: q.evidence_count })),
        });
      }
    }
    const reopened = input.action === 'return' || input.action === 'reopen' ? (input.requirementIds ?? []) : [];
    const unknown = reopened.filter((id) => !requirements.some((q) => q.id === id));
    if (unknown.length) throw invalid('requirementIds', `不是本问题的整改要求：${unknown.join(', ')} / not requirements of this problem`);
    if (input.requirementIds?.length && !reopened.length) throw invalid('requirementIds', '只有退回或重新挂账时可指定未达标的整改要求 / only a return or reopen names requirements');
    await repo.reopenRequirements(tx, problemId, reopened);
    const returned = input.action === 'return' || input.action === 'reopen' ? true : input.action === 'submit' || input.action === 'close' ? false : r.returned;
    await repo.updateStatus(tx, problemId, {
      status: step.to,
      returned,
      unitAction: input.action === 'submit',
      closed: input.action === 'close' ? 'set' : input.action === 'reopen' ? 'clear' : 'keep',
    });
    await repo.insertEvent(tx, { problemId, action: input.action, from: r.status, to: step.to, requirementId: null, actorId: p.userId, actorName: p.displayName, unitId: p.unitId, note: input.note ?? null });
    await recordAudit(tx, ctx, {
      action: `problem.${input.action}`,
      entity: 'problem',
      entityId: problemId,
      unitId: r.unit_id,
      before: { status: r.status, returned: r.returned },
      after: { status: step.to, returned, note: input.note ?? null, requirementIds: reopened },
    });
  });
  return getProblem(db, p, problemId, locale);
}
