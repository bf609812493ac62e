import type { SuggestionCategory, SuggestionDto } from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound, refused } from '../../errors.js';
import { decide } from '../../lib/flow-table.js';
import type { OfficialDocument } from '../../lib/documents/index.js';
import type { Principal } from '../../lib/principal.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { SUGGESTION_FLOW, type SuggestionAction } from './flow.js';
import { noticeDocument } from './notice-document.js';
import * as repo from './suggestions.repository.js';

export type { SuggestionDto };

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
/** A suggestion as the pages read it; `today` is the deployment's date, against which a deadline is overdue. */
export const toDto = (r: repo.SuggestionRow, today: string): SuggestionDto => ({
  id: r.id,
  source: r.source,
  campaignId: r.campaign_id,
  unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
  body: r.body,
  category: r.category,
  duplicateOf: r.duplicate_of,
  status: r.status,
  noticeNo: r.notice_no,
  deadline: r.deadline,
  overdue: (r.status === 'forwarded' || r.status === 'returned') && r.deadline !== null && r.deadline < today,
  reply: r.reply,
  repliedAt: iso(r.replied_at),
  reviewReason: r.review_reason,
  address: r.address,
  createdAt: iso(r.created_at)!,
});

/** Every suggestion, or, with a unit `scope` (suggestionPolicies.listScope), only what was forwarded to that unit. */
export async function listSuggestions(db: Database, scope: number | undefined, f: repo.SuggestionFilter, today: string): Promise<{ items: SuggestionDto[]; total: number }> {
  const scoped = scope === undefined ? f : { ...f, unitId: scope, forwardedOnly: true };
  const { rows, total } = await repo.findSuggestions(db, scoped);
  return { items: rows.map((r) => toDto(r, today)), total };
}

async function load(db: Queryable, id: number): Promise<repo.SuggestionRow> {
  const s = await repo.findSuggestion(db, id, true);
  if (!s) throw notFound('意见建议 / Suggestion');
  return s;
}

/** The flow table's decision for `action` on `s`: the status it leads to, or its rule (409) naming the status. */
const step = (s: repo.SuggestionRow, action: SuggestionAction, words: string, p?: Principal) =>
  decide(SUGGESTION_FLOW, s.status, action, () => `建议 #${s.id} 当前状态为「${STATUS_ZH[s.status]}」，不能${words} / suggestion #${s.id} is ${s.status}`, p && { p, context: { unitId: s.unit_id } });

export const STATUS_ZH: Record<repo.SuggestionRow['status'], string> = {
  new: '待分拣',
  sorted: '已分拣',
  forwarded: '已转办',
  replied: '已答复',
  accepted: '已办结',
  returned: '已退回',
};

/** Sorting: clear target / vague / duplicate / praise / abusive. Only what has not gone to a unit can be sorted again. */
export async function sortSuggestions(db: Database, input: { ids: number[]; category: SuggestionCategory; duplicateOf?: number }, ctx: AuditContext): Promise<{ changed: number }> {
  return db.transaction(async (tx) => {
    if (input.duplicateOf !== undefined) await load(tx, input.duplicateOf);
    for (const id of input.ids) {
      const s = await load(tx, id);
      const to = step(s, 'sort', '重新分拣');
      if (input.duplicateOf === id) throw new AppError('VALIDATION_FAILED', 'duplicateOf: 不能与自身重复 / cannot duplicate itself', [{ path: 'body.duplicateOf', message: 'itself' }]);
      await repo.update(tx, id, { category: input.category, duplicate_of: input.category === 'duplicate' ? input.duplicateOf : null, status: to });
      await recordAudit(tx, ctx, { action: 'suggestion.sort', entity: 'suggestion', entityId: id, unitId: s.unit_id, before: { category: s.category, status: s.status }, after: { category: input.category, status: to } });
    }
    return { changed: input.ids.length };
  });
}

/**
 * Forwards clear suggestions to their units: one 《绩效改进通知书》 per unit, numbered for the
 * year, with a deadline for the answer.
 */
export async function forwardSuggestions(db: Database, input: { ids: number[]; deadline: string }, ctx: AuditContext, today: string): Promise<{ notices: { noticeNo: string; unit: string; suggestions: number[] }[] }> {
  if (input.deadline < today) throw new AppError('VALIDATION_FAILED', 'deadline: 办理期限不能早于今天 / the deadline is in the past', [{ path: 'body.deadline', message: 'in the past' }]);
  return db.transaction(async (tx) => {
    const byUnit = new Map<number, repo.SuggestionRow[]>();
    for (const id of input.ids) {
      const s = await load(tx, id);
      const words = '转办（只转办已分拣为「诉求明确」的建议）';
      step(s, 'forward', words);
      // Only what was sorted as 诉求明确 goes to a unit; other categories stay with the office.
      if (s.category !== 'clear') throw refused('TRANSITION_NOT_ALLOWED', `建议 #${s.id} 未分拣为「诉求明确」，不能${words} / suggestion #${s.id} is not sorted as clear`, { state: s.status, action: 'forward' });
      byUnit.set(s.unit_id, [...(byUnit.get(s.unit_id) ?? []), s]);
    }
    const year = Number(today.slice(0, 4));
    const notices = [];
    for (const list of byUnit.values()) {
      const noticeNo = `衡绩改〔${year}〕${await repo.nextNoticeNumber(tx, year)}号`;
      for (const s of list) {
        await repo.update(tx, s.id, { status: 'forwarded', notice_no: noticeNo, deadline: input.deadline, forwarded_at: new Date() });
        await recordAudit(tx, ctx, { action: 'suggestion.forward', entity: 'suggestion', entityId: s.id, unitId: s.unit_id, before: { status: s.status }, after: { status: 'forwarded', noticeNo, deadline: input.deadline } });
      }
      notices.push({ noticeNo, unit: list[0]!.unit_name, suggestions: list.map((s) => s.id) });
    }
    return { notices };
  });
}

/** The unit head answers a forwarded (or returned) suggestion. */
export async function replySuggestion(db: Database, p: Principal, id: number, reply: string, ctx: AuditContext, today: string): Promise<SuggestionDto> {
  return db.transaction(async (tx) => {
    const s = await load(tx, id);
    const to = step(s, 'reply', '答复', p);
    await repo.update(tx, id, { status: to, reply, replied_at: new Date() });
    await recordAudit(tx, ctx, { action: 'suggestion.reply', entity: 'suggestion', entityId: id, unitId: s.unit_id, before: { status: s.status, reply: s.reply }, after: { status: to, reply } });
    return toDto((await repo.findSuggestion(tx, id))!, today);
  });
}

/** The office accepts a reply (the citizen then reads it) or returns it with a reason. */
export async function reviewReply(db: Database, id: number, input: { decision: 'accept' | 'return'; reason?: string }, ctx: AuditContext, today: string): Promise<SuggestionDto> {
  return db.transaction(async (tx) => {
    const s = await load(tx, id);
    const status = step(s, input.decision, input.decision === 'accept' ? '办结' : '退回');
    await repo.update(tx, id, { status, review_reason: input.reason ?? null });
    await recordAudit(tx, ctx, { action: `suggestion.${input.decision}`, entity: 'suggestion', entityId: id, unitId: s.unit_id, before: { status: s.status }, after: { status, reason: input.reason ?? null } });
    return toDto((await repo.findSuggestion(tx, id))!, today);
  });
}

/** A suggestion as stored, for the route to authorize (suggestionPolicies) before it acts; 404 when there is none. */
export async function loadSuggestion(db: Queryable, id: number): Promise<repo.SuggestionRow> {
  const s = await repo.findSuggestion(db, id);
  if (!s) throw notFound('意见建议 / Suggestion');
  return s;
}

export const suggestionDto = (s: repo.SuggestionRow, today: string): SuggestionDto => toDto(s, today);

/** The 《绩效改进通知书》 a suggestion was forwarded with, for whoever may read the suggestion. */
export async function getNoticeDocument(db: Database, s: repo.SuggestionRow): Promise<{ name: string; doc: OfficialDocument }> {
  if (!s.notice_no) throw new AppError('INCOMPLETE', `建议 #${s.id} 尚未转办，没有绩效改进通知书 / suggestion #${s.id} has not been forwarded, so it has no notice`);
  const doc = noticeDocument(await repo.findNoticeSuggestions(db, s.notice_no, s.unit_id));
  return { name: `绩效改进通知书-${s.notice_no}-${s.unit_name}`, doc };
}
