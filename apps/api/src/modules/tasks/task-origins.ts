import { MEETING_KIND_LABELS, MEETING_TASK_DAYS, taskCreateSchema, type TaskDto, type TaskFromOrigin, type TaskSource } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import { AppError, forbidden, notFound, refused } from '../../errors.js';
import type { Locale } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import { nextDay } from '../../lib/time-zone.js';
import { parseInput } from '../../lib/validate.js';
import type { AuditContext } from '../audit/audit.service.js';
import { findFinding } from '../ledger/inspections.repository.js';
import { findComment } from '../meetings/meetings.repository.js';
import { getScorecard } from '../scores/scores.service.js';
import { findSuggestion } from '../suggestions/suggestions.repository.js';
import { taskPolicies } from './tasks.policy.js';
import { findTasksByOrigin } from './tasks.repository.js';
import { createTask } from './tasks.service.js';

/**
 * One step from a record to a supervised task (立项): a meeting's comment or commitment, a ranking
 * row, a 时序进度 lag row, an inspection finding or a citizen's suggestion. The origin gives the
 * title, the lead unit, the source and the description; the task is linked to it (origin kind and id)
 * and registered by createTask (its own transaction and audit entry, which records the origin).
 */

const addDays = (date: string, days: number) => {
  let d = date;
  for (let i = 0; i < days; i++) d = nextDay(d);
  return d;
};

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', `${path}: ${message}`, [{ path: `body.${path}`, message }]);

interface Drafted {
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

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

async function draft(db: Database, p: Principal, o: TaskFromOrigin['origin']): Promise<Drafted> {
  switch (o.kind) {
    case 'meeting_comment': {
      const c = await findComment(db, o.id);
      if (!c) throw notFound('点评意见 / Comment');
      const kind = MEETING_KIND_LABELS[c.meeting_kind].zh;
      const said = c.kind === 'comment' ? `${c.speaker}点评意见` : `${c.unit_name}表态承诺（${c.speaker}）`;
      return {
        title: clip(`${c.unit_name}：${c.body.trim()}`, 200),
        description: `${c.meeting_title}（${kind}，${c.held_on}）${said}：${c.body.trim()}`,
        source: 'meeting',
        originRef: clip(`${c.meeting_title}（${c.held_on}）`, 200),
        leadUnitId: c.unit_id,
        ...(c.leader_user_id !== null ? { responsibleLeaderUserId: c.leader_user_id } : { responsibleLeader: c.speaker }),
        from: c.held_on,
      };
    }
    case 'ranking':
    case 'progress': {
      const card = await getScorecard(db, p, o.id, o.unitId!, 'zh');
      const u = card.unit;
      const head = `${card.run.asOf} 计分：${u.group}第 ${u.rank} 名（共 ${u.groupSize} 个），总分 ${Math.round(u.total * 100) / 100}，等次 ${u.grade}`;
      if (o.kind === 'ranking') {
        return { title: `${u.name}：提升考评排名（组内第 ${u.rank} 名）`, description: `${u.name} ${head}。`, source: 'key_work', originRef: `计分 ${card.run.id}`, leadUnitId: u.unitId };
      }
      const ind = card.indicators.find((i) => i.indicatorId === o.indicatorId);
      const g = ind?.explanation.progress;
      if (!ind || !g) throw invalid('origin.indicatorId', '该指标不是时序进度指标或不在本次计分中 / not a 时序进度 indicator of this run');
      const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
      return {
        title: clip(`${u.name}：${ind.name}落后于时序进度`, 200),
        description: `${ind.code} ${ind.name}：完成 ${pct(g.completion)}，时序进度 ${pct(g.expected)}，差距 ${Math.round(g.lag * 1000) / 10} 个百分点（${card.run.asOf}）。${head}。`,
        source: 'key_work',
        originRef: `计分 ${card.run.id} · ${ind.code}`,
        leadUnitId: u.unitId,
      };
    }
    case 'finding': {
      const f = await findFinding(db, o.id);
      if (!f) throw notFound('暗访发现的问题 / Finding');
      if (!f.unit_id) throw invalid('origin.id', '该发现未指明责任单位，请先在暗访督查中指定 / the finding names no unit');
      return {
        title: clip(f.title, 200),
        description: `${f.inspected_on} 暗访督查发现${f.place ? `（${f.place}）` : ''}：${f.description || f.title}`,
        source: 'inspection',
        originRef: `暗访 ${f.inspection_id} · 发现 ${f.id}`,
        leadUnitId: f.unit_id,
      };
    }
    case 'suggestion': {
      const s = await findSuggestion(db, o.id);
      if (!s) throw notFound('意见建议 / Suggestion');
      return {
        title: clip(`${s.unit_name}：${s.body.trim()}`, 200),
        description: `群众意见建议（编号 ${s.id}）：${s.body.trim()}`,
        source: 'suggestion',
        originSuggestionId: s.id,
        ...(s.notice_no ? { originRef: s.notice_no } : {}),
        leadUnitId: s.unit_id,
      };
    }
  }
}

/** Who may make a task of what: the supervision office anything; the performance office its meetings and rankings too. */
const mayCreate = (p: Principal, kind: TaskFromOrigin['origin']['kind']) =>
  taskPolicies.create(p) || (p.role === 'office' && (kind === 'meeting_comment' || kind === 'ranking' || kind === 'progress'));

export async function createTaskFromOrigin(db: Database, p: Principal, input: TaskFromOrigin, ctx: AuditContext, locale: Locale): Promise<TaskDto> {
  if (!mayCreate(p, input.origin.kind)) throw forbidden();
  const d = await draft(db, p, input.origin);
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
