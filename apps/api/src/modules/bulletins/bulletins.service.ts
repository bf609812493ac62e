import { randomUUID } from 'node:crypto';
import {
  BULLETIN_SECTIONS,
  bulletinSnapshotSchema,
  type Bulletin,
  type BulletinChange,
  type BulletinCreate,
  type BulletinListQuery,
  type BulletinPending,
  type BulletinSection,
  type BulletinSeries,
  type BulletinSeriesUpdate,
  type BulletinSnapshot,
  type BulletinSummary,
  type BulletinUpdate,
} from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound, refused } from '../../errors.js';
import { chineseDate, type OfficialDocument } from '../../lib/documents/index.js';
import type { Locale } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import { notifyUnitInboxes, receiptDto } from '../../lib/unit-receipts.repository.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { getMediaFile, loadMedia } from '../ledger/inspections.service.js';
import { ledgerPolicies } from '../ledger/ledger.policy.js';
import { loadSettings as loadReminderSettings } from '../reminders/reminders.service.js';
import { bulletinDocument } from './bulletin-document.js';
import { bulletinPolicies, type SeriesParty } from './bulletins.policy.js';
import * as repo from './bulletins.repository.js';
import { buildSnapshot, periodStart, snapshotChanges, tenDayOf } from './figures.js';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);

// ---------- series ----------

async function seriesDto(db: Queryable, s: repo.SeriesRow): Promise<BulletinSeries> {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    kind: s.kind,
    numberPrefix: s.number_prefix,
    issuer: s.issuer,
    officeRole: s.office_role,
    recipients: await repo.findUnitsByIds(db, s.recipients),
    addresseeText: s.addressee_text,
    copyTo: s.copy_to,
    signer: s.signer_id ? { id: s.signer_id, name: s.signer_name ?? '' } : null,
    sections: s.sections.filter((x): x is BulletinSection => (BULLETIN_SECTIONS as readonly string[]).includes(x)),
  };
}

export async function listSeries(db: Database): Promise<{ items: BulletinSeries[] }> {
  return { items: await Promise.all((await repo.findAllSeries(db)).map((s) => seriesDto(db, s))) };
}

/** A series as stored, for the route to authorize (bulletinPolicies) before it acts; 404 when there is none. */
export async function loadSeries(db: Queryable, id: number): Promise<repo.SeriesRow> {
  const s = await repo.findSeries(db, id);
  if (!s) throw notFound('通报系列 / Bulletin series');
  return s;
}

async function checkUnits(db: Queryable, ids: number[] | undefined, path: string): Promise<void> {
  if (!ids?.length) return;
  const found = new Set((await repo.findUnitsByIds(db, ids)).map((u) => u.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw invalid(path, `单位不存在：${missing.join('、')} / no such unit: ${missing.join(', ')}`);
}

export async function updateSeries(db: Database, id: number, input: BulletinSeriesUpdate, ctx: AuditContext): Promise<BulletinSeries> {
  return db.transaction(async (tx) => {
    const before = await loadSeries(tx, id);
    await checkUnits(tx, input.recipientIds, 'body.recipientIds');
    if (input.signerId) {
      const u = await repo.findUserName(tx, input.signerId);
      if (!u?.active || !['admin', 'office', 'supervisor', 'leader'].includes(u.role)) throw invalid('body.signerId', '签发人须为在用的市级账号 / the signer must be an active city-level account');
    }
    const after: repo.SeriesRow = {
      ...before,
      name: input.name ?? before.name,
      number_prefix: input.numberPrefix ?? before.number_prefix,
      issuer: input.issuer ?? before.issuer,
      recipients: input.recipientIds ?? before.recipients,
      addressee_text: input.addresseeText ?? before.addressee_text,
      copy_to: input.copyTo ?? before.copy_to,
      signer_id: input.signerId === undefined ? before.signer_id : input.signerId,
      sections: input.sections ?? before.sections,
    };
    await repo.updateSeries(tx, after);
    await recordAudit(tx, ctx, { action: 'bulletin_series.update', entity: 'bulletin_series', entityId: id, before, after });
    return seriesDto(tx, (await repo.findSeries(tx, id))!);
  });
}

// ---------- bulletins ----------

const summary = (b: repo.BulletinRow): BulletinSummary => ({
  id: b.id,
  series: { id: b.series_id, name: b.series_name, kind: b.series_kind },
  docNumber: b.doc_number,
  title: b.title,
  periodLabel: b.period_label,
  asOf: b.as_of,
  status: b.status,
  issuedAt: iso(b.issued_at),
  signed: b.signed,
  recipients: b.receipts || b.recipients.length,
  ...(b.own_signed_at !== undefined ? { ownSignedAt: iso(b.own_signed_at) } : {}),
});

/** The archive, limited to what is addressed to the unit `scope` when given (bulletinPolicies.listScope). */
export async function listBulletins(db: Database, scope: number | undefined, q: BulletinListQuery): Promise<{ items: BulletinSummary[]; total: number }> {
  const filter: repo.BulletinFilter = { ...q };
  if (scope !== undefined) filter.addressedTo = scope;
  const { rows, total } = await repo.findBulletins(db, filter);
  return { items: rows.map(summary), total };
}

/** A bulletin as stored, for the route to authorize (bulletinPolicies) before it acts; 404 when there is none. */
export async function loadBulletin(db: Queryable, id: number, forUpdate = false): Promise<repo.BulletinRow> {
  const b = await repo.findBulletin(db, id, true, forUpdate);
  if (!b) throw notFound('通报 / Bulletin');
  return b;
}

/** A bulletin with the office of its series, for the route to authorize reading it or managing it. */
export async function loadBulletinParty(db: Queryable, id: number): Promise<repo.BulletinRow & SeriesParty> {
  const b = await loadBulletin(db, id);
  return { ...b, office_role: (await loadSeries(db, b.series_id)).office_role };
}

const snapshotOf = (b: repo.BulletinRow): BulletinSnapshot | null => (b.snapshot ? bulletinSnapshotSchema.parse(b.snapshot) : null);
const sectionsOf = (b: repo.BulletinRow) => b.sections.filter((s): s is { key: BulletinSection; enabled: boolean } => (BULLETIN_SECTIONS as readonly string[]).includes(s.key));

async function addressees(db: Queryable, b: { addressee_text: string; recipients: number[] }): Promise<string[]> {
  if (b.addressee_text.trim()) return [b.addressee_text.trim()];
  return (await repo.findUnitsByIds(db, b.recipients)).map((u) => u.name);
}

export async function getBulletin(db: Database, p: Principal, id: number): Promise<Bulletin> {
  const b = await loadBulletin(db, id);
  const series = await loadSeries(db, b.series_id);
  const cityWide = bulletinPolicies.readAll(p);
  const receipts = await repo.findReceipts(db, id, cityWide ? undefined : (p.unitId ?? -1));
  const manage = bulletinPolicies.manage(p, series);
  const ownReceipt = !cityWide ? receipts.find((r) => r.unit_id === p.unitId) : undefined;
  return {
    ...summary(b),
    sections: sectionsOf(b),
    overview: b.overview,
    requirements: b.requirements,
    snapshot: snapshotOf(b),
    builtAt: iso(b.built_at),
    changes: (b.changes as BulletinChange[]) ?? [],
    addressees: await addressees(db, b),
    copyTo: b.copy_to,
    signer: b.signer_id ? { id: b.signer_id, name: b.signer_name ?? '' } : null,
    approvedBy: b.approved_by_name,
    approvedAt: iso(b.approved_at),
    issueDate: b.issue_date,
    receipts: receipts.map(receiptDto),
    ...(ownReceipt ? { ownSignedAt: iso(ownReceipt.signed_at) } : {}),
    can: {
      edit: manage && b.status !== 'issued',
      approve: b.status === 'draft' && b.snapshot !== null && bulletinPolicies.approve(p, b),
      issue: manage && b.status === 'approved',
      sign: b.status === 'issued' && bulletinPolicies.sign(p, b) && ownReceipt !== undefined && ownReceipt.signed_at === null,
      remind: manage && b.status === 'issued' && receipts.some((r) => !r.signed_at),
    },
  };
}

/** The text a draft's 总体情况 starts from, written from its figures; the office rewrites it as it sees fit. */
function draftOverview(label: string, s: BulletinSnapshot): string {
  const lines = [`一、总体情况`];
  const lagging = s.progress.reduce((n, u) => n + u.red.length + u.yellow.length, 0);
  lines.push(
    `${label || s.asOf}，全市各县市区、园区和市直单位按照“一周一调度、一旬一通报”要求，扎实推进各项重点工作。截至${chineseDate(s.asOf)}，` +
      (s.progress.length ? `共有${s.progress.length}个单位的${lagging}项指标落后于时序进度；` : '各单位时序进度类指标均达到时序进度；') +
      `在办督办事项红灯${s.tasks.totals.red}项、黄灯${s.tasks.totals.yellow}项；问题台账尚未销号${s.ledger.open}个。`,
  );
  const tops = s.rankings.filter((g) => g.units.length).map((g) => `${g.name}中${g.units.slice(0, 3).map((u) => u.name).join('、')}`);
  if (tops.length) lines.push(`从考核排名看，${tops.join('；')}综合得分位居前列。`);
  return lines.join('\n');
}

const DEFAULT_REQUIREMENTS = `一、下步工作要求
（一）对照通报问题抓整改。各单位要对本通报指出的落后指标、超期事项和暗访问题逐项制定整改措施，明确责任领导和完成时限。
（二）对照时序进度抓推进。落后于时序进度的单位要分析原因、倒排工期，确保下一期通报前赶上进度。
（三）按时签收反馈。各单位收到通报后请在考评平台及时签收，整改情况于下一期通报前报市绩效办。`;

function titleFor(series: repo.SeriesRow, label: string): string {
  if (series.kind === 'ten_day') return `关于${label}绩效考核工作情况的通报`;
  if (series.kind === 'supervision') return `关于${label}督查情况的通报`;
  return `关于${label}有关情况的通报`;
}

/** Builds the figures of a bulletin as of its date; returns them with what moved since its last build. */
async function freshFigures(
  db: Database,
  p: Principal,
  locale: Locale,
  b: { id: number | null; series_id: number; as_of: string; series_kind: string },
  old: BulletinSnapshot | null,
  now = new Date(),
) {
  const previous = await repo.findPrevious(db, b.series_id, b.as_of, b.id);
  const prevSnap = previous ? bulletinSnapshotSchema.parse(previous.snapshot) : null;
  const snapshot = await buildSnapshot(db, p, locale, { seriesId: b.series_id, bulletinId: b.id, asOf: b.as_of, from: periodStart(b.as_of, previous?.as_of ?? null, b.series_kind === 'ten_day'), freshRun: old !== null }, prevSnap, now);
  return { snapshot, changes: snapshotChanges(old, snapshot) };
}

export async function createBulletin(
  db: Database,
  p: Principal,
  input: BulletinCreate & { autoKey?: string },
  ctx: AuditContext,
  locale: Locale,
  now = new Date(),
): Promise<Bulletin | null> {
  const series = await loadSeries(db, input.seriesId);
  if (input.asOf > locale.zone.date(now)) throw invalid('body.asOf', '截止日期不能晚于今天 / the as-of date cannot be in the future');
  const label = input.periodLabel ?? (series.kind === 'ten_day' ? tenDayOf(input.asOf).label : `${Number(input.asOf.slice(0, 4))}年${Number(input.asOf.slice(5, 7))}月`);
  const { snapshot } = await freshFigures(db, p, locale, { id: null, series_id: series.id, as_of: input.asOf, series_kind: series.kind }, null, now);
  const chosen = input.sections ?? series.sections;
  const id = await db.transaction(async (tx) => {
    const newId = await repo.insertBulletin(tx, {
      seriesId: series.id,
      year: Number(input.asOf.slice(0, 4)),
      title: input.title ?? titleFor(series, label),
      periodLabel: label,
      asOf: input.asOf,
      sections: BULLETIN_SECTIONS.filter((k) => series.sections.includes(k) || chosen.includes(k)).map((key) => ({ key, enabled: (chosen as string[]).includes(key) })),
      overview: draftOverview(label, snapshot),
      requirements: DEFAULT_REQUIREMENTS,
      recipients: series.recipients,
      addresseeText: series.addressee_text,
      copyTo: series.copy_to,
      signerId: series.signer_id,
      createdBy: p.userId,
      autoKey: input.autoKey ?? null,
    });
    if (newId === null) return null;
    await repo.saveSnapshot(tx, newId, snapshot, [], snapshot.mentions);
    await recordAudit(tx, ctx, { action: 'bulletin.create', entity: 'bulletin', entityId: newId, after: { seriesId: series.id, asOf: input.asOf, title: input.title ?? titleFor(series, label), builtAt: snapshot.builtAt } });
    return newId;
  });
  return id === null ? null : getBulletin(db, p, id);
}

/** The bulletin locked for a change, with its series (the route has authorized bulletinPolicies.manage). */
async function loadForManage(tx: Queryable, id: number): Promise<{ b: repo.BulletinRow; series: repo.SeriesRow }> {
  const b = await loadBulletin(tx, id, true);
  return { b, series: await loadSeries(tx, b.series_id) };
}

const issuedLocked = () => refused('FROZEN', '通报已印发，不能再修改 / The bulletin has been issued and is locked');

/** Rebuilds the figures from live data as of the bulletin's date; the changes are kept for the page to show. */
export async function rebuildBulletin(db: Database, p: Principal, id: number, ctx: AuditContext, locale: Locale): Promise<Bulletin> {
  const first = await loadBulletin(db, id);
  if (first.status === 'issued') throw issuedLocked();
  const { snapshot, changes } = await freshFigures(db, p, locale, first, snapshotOf(first));
  await db.transaction(async (tx) => {
    const { b } = await loadForManage(tx, id);
    if (b.status === 'issued') throw issuedLocked();
    await repo.saveSnapshot(tx, id, snapshot, changes, snapshot.mentions);
    // New figures need a new approval.
    if (b.status === 'approved') await repo.updateBulletin(tx, id, { title: b.title, overview: b.overview, requirements: b.requirements, sections: b.sections, recipients: b.recipients, copyTo: b.copy_to, status: 'draft' });
    await recordAudit(tx, ctx, { action: 'bulletin.rebuild', entity: 'bulletin', entityId: id, before: { builtAt: iso(b.built_at), status: b.status }, after: { builtAt: snapshot.builtAt, changes } });
  });
  return getBulletin(db, p, id);
}

export async function updateBulletin(db: Database, p: Principal, id: number, input: BulletinUpdate, ctx: AuditContext): Promise<Bulletin> {
  await db.transaction(async (tx) => {
    const { b } = await loadForManage(tx, id);
    if (b.status === 'issued') throw issuedLocked();
    await checkUnits(tx, input.recipientIds, 'body.recipientIds');
    if (input.sections) {
      const keys = input.sections.map((s) => s.key);
      if (new Set(keys).size !== keys.length) throw invalid('body.sections', '每个栏目只能出现一次 / each section may appear once');
    }
    const before = { title: b.title, overview: b.overview, requirements: b.requirements, sections: b.sections, recipients: b.recipients, copyTo: b.copy_to, status: b.status };
    const after = {
      title: input.title ?? b.title,
      overview: input.overview ?? b.overview,
      requirements: input.requirements ?? b.requirements,
      sections: input.sections ?? b.sections,
      recipients: input.recipientIds ?? b.recipients,
      copyTo: input.copyTo ?? b.copy_to,
      // An approved bulletin that is changed goes back to its signer.
      status: 'draft' as const,
    };
    await repo.updateBulletin(tx, id, after);
    await recordAudit(tx, ctx, { action: 'bulletin.update', entity: 'bulletin', entityId: id, before, after });
  });
  return getBulletin(db, p, id);
}

export async function approveBulletin(db: Database, p: Principal, id: number, ctx: AuditContext): Promise<Bulletin> {
  await db.transaction(async (tx) => {
    const b = await loadBulletin(tx, id, true);
    if (b.status !== 'draft') throw refused('TRANSITION_NOT_ALLOWED', b.status === 'approved' ? '通报已审批 / Already approved' : '通报已印发 / Already issued');
    if (!b.snapshot) throw refused('INCOMPLETE', '通报尚未生成数据 / Build the bulletin’s figures first');
    const at = new Date();
    await repo.markApproved(tx, id, p.userId, at);
    await recordAudit(tx, ctx, { action: 'bulletin.approve', entity: 'bulletin', entityId: id, before: { status: b.status }, after: { status: 'approved', approvedAt: at.toISOString() } });
  });
  return getBulletin(db, p, id);
}

/** Queues a bulletin's messages to the units' people on the reminder channels (email, SMS) the settings switch on. */
async function queueMessages(tx: Queryable, bulletinId: number, unitIds: number[], kind: repo.BulletinJob['kind'], msg: { title: string; body: string }, today: string, now: Date): Promise<void> {
  const settings = await loadReminderSettings(tx);
  const people = await repo.findUnitPeople(tx, unitIds);
  const jobs: repo.BulletinJob[] = [];
  for (const u of people) {
    if (settings.channels.email && u.email) jobs.push({ bulletinId, kind, dueDate: today, userId: u.id, channel: 'email', key: randomUUID(), ...msg, dueAt: now });
    if (settings.channels.sms && u.phone && u.role === 'head') jobs.push({ bulletinId, kind, dueDate: today, userId: u.id, channel: 'sms', key: randomUUID(), ...msg, dueAt: now });
  }
  await repo.insertBulletinJobs(tx, jobs);
  // The in-app inbox gets its message at once, in this transaction.
  await notifyUnitInboxes(tx, unitIds, kind, msg, bulletinId);
}

export async function issueBulletin(db: Database, p: Principal, id: number, ctx: AuditContext, locale: Locale): Promise<Bulletin> {
  await db.transaction(async (tx) => {
    const { b, series } = await loadForManage(tx, id);
    if (b.status !== 'approved') throw refused('TRANSITION_NOT_ALLOWED', b.status === 'issued' ? '通报已印发 / Already issued' : '通报须经签发人审批后才能印发 / The signer must approve the bulletin before it is issued');
    if (!b.recipients.length) throw refused('INCOMPLETE', '通报没有主送单位 / The bulletin has no addressed units');
    const seq = await repo.nextSeq(tx, b.series_id, b.year);
    const docNumber = `${series.number_prefix}〔${b.year}〕${seq}号`;
    const now = new Date();
    const today = locale.zone.date(now);
    await repo.markIssued(tx, id, seq, docNumber, p.userId, now, today);
    await repo.insertReceipts(tx, id, b.recipients, now);
    const msg = { title: `【通报】${docNumber} ${b.title}`, body: `${series.issuer}印发《${b.title}》（${docNumber}），请登录考评平台阅读并签收。` };
    await queueMessages(tx, id, b.recipients, 'bulletin_issued', msg, today, now);
    await recordAudit(tx, ctx, { action: 'bulletin.issue', entity: 'bulletin', entityId: id, before: { status: b.status }, after: { status: 'issued', docNumber, recipients: b.recipients.length } });
  });
  return getBulletin(db, p, id);
}

export async function signBulletin(db: Database, p: Principal, id: number, ctx: AuditContext): Promise<Bulletin> {
  await db.transaction(async (tx) => {
    await loadBulletin(tx, id, true);
    const at = new Date();
    if (!(await repo.signReceipt(tx, id, p.unitId!, p.userId, at))) throw refused('ALREADY_DONE', '本单位已签收 / Your unit has already signed for it');
    await recordAudit(tx, ctx, { action: 'bulletin.sign', entity: 'bulletin', entityId: id, unitId: p.unitId, after: { signedAt: at.toISOString() } });
  });
  return getBulletin(db, p, id);
}

export async function remindUnsigned(db: Database, p: Principal, id: number, unitIds: number[] | undefined, ctx: AuditContext, locale: Locale): Promise<{ reminded: number }> {
  return db.transaction(async (tx) => {
    const { b, series } = await loadForManage(tx, id);
    if (b.status !== 'issued') throw refused('TRANSITION_NOT_ALLOWED', '通报尚未印发 / The bulletin has not been issued');
    const unsigned = (await repo.findReceipts(tx, id)).filter((r) => !r.signed_at).map((r) => r.unit_id);
    const targets = unitIds ? unsigned.filter((u) => unitIds.includes(u)) : unsigned;
    if (!targets.length) return { reminded: 0 };
    const now = new Date();
    const msg = { title: `【签收提醒】${b.doc_number} ${b.title}`, body: `${series.issuer}印发的《${b.title}》（${b.doc_number}）你单位尚未签收，请登录考评平台阅读并签收。` };
    await queueMessages(tx, id, targets, 'bulletin_unsigned', msg, locale.zone.date(now), now);
    await repo.markReminded(tx, id, targets, now);
    await recordAudit(tx, ctx, { action: 'bulletin.remind', entity: 'bulletin', entityId: id, after: { units: targets } });
    return { reminded: targets.length };
  });
}

/** The bulletin as a 公文, for the .docx, the PDF and the .xlsx annex. */
export async function bulletinDocumentOf(db: Database, p: Principal, id: number, zone: Locale['zone']): Promise<{ name: string; doc: OfficialDocument }> {
  const b = await loadBulletin(db, id);
  const snapshot = snapshotOf(b);
  if (!snapshot) throw refused('INCOMPLETE', '通报尚未生成数据 / Build the bulletin’s figures first');
  const series = await loadSeries(db, b.series_id);
  const photos = new Map<number, Buffer>();
  if (sectionsOf(b).some((s) => s.key === 'inspections' && s.enabled))
    for (const f of snapshot.inspections.flatMap((i) => i.findings)) {
      for (const mid of f.mediaIds.slice(0, 1)) {
        // Only the photos the reader may see (ledgerPolicies.readMedia): a unit, those of its own problems.
        const media = await loadMedia(db, mid).catch(() => null);
        const file = media && ledgerPolicies.readMedia(p, media) ? await getMediaFile(db, media, 'thumbnail').catch(() => null) : null;
        if (file) photos.set(mid, file.content);
      }
    }
  const doc = bulletinDocument({
    issuer: series.issuer,
    docNumber: b.doc_number,
    title: b.title,
    addressees: await addressees(db, b),
    copyTo: b.copy_to,
    sections: sectionsOf(b),
    overview: b.overview,
    requirements: b.requirements,
    snapshot,
    issueDate: b.issue_date ?? zone.date(),
    draft: b.status !== 'issued',
    photos,
  });
  return { name: `通报-${b.doc_number ?? `草稿${b.id}`}-${b.period_label || b.as_of}`, doc };
}

/** For the workbench: what waits on the caller. */
export async function pendingBulletins(db: Database, p: Principal): Promise<BulletinPending> {
  const empty: BulletinPending = { toApprove: [], toIssue: [], drafts: [], unsigned: [], toSign: [] };
  if (p.role === 'head' || p.role === 'reporter') {
    if (p.unitId === null) return empty;
    const { rows } = await repo.findBulletins(db, { addressedTo: p.unitId, limit: 100, offset: 0 });
    return { ...empty, toSign: rows.filter((r) => !r.own_signed_at).map(summary) };
  }
  if (!bulletinPolicies.readAll(p)) return empty;
  const series = await repo.findAllSeries(db);
  const own = series.filter((s) => bulletinPolicies.manage(p, s)).map((s) => s.id);
  const open = (await repo.findBulletins(db, { limit: 200, offset: 0 })).rows.filter((r) => r.status !== 'issued');
  const out: BulletinPending = {
    ...empty,
    toApprove: open.filter((r) => r.status === 'draft' && r.signer_id !== null && r.signer_id === p.userId).map(summary),
    toIssue: open.filter((r) => r.status === 'approved' && own.includes(r.series_id)).map(summary),
    drafts: open.filter((r) => r.status === 'draft' && own.includes(r.series_id)).map(summary),
  };
  for (const { id } of await repo.findLatestIssued(db, own)) {
    const b = (await repo.findBulletin(db, id, false))!;
    const units = (await repo.findReceipts(db, id)).filter((r) => !r.signed_at).map((r) => ({ id: r.unit_id, code: r.unit_code, name: r.unit_name }));
    out.unsigned.push({ bulletin: summary(b), units });
  }
  return out;
}

// ---------- the schedule ----------

const SYSTEM: Principal = { via: 'session', userId: null, username: 'scheduler', displayName: 'scheduler', role: 'admin', unitId: null };

/**
 * Builds the draft of each ten-day series' bulletin for the 旬 that ended before the day of `now`
 * (once per 旬 and series), on the first working day after it ends, and tells the office in its inbox.
 */
export async function buildDueTenDayDrafts(db: Database, locale: Locale, now: Date, isWorkingDay: (d: string) => boolean): Promise<number[]> {
  const today = locale.zone.date(now);
  if (!isWorkingDay(today)) return [];
  const xun = lastEndedTenDay(today);
  const made: number[] = [];
  for (const s of await repo.findTenDaySeries(db)) {
    if (await repo.findAuto(db, s.id, xun.end)) continue;
    const created = await createBulletin(db, SYSTEM, { seriesId: s.id, asOf: xun.end, periodLabel: xun.label, autoKey: xun.end }, { actorId: null, actorName: 'scheduler' }, locale, now);
    // null: another instance built it first.
    if (!created) continue;
    made.push(created.id);
    await db.transaction(async (tx) => {
      await repo.notifyUsersOfRole(tx, s.office_role, {
        title: `【通报草稿】${created.title}`,
        body: `${xun.label}已结束，系统已按截至${xun.end}的数据生成通报草稿，请修改总体情况和下步工作要求后报签发人审批。`,
        bulletinId: created.id,
      });
      await recordAudit(tx, { actorId: null, actorName: 'scheduler' }, { action: 'bulletin.draft_notified', entity: 'bulletin', entityId: created.id, after: { role: s.office_role } });
    });
  }
  return made;
}

/** The last 旬 that ended before `today`: the 10th, the 20th or the end of the previous month. */
export function lastEndedTenDay(today: string): { start: string; end: string; label: string } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  if (d > 20) return tenDayOf(`${today.slice(0, 8)}20`);
  if (d > 10) return tenDayOf(`${today.slice(0, 8)}10`);
  return tenDayOf(new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10));
}
