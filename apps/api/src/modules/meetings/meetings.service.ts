import {
  MEETING_KIND_LABELS,
  type CommentKind,
  type MeetingCommentInput,
  type MeetingDetail,
  type MeetingInput,
  type MeetingLeaderOptions,
  type MeetingList,
  type MeetingSummary,
  type PresenterMaterial,
  type TaskDto,
} from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound, refused } from '../../errors.js';
import type { OfficialDocument } from '../../lib/documents/index.js';
import { localize, type Locale } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import { notifyUnitInboxes, receiptDto } from '../../lib/unit-receipts.repository.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { createTaskFromDraft } from '../tasks/task-from-draft.js';
import { findTasksByOrigin } from '../tasks/tasks.repository.js';
import { tasksByOrigin } from '../tasks/tasks.service.js';
import { draftFromComment } from './comment-draft.js';
import { buildMaterial } from './material.js';
import { meetingPolicies, type MeetingParty } from './meetings.policy.js';
import * as repo from './meetings.repository.js';
import { minutesDocument } from './minutes-document.js';

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', `${path}: ${message}`, [{ path: `body.${path}`, message }]);

const summary = (m: repo.MeetingRow, locale: Locale): MeetingSummary => ({
  id: m.id,
  kind: m.kind,
  kindLabel: localize(locale.lang, MEETING_KIND_LABELS[m.kind].zh, MEETING_KIND_LABELS[m.kind].en),
  title: m.title,
  heldOn: m.held_on,
  venue: m.venue,
  status: m.status,
  presenterCount: m.presenter_count,
  commentCount: m.comment_count,
  taskCount: m.task_count,
  minutesNo: m.minutes_no,
});

/** The meetings, limited to a unit's when `scope` is given (meetingPolicies.listScope). */
export async function listMeetings(db: Database, scope: number | undefined, locale: Locale): Promise<MeetingList> {
  return { items: (await repo.findMeetings(db, scope)).map((m) => summary(m, locale)) };
}

export async function leaderOptions(db: Database): Promise<MeetingLeaderOptions> {
  return { items: (await repo.findLeaderOptions(db)).map((u) => ({ userId: u.id, name: u.display_name, role: u.role })) };
}

async function loadMeeting(db: Queryable, id: number, forUpdate = false): Promise<repo.MeetingRow> {
  const m = await repo.findMeeting(db, id, forUpdate);
  if (!m) throw notFound('会议 / Meeting');
  return m;
}

/** A meeting with its leaders, presenters and frozen material, the comments with the tasks made of them, and the 红黑榜. */
export async function getMeeting(db: Database, p: Principal, id: number, locale: Locale): Promise<MeetingDetail> {
  const m = await loadMeeting(db, id);
  const presenters = await repo.findPresenters(db, id);
  const [leaders, comments] = await Promise.all([repo.findLeaders(db, id), repo.findComments(db, id)]);
  const cityWide = meetingPolicies.readAll(p);
  const receipts = m.minutes_no ? await repo.minutesReceipts.find(db, id, cityWide ? undefined : p.unitId!) : [];
  const ownReceipt = cityWide ? undefined : receipts.find((r) => r.unit_id === p.unitId);
  const tasks = await tasksByOrigin(db, 'meeting_comment', comments.map((c) => c.id), locale);
  const taskOf = new Map(tasks.map((t) => [t.origin!.id, t]));
  const moves = presenters.flatMap((x) =>
    x.material?.score?.rankChange !== null && x.material?.score?.rankChange !== undefined
      ? [{ unit: x.unit_name, rankChange: x.material.score.rankChange, totalChange: x.material.score.totalChange }]
      : [],
  );
  return {
    ...summary(m, locale),
    videoNote: m.video_note,
    materialAsOf: m.material_as_of,
    preparedAt: m.prepared_at ? new Date(m.prepared_at).toISOString() : null,
    minutesIssuedAt: m.minutes_issued_at ? new Date(m.minutes_issued_at).toISOString() : null,
    leaders: leaders.map((l) => ({ userId: l.user_id, name: l.display_name })),
    presenters: presenters.map((x) => ({
      id: x.id,
      unit: { id: x.unit_id, code: x.unit_code, name: x.unit_name },
      position: x.position,
      minutes: x.minutes,
      mainPoints: x.main_points,
      material: x.material,
    })),
    comments: comments.map((c) => {
      const t = taskOf.get(c.id);
      return {
        id: c.id,
        presenterId: c.presenter_id,
        kind: c.kind,
        leaderUserId: c.leader_user_id,
        speaker: c.speaker,
        body: c.body,
        task: t ? { id: t.id, status: t.statusLabel, light: t.light.light, deadline: t.deadline } : null,
        createdAt: new Date(c.created_at).toISOString(),
      };
    }),
    board: {
      improved: moves.filter((x) => x.rankChange > 0 || (x.rankChange === 0 && (x.totalChange ?? 0) > 0)).sort((a, b) => b.rankChange - a.rankChange || (b.totalChange ?? 0) - (a.totalChange ?? 0)),
      declined: moves.filter((x) => x.rankChange < 0 || (x.rankChange === 0 && (x.totalChange ?? 0) < 0)).sort((a, b) => a.rankChange - b.rankChange || (a.totalChange ?? 0) - (b.totalChange ?? 0)),
    },
    canManage: meetingPolicies.manage(p),
    receipts: receipts.map(receiptDto),
    ...(ownReceipt ? { ownSignedAt: ownReceipt.signed_at ? new Date(ownReceipt.signed_at).toISOString() : null } : {}),
    can: {
      sign: ownReceipt !== undefined && ownReceipt.signed_at === null && meetingPolicies.sign(p, { minutes_no: m.minutes_no, presenterUnitIds: presenters.map((x) => x.unit_id) }),
      remind: meetingPolicies.manage(p) && receipts.some((r) => !r.signed_at),
    },
  };
}

/** A meeting with its presenting units, for the route to authorize (meetingPolicies) before it acts; 404 when there is none. */
export async function loadMeetingParty(db: Queryable, id: number): Promise<repo.MeetingRow & MeetingParty> {
  const m = await loadMeeting(db, id);
  return { ...m, presenterUnitIds: (await repo.findPresenters(db, id)).map((x) => x.unit_id) };
}

async function checkReferences(db: Queryable, input: MeetingInput): Promise<void> {
  const unitIds = input.presenters.map((x) => x.unitId);
  if ((await repo.countActiveUnits(db, unitIds)) !== unitIds.length) throw invalid('presenters', '汇报单位不存在或已停用 / a presenting unit does not exist or is inactive');
  if ((await repo.countActiveLeaders(db, input.leaderUserIds)) !== input.leaderUserIds.length) {
    throw invalid('leaderUserIds', '出席领导须为市领导、市绩效办或督查室的有效账号 / attending leaders are active accounts of leaders or the offices');
  }
}

const values = (input: MeetingInput): repo.MeetingValues => ({
  kind: input.kind,
  title: input.title,
  heldOn: input.heldOn,
  venue: input.venue,
  videoNote: input.videoNote,
  materialAsOf: input.materialAsOf ?? input.heldOn,
});

export async function createMeeting(db: Database, p: Principal, input: MeetingInput, ctx: AuditContext, locale: Locale): Promise<MeetingDetail> {
  const id = await db.transaction(async (tx) => {
    await checkReferences(tx, input);
    const id = await repo.insertMeeting(tx, values(input), p.userId);
    await repo.replaceLeaders(tx, id, input.leaderUserIds);
    await repo.savePresenters(tx, id, input.presenters);
    await recordAudit(tx, ctx, { action: 'meeting.create', entity: 'meeting', entityId: id, after: input });
    return id;
  });
  return getMeeting(db, p, id, locale);
}

export async function updateMeeting(db: Database, p: Principal, id: number, input: MeetingInput, ctx: AuditContext, locale: Locale): Promise<MeetingDetail> {
  await db.transaction(async (tx) => {
    const before = await loadMeeting(tx, id, true);
    if (before.minutes_no) throw refused('FROZEN', `会议纪要已印发（${before.minutes_no}），会议不能再修改 / the minutes are issued; the meeting can no longer change`);
    await checkReferences(tx, input);
    const presenters = await repo.findPresenters(tx, id);
    const kept = new Set(input.presenters.map((x) => x.unitId));
    const dropped = presenters.filter((x) => !kept.has(x.unit_id));
    if (dropped.length && (await repo.countComments(tx, id, dropped.map((x) => x.id))) > 0) {
      throw refused('IN_USE', `${dropped.map((x) => x.unit_name).join('、')}已有点评记录，不能移出汇报单位 / a presenter with recorded comments cannot be removed`);
    }
    await repo.updateMeeting(tx, id, values(input));
    await repo.replaceLeaders(tx, id, input.leaderUserIds);
    await repo.savePresenters(tx, id, input.presenters);
    await recordAudit(tx, ctx, {
      action: 'meeting.update',
      entity: 'meeting',
      entityId: id,
      before: { ...before, presenters: presenters.map((x) => ({ unitId: x.unit_id, minutes: x.minutes, mainPoints: x.main_points })) },
      after: input,
    });
  });
  return getMeeting(db, p, id, locale);
}

/**
 * Assembles every presenter's material as of the meeting's material date and freezes it (JSON in the
 * meeting): what is shown in the hall and quoted later no longer moves with the live figures. Preparing
 * again re-assembles it, until the minutes are issued.
 */
export async function prepareMeeting(db: Database, p: Principal, id: number, ctx: AuditContext, locale: Locale): Promise<MeetingDetail> {
  const m = await loadMeeting(db, id);
  if (m.minutes_no) throw refused('FROZEN', `会议纪要已印发（${m.minutes_no}），材料已冻结 / the minutes are issued; the material is frozen`);
  const presenters = await repo.findPresenters(db, id);
  const built: { presenter: repo.PresenterRow; material: PresenterMaterial }[] = [];
  for (const x of presenters) built.push({ presenter: x, material: await buildMaterial(db, p, m, x, locale) });
  await db.transaction(async (tx) => {
    await loadMeeting(tx, id, true);
    for (const b of built) await repo.setMaterial(tx, b.presenter.id, b.material);
    await repo.setStatus(tx, id, 'prepared', true);
    await recordAudit(tx, ctx, {
      action: 'meeting.prepare',
      entity: 'meeting',
      entityId: id,
      before: { status: m.status, preparedAt: m.prepared_at },
      after: { asOf: m.material_as_of, presenters: built.map((b) => ({ unit: b.presenter.unit_name, rank: b.material.score?.rank ?? null, red: b.material.tasks.counts.red })) },
    });
  });
  return getMeeting(db, p, id, locale);
}

export async function setMainPoints(db: Database, p: Principal, id: number, presenterId: number, mainPoints: string, ctx: AuditContext, locale: Locale): Promise<MeetingDetail> {
  await db.transaction(async (tx) => {
    const m = await loadMeeting(tx, id, true);
    if (m.minutes_no) throw refused('FROZEN', '会议纪要已印发 / the minutes are issued');
    const x = (await repo.findPresenters(tx, id)).find((r) => r.id === presenterId);
    if (!x) throw notFound('汇报单位 / Presenter');
    await repo.setMainPoints(tx, presenterId, mainPoints);
    await recordAudit(tx, ctx, { action: 'meeting.points', entity: 'meeting', entityId: id, unitId: x.unit_id, before: { mainPoints: x.main_points }, after: { mainPoints } });
  });
  return getMeeting(db, p, id, locale);
}

export async function addComment(db: Database, p: Principal, id: number, input: MeetingCommentInput, ctx: AuditContext, locale: Locale): Promise<MeetingDetail> {
  await db.transaction(async (tx) => {
    const m = await loadMeeting(tx, id, true);
    if (m.minutes_no) throw refused('FROZEN', '会议纪要已印发，不能再记录点评 / the minutes are issued');
    const x = (await repo.findPresenters(tx, id)).find((r) => r.id === input.presenterId);
    if (!x) throw invalid('presenterId', '该单位不是本次会议的汇报单位 / not a presenter of this meeting');
    let speaker = input.speaker;
    if (input.leaderUserId !== undefined) {
      const leader = (await repo.findLeaderOptions(tx)).find((u) => u.id === input.leaderUserId);
      if (!leader) throw invalid('leaderUserId', '点评领导须为市领导或市绩效办、督查室的有效账号 / not an active leader account');
      speaker ??= leader.display_name;
    }
    if (!speaker) throw invalid('speaker', '请填写表态人 / name who made the commitment');
    const kind: CommentKind = input.kind;
    const commentId = await repo.insertComment(tx, { meetingId: id, presenterId: x.id, kind, leaderUserId: input.leaderUserId ?? null, speaker, body: input.body, createdBy: p.userId });
    await recordAudit(tx, ctx, { action: `meeting.${kind}`, entity: 'meeting_comment', entityId: commentId, unitId: x.unit_id, after: { meetingId: id, ...input, speaker } });
  });
  return getMeeting(db, p, id, locale);
}

export async function deleteComment(db: Database, p: Principal, id: number, commentId: number, ctx: AuditContext, locale: Locale): Promise<MeetingDetail> {
  await db.transaction(async (tx) => {
    const m = await loadMeeting(tx, id, true);
    if (m.minutes_no) throw refused('FROZEN', '会议纪要已印发 / the minutes are issued');
    const c = await repo.findComment(tx, commentId);
    if (!c || c.meeting_id !== id) throw notFound('点评意见 / Comment');
    if ((await findTasksByOrigin(tx, 'meeting_comment', [commentId])).length) throw refused('IN_USE', '已转为督办事项，不能删除 / already a supervised task');
    await repo.deleteComment(tx, commentId);
    await recordAudit(tx, ctx, { action: 'meeting.comment_delete', entity: 'meeting_comment', entityId: commentId, unitId: c.unit_id, before: { body: c.body, speaker: c.speaker, kind: c.kind } });
  });
  return getMeeting(db, p, id, locale);
}

/** 转为督办事项: the comment becomes a task in one step (source the meeting, the commenting leader responsible, the presenter leading). */
export async function commentToTask(db: Database, p: Principal, id: number, commentId: number, input: { title?: string; deadline?: string }, ctx: AuditContext, locale: Locale): Promise<TaskDto> {
  const c = await repo.findComment(db, commentId);
  if (!c || c.meeting_id !== id) throw notFound('点评意见 / Comment');
  return createTaskFromDraft(db, p, { origin: { kind: 'meeting_comment', id: commentId }, ...input }, () => draftFromComment(db, commentId), ctx, locale);
}

async function minutesInput(db: Database, m: repo.MeetingRow, locale: Locale) {
  const [leaders, presenters, comments] = await Promise.all([repo.findLeaders(db, m.id), repo.findPresenters(db, m.id), repo.findComments(db, m.id)]);
  const tasks = await tasksByOrigin(db, 'meeting_comment', comments.map((c) => c.id), locale);
  return {
    kind: m.kind,
    title: m.title,
    heldOn: m.held_on,
    venue: m.venue,
    videoNote: m.video_note,
    minutesNo: m.minutes_no,
    issuedOn: m.minutes_issued_at ? locale.zone.date(m.minutes_issued_at) : locale.zone.date(),
    leaders: leaders.map((l) => l.display_name),
    presenters: presenters.map((x) => ({ unit: x.unit_name, mainPoints: x.main_points, comments: comments.filter((c) => c.presenter_id === x.id) })),
    tasks: tasks.map((t) => ({ id: t.id, title: t.title, unit: t.leadUnit.name, leader: t.responsibleLeader, deadline: t.deadline })),
  };
}

/** The minutes as a document: a draft (watermarked, unnumbered) until issued. */
export async function getMinutesDocument(db: Database, id: number, locale: Locale): Promise<{ name: string; doc: OfficialDocument }> {
  const m = await loadMeeting(db, id);
  return { name: `会议纪要-${m.title}-${m.held_on}`, doc: minutesDocument(await minutesInput(db, m, { ...locale, lang: 'zh' })) };
}

/** Issues the minutes: numbered (衡点评纪〔year〕n号), the meeting held, its comments closed to edits. */
export async function issueMinutes(db: Database, p: Principal, id: number, ctx: AuditContext, locale: Locale): Promise<MeetingDetail> {
  await db.transaction(async (tx) => {
    const m = await loadMeeting(tx, id, true);
    if (m.minutes_no) throw refused('ALREADY_DONE', `会议纪要已印发（${m.minutes_no}）/ the minutes are already issued`);
    const no = await repo.issueMinutes(tx, id, Number(locale.zone.date().slice(0, 4)));
    // Delivered like a bulletin: a receipt per presenting unit and a message in its people's inbox.
    const units = [...new Set((await repo.findPresenters(tx, id)).map((x) => x.unit_id))];
    await repo.minutesReceipts.insert(tx, id, units, new Date());
    await notifyUnitInboxes(tx, units, 'minutes_issued', {
      title: `【会议纪要】${no} ${m.title}`,
      body: `《${m.title}》会议纪要（${no}）已印发，请登录考评平台阅读并签收。`,
    });
    await recordAudit(tx, ctx, { action: 'meeting.minutes', entity: 'meeting', entityId: id, before: { status: m.status }, after: { status: 'held', minutesNo: no, deliveredTo: units } });
  });
  return getMeeting(db, p, id, locale);
}

/** A presenting unit signs (签收) for the issued minutes, for its own unit only. */
export async function signMinutes(db: Database, p: Principal, id: number, ctx: AuditContext, locale: Locale): Promise<MeetingDetail> {
  await db.transaction(async (tx) => {
    const m = await loadMeeting(tx, id, true);
    const at = new Date();
    if (!(await repo.minutesReceipts.sign(tx, id, p.unitId!, p.userId, at))) throw refused('ALREADY_DONE', '本单位已签收 / Your unit has already signed for it');
    await recordAudit(tx, ctx, { action: 'meeting.minutes_sign', entity: 'meeting', entityId: id, unitId: p.unitId, after: { minutesNo: m.minutes_no, signedAt: at.toISOString() } });
  });
  return getMeeting(db, p, id, locale);
}

/** Reminds the presenting units that have not signed for the minutes (all, or those named) in their people's inbox. */
export async function remindMinutes(db: Database, id: number, unitIds: number[] | undefined, ctx: AuditContext): Promise<{ reminded: number }> {
  return db.transaction(async (tx) => {
    const m = await loadMeeting(tx, id, true);
    if (!m.minutes_no) throw refused('TRANSITION_NOT_ALLOWED', '会议纪要尚未印发 / The minutes have not been issued');
    const unsigned = (await repo.minutesReceipts.find(tx, id)).filter((r) => !r.signed_at).map((r) => r.unit_id);
    const targets = unitIds ? unsigned.filter((u) => unitIds.includes(u)) : unsigned;
    if (!targets.length) return { reminded: 0 };
    const now = new Date();
    await notifyUnitInboxes(tx, targets, 'minutes_unsigned', {
      title: `【签收提醒】${m.minutes_no} ${m.title}`,
      body: `《${m.title}》会议纪要（${m.minutes_no}）你单位尚未签收，请登录考评平台阅读并签收。`,
    });
    await repo.minutesReceipts.markReminded(tx, id, targets, now);
    await recordAudit(tx, ctx, { action: 'meeting.minutes_remind', entity: 'meeting', entityId: id, after: { units: targets } });
    return { reminded: targets.length };
  });
}
