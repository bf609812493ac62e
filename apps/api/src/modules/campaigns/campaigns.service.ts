import {
  inLanguage,
  satisfactionRate,
  type AnswerCounts,
  type SatisfactionWeights,
} from '@kaoping/scoring';
import type { CampaignCreate, CampaignDto, FlagKind, FraudReport, UnitResult } from '@kaoping/shared';
import QRCode from 'qrcode';
import ExcelJS from 'exceljs';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { localize, type Lang } from '../../lib/language.js';
import { randomSecret, sha256 } from '../../lib/tokens.js';
import { decide } from '../../lib/flow-table.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { activeUnitIds, namesStamp } from '../units/units.repository.js';
import * as repo from './campaigns.repository.js';
import { CAMPAIGN_FLOW } from './flow.js';
import { DEFAULT_FRAUD_RULES, describeFlag, findFlags, type EvidenceStyle } from './fraud.js';

export const toCampaignDto = (r: repo.CampaignRow): CampaignDto => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  year: r.year,
  startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(),
  status: r.status,
  modes: r.modes,
  questionnaire: r.questionnaire,
  rule: r.rule,
  schemeCode: r.scheme_code,
  openedAt: r.opened_at ? new Date(r.opened_at).toISOString() : null,
  closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
});

export async function loadCampaign(db: Queryable, id: number, forUpdate = false): Promise<repo.CampaignRow> {
  const c = await repo.findCampaign(db, id, forUpdate);
  if (!c) throw notFound('评估活动 / Campaign');
  return c;
}

export async function createCampaign(db: Database, input: CampaignCreate, userId: number | null, ctx: AuditContext): Promise<CampaignDto> {
  return db.transaction(async (tx) => {
    const active = await activeUnitIds(tx);
    const unitIds = input.unitIds ?? active;
    const known = new Set(active);
    const unknown = unitIds.findIndex((u) => !known.has(u));
    if (unknown >= 0) throw badField(`body.unitIds.${unknown}`, `单位 ${unitIds[unknown]} 不存在或已停用 / unit ${unitIds[unknown]} does not exist or is inactive`);
    if (new Set(unitIds).size !== unitIds.length) throw badField('body.unitIds', '单位重复 / a unit is listed twice');
    const row = await repo.insertCampaign(tx, { ...input, schemeCode: input.schemeCode ?? null, createdBy: userId });
    await repo.setCampaignUnits(tx, row.id, unitIds);
    const dto = toCampaignDto(row);
    await recordAudit(tx, ctx, { action: 'campaign.create', entity: 'campaign', entityId: row.id, after: { ...dto, units: unitIds.length } });
    return dto;
  });
}

export async function updateCampaign(db: Database, id: number, patch: Partial<Omit<CampaignCreate, 'slug' | 'year' | 'unitIds'>>, ctx: AuditContext): Promise<CampaignDto> {
  return db.transaction(async (tx) => {
    const before = await loadCampaign(tx, id, true);
    decide(CAMPAIGN_FLOW, before.status, 'edit', () => '活动已结束，不能再修改 / the campaign is closed and can no longer change');
    // Once citizens are answering, the questionnaire and rule stay as they saw them.
    if (patch.questionnaire || patch.rule || patch.modes) {
      decide(CAMPAIGN_FLOW, before.status, 'editRules', (code) =>
        code === 'FROZEN' ? '活动进行中，问卷、计分规则和验证方式不能修改 / questionnaire, rule and verification are fixed once the campaign is open' : '活动已结束，不能再修改 / the campaign is closed and can no longer change',
      );
    }
    const next = {
      name: patch.name ?? before.name,
      startsAt: patch.startsAt ?? new Date(before.starts_at).toISOString(),
      endsAt: patch.endsAt ?? new Date(before.ends_at).toISOString(),
      modes: patch.modes ?? before.modes,
      questionnaire: patch.questionnaire ?? before.questionnaire,
      rule: patch.rule ?? before.rule,
      schemeCode: patch.schemeCode === undefined ? before.scheme_code : patch.schemeCode,
    };
    if (Date.parse(next.endsAt) <= Date.parse(next.startsAt)) throw badField('body.endsAt', '结束时间须晚于开始时间 / must end after it starts');
    const row = await repo.updateCampaign(tx, id, next);
    await recordAudit(tx, ctx, { action: 'campaign.update', entity: 'campaign', entityId: id, before: toCampaignDto(before), after: toCampaignDto(row) });
    return toCampaignDto(row);
  });
}

/** draft → open → closed; closing unseals the results (and feeds the assessment, see scores). */
export async function setStatus(db: Database, id: number, status: 'open' | 'closed', ctx: AuditContext): Promise<CampaignDto> {
  return db.transaction(async (tx) => {
    const before = await loadCampaign(tx, id, true);
    decide(CAMPAIGN_FLOW, before.status, status === 'open' ? 'open' : 'close', () =>
      `活动当前为「${STATUS_ZH[before.status]}」，不能${status === 'open' ? '开始' : '结束'} / a ${before.status} campaign cannot be ${status === 'open' ? 'opened' : 'closed'}`,
    );
    const row = await repo.setCampaignStatus(tx, id, status);
    await recordAudit(tx, ctx, { action: `campaign.${status === 'open' ? 'open' : 'close'}`, entity: 'campaign', entityId: id, before: { status: before.status }, after: { status } });
    return toCampaignDto(row);
  });
}

const STATUS_ZH = { draft: '草稿', open: '进行中', closed: '已结束' } as const;

export async function updateCard(db: Database, campaignId: number, unitId: number, card: { duties: string; highlights: string }, ctx: AuditContext): Promise<void> {
  await db.transaction(async (tx) => {
    const c = await loadCampaign(tx, campaignId, true);
    decide(CAMPAIGN_FLOW, c.status, 'card', () => '活动已结束 / the campaign is closed');
    if (!(await repo.updateCard(tx, campaignId, unitId, card))) throw notFound('参评单位 / Unit in this campaign');
    await recordAudit(tx, ctx, { action: 'campaign.card', entity: 'campaign', entityId: campaignId, unitId, after: card });
  });
}

/**
 * Issues single-use invitation links and returns them once, as a workbook with a QR code per
 * link for printing; only the hashes of the tokens are kept.
 */
export async function issueInvitations(
  db: Database,
  campaignId: number,
  input: { count: number; batch: string },
  publicUrl: string,
  ctx: AuditContext,
): Promise<Buffer> {
  const tokens = Array.from({ length: input.count }, () => randomSecret().slice(0, 22));
  const campaign = await db.transaction(async (tx) => {
    const c = await loadCampaign(tx, campaignId, true);
    decide(CAMPAIGN_FLOW, c.status, 'invite', () => '活动已结束，不能再发放邀请 / the campaign is closed');
    await repo.insertInvitations(tx, campaignId, input.batch, tokens.map(sha256));
    await recordAudit(tx, ctx, { action: 'campaign.invitations', entity: 'campaign', entityId: campaignId, after: { batch: input.batch, count: input.count } });
    return c;
  });
  const links = tokens.map((t) => `${publicUrl}/p/${campaign.slug}?t=${t}`);
  return invitationWorkbook(campaign.name, input.batch, links);
}

async function invitationWorkbook(name: string, batch: string, links: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('邀请链接');
  ws.columns = [
    { header: '序号', key: 'n', width: 8 },
    { header: '邀请链接（一次有效）', key: 'link', width: 70 },
    { header: '二维码', key: 'qr', width: 16 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.headerFooter.oddHeader = `${name} · ${batch}`;
  // QR images for the first links only: printing thousands is done from the links, and images make the file heavy.
  const withQr = Math.min(links.length, 2000);
  for (let i = 0; i < links.length; i++) {
    const row = ws.addRow({ n: i + 1, link: links[i] });
    if (i < withQr) {
      row.height = 84;
      const png = await QRCode.toBuffer(links[i]!, { type: 'png', margin: 1, width: 110, errorCorrectionLevel: 'M' });
      const image = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
      ws.addImage(image, { tl: { col: 2, row: i + 1 }, ext: { width: 110, height: 110 } });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Per-unit satisfaction by respondent class and combined by the campaign's rule. Sealed while
 * the campaign has not closed: nobody, whatever their role, may steer by the running score.
 */
export async function campaignResults(
  db: Queryable,
  campaignId: number,
  applyExclusions: boolean,
  lang: Lang,
  reads: Queryable = db,
): Promise<{ campaign: CampaignDto; excluded: number; units: UnitResult[] }> {
  const c = await loadCampaign(reads, campaignId);
  if (c.status !== 'closed') throw sealed();
  const t = await tally(db, c, applyExclusions, reads);
  return { campaign: toCampaignDto(c), excluded: t.excluded, units: await computeResults(reads, c, applyExclusions, lang, t) };
}

/**
 * What a closed campaign's results depend on, as a key to keep the answer under: its kept tally
 * gives the same results until it is counted again (exclusions changed), and the unit names shown.
 * Null while no tally is kept (it is counted on this read). Sealed results are refused here.
 */
export async function resultsKey(campaignId: number, applyExclusions: boolean, lang: Lang, reads: Queryable): Promise<string | null> {
  const c = await loadCampaign(reads, campaignId);
  if (c.status !== 'closed') throw sealed();
  const counted = await repo.findTallyCountedAt(reads, c.id, applyExclusions);
  if (!counted) return null;
  return `results:${c.id}:${applyExclusions}:${lang}:${new Date(counted).getTime()}:${await namesStamp(reads)}`;
}

const sealed = () =>
  new AppError('RESULTS_SEALED', '评估结果在活动结束前封存，只能查看参与人数 / results are sealed until the campaign closes; only participation counts are shown');

/**
 * Answers per unit, class and answer. A closed campaign's are counted once and kept (its responses
 * no longer change); the tally with exclusions is dropped and counted again when the office
 * excludes or restores responses.
 */
export async function tally(db: Queryable, c: repo.CampaignRow, applyExclusions: boolean, reads: Queryable = db): Promise<repo.TallyRow> {
  if (c.status === 'closed') {
    const kept = await repo.findTally(reads, c.id, applyExclusions);
    if (kept) return kept;
  }
  const [counts, excluded] = await Promise.all([repo.countAnswers(db, c.id, applyExclusions), repo.countExcluded(db, c.id)]);
  const counted = { counts, excluded };
  if (c.status === 'closed') await repo.saveTally(db, c.id, applyExclusions, counted);
  return counted;
}

/** Participation and invitations used: live while a campaign runs, kept from its close once it has closed. */
export async function campaignCounts(db: Queryable, c: repo.CampaignRow): Promise<repo.ClosingCountsRow> {
  if (c.status === 'closed') {
    const kept = await repo.findClosingCounts(db, c.id);
    if (kept) return kept;
  }
  const [participation, invitations] = await Promise.all([repo.participation(db, c.id), repo.countInvitations(db, c.id)]);
  const counted = { participation, invitations };
  if (c.status === 'closed') await repo.saveClosingCounts(db, c.id, counted);
  return counted;
}

/** On close: what is read of a closed campaign is counted now and kept — participation, both tallies and the flags. */
export async function keepClosingFigures(db: Database, campaignId: number): Promise<void> {
  const c = await loadCampaign(db, campaignId);
  if (c.status !== 'closed') return;
  await campaignCounts(db, c);
  await tally(db, c, false);
  await tally(db, c, true);
  await scanFlags(db, c.id);
}

/**
 * Satisfaction per unit and class, each with how it was reached, in `lang`. A score run takes them in
 * Chinese: they are part of its inputs, whose hash must not depend on who asked.
 */
export async function computeResults(db: Queryable, c: repo.CampaignRow, applyExclusions: boolean, lang: Lang = 'zh', counted?: repo.TallyRow): Promise<UnitResult[]> {
  const [units, { counts: rows }] = await Promise.all([repo.findCampaignUnits(db, c.id), counted ?? tally(db, c, applyExclusions)]);
  const weights: SatisfactionWeights = {
    satisfied: c.questionnaire.answers.satisfied.weight,
    basicallySatisfied: c.questionnaire.answers.basicallySatisfied.weight,
    dissatisfied: c.questionnaire.answers.dissatisfied.weight,
  };
  const empty = () => ({ satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, unaware: 0 });
  const byUnit = new Map(units.map((u) => [u.unit_id, { invited: empty(), open: empty() }]));
  for (const r of rows) {
    const counts = byUnit.get(r.unit_id);
    if (counts) counts[r.respondent_class][r.answer] += r.n;
  }
  const say = (zh: string, en: string) => localize(lang, zh, en);
  const sep = say('；', '; ');
  const rate = (counts: Required<AnswerCounts>) => inLanguage(lang, () => satisfactionRate(counts, weights));
  return units.map((u) => {
    const counts = byUnit.get(u.unit_id)!;
    const invited = rate(counts.invited);
    const open = rate(counts.open);
    const pooled = rate(sumCounts(counts.invited, counts.open));
    let combined = pooled.satisfaction;
    const explanation = [say(`市民代表：${invited.explanation.steps.join(sep)}`, `invited: ${invited.explanation.steps.join(sep)}`), say(`热心市民：${open.explanation.steps.join(sep)}`, `open: ${open.explanation.steps.join(sep)}`)];
    if (c.rule.combine === 'weighted' && c.rule.classWeights) {
      const w = c.rule.classWeights;
      combined =
        invited.satisfaction === null ? open.satisfaction : open.satisfaction === null ? invited.satisfaction : invited.satisfaction * w.invited + open.satisfaction * w.open;
      const oneClass = invited.satisfaction === null || open.satisfaction === null;
      const result = combined === null ? '—' : combined.toFixed(2);
      explanation.push(
        say(
          `综合 = 市民代表 × ${w.invited} + 热心市民 × ${w.open}${oneClass ? '（一类无有效答卷，按另一类计）' : ''} = ${result}%`,
          `combined = invited × ${w.invited} + open × ${w.open}${oneClass ? ' (one class has no answers: the other counts)' : ''} = ${result}%`,
        ),
      );
    } else {
      explanation.push(say(`综合（两类合并计算）：${pooled.explanation.steps.join(sep)}`, `combined (both classes pooled): ${pooled.explanation.steps.join(sep)}`));
    }
    return {
      unitId: u.unit_id,
      code: u.code,
      name: u.name,
      groupCode: u.group_code,
      counts,
      satisfaction: { invited: invited.satisfaction, open: open.satisfaction, combined },
      explanation,
    };
  });
}

const sumCounts = (a: Required<AnswerCounts>, b: Required<AnswerCounts>): Required<AnswerCounts> => ({
  satisfied: a.satisfied + b.satisfied,
  basicallySatisfied: a.basicallySatisfied + b.basicallySatisfied,
  dissatisfied: a.dissatisfied + b.dissatisfied,
  unaware: a.unaware + b.unaware,
});

/** Excludes or restores responses with a reason; each is audited, and nothing is deleted. */
export async function setExclusions(
  db: Database,
  campaignId: number,
  input: { responseIds: number[]; excluded: boolean; reason: string; flag?: string },
  userId: number | null,
  ctx: AuditContext,
): Promise<{ changed: number }> {
  return db.transaction(async (tx) => {
    await loadCampaign(tx, campaignId, true);
    const found = await repo.findResponsesOfCampaign(tx, campaignId, input.responseIds);
    if (found.length !== new Set(input.responseIds).size) {
      const known = new Set(found.map((r) => r.id));
      const missing = input.responseIds.filter((id) => !known.has(id));
      throw badField('body.responseIds', `答卷不属于本活动或不存在：${missing.slice(0, 10).join('、')} / not responses of this campaign`);
    }
    const rows = input.excluded
      ? await repo.excludeResponses(tx, input.responseIds, input.reason, input.flag ?? null, userId)
      : await repo.restoreResponses(tx, input.responseIds);
    const changed = rows.map((r) => r.response_id);
    if (changed.length > 0) {
      await repo.dropTallyWithExclusions(tx, campaignId);
      await recordAudit(tx, ctx, {
        action: input.excluded ? 'response.exclude' : 'response.restore',
        entity: 'campaign',
        entityId: campaignId,
        after: { responseIds: changed, reason: input.reason, flag: input.flag ?? null },
      });
    }
    return { changed: changed.length };
  });
}

/** Flags whose key is a hash or a page's submission key: shown shortened, they still tell the office which responses belong together. */
const HASHED_KEYS = new Set<FlagKind>(['device-burst', 'identical-burst', 'reused-page']);

/** A page of flags: of one kind or all, from `offset`, at most `limit`. */
export interface FlagPage {
  kind?: FlagKind;
  offset: number;
  limit: number;
}

const scanning = new Map<number, Promise<repo.FlagScanRow>>();

/**
 * Scans a campaign's responses for fraud flags and keeps what it found, replacing the previous scan.
 * One scan per campaign at a time in this process: readers arriving meanwhile wait for it.
 */
export function scanFlags(db: Database, campaignId: number): Promise<repo.FlagScanRow> {
  const running = scanning.get(campaignId);
  if (running) return running;
  const scan = (async () => {
    const rules = DEFAULT_FRAUD_RULES;
    // Counted first: a response arriving during the scan is newer than the scan says it saw, so the next read scans again.
    const all = await repo.countResponses(db, campaignId);
    const rows = await repo.findResponseMarks(db, campaignId, { ...rules.burstMin, identicalMinUnits: rules.identicalMinUnits, minSeconds: rules.minSeconds, minSecondsPerUnit: rules.minSecondsPerUnit });
    const flags = findFlags(
      rows.map((r) => ({
        id: r.id,
        at: new Date(r.submitted_at).getTime(),
        servedAt: r.served_at ? new Date(r.served_at).getTime() : null,
        // A page no other served response shares cannot be reused: a key of its own keeps it apart.
        page: r.submission_key ?? `#${r.id}`,
        ipPrefix: r.ip_prefix,
        device: r.device_hash,
        phonePrefix: r.phone_prefix,
        vector: r.answer_vector ?? `#${r.id}`,
        units: r.units,
      })),
      rules,
    );
    const flagged = new Set<number>();
    for (const f of flags) for (const id of f.responseIds) flagged.add(id);
    const kept = { responses: all.n, lastSubmittedAt: all.last, flagged: flagged.size };
    return db.transaction((tx) => repo.saveFlagScan(tx, campaignId, kept, flags));
  })().finally(() => scanning.delete(campaignId));
  scanning.set(campaignId, scan);
  return scan;
}

/**
 * One page of a campaign's fraud flags, each with its evidence and how many of its responses are
 * excluded now. The flags come from the stored scan; a campaign never scanned, or with responses
 * newer than its scan, is scanned first.
 */
export async function campaignFlags(db: Database, campaignId: number, style: EvidenceStyle, page: FlagPage, reads: Queryable = db): Promise<FraudReport> {
  const c = await loadCampaign(reads, campaignId);
  let scan = await repo.findFlagScan(reads, c.id);
  // A replica's view may lag: a scan made now on the primary is read back from the primary.
  let from: Queryable = reads;
  if (!scan || c.status !== 'closed' || scan.last_submitted_at === null) {
    const last = await repo.lastSubmittedAt(db, c.id);
    const stale = !scan || (last !== null && (scan.last_submitted_at === null || last > scan.last_submitted_at));
    if (stale) {
      scan = await scanFlags(db, c.id);
      from = db;
    }
  }
  const [items, counts, excluded] = await Promise.all([
    repo.findStoredFlags(from, c.id, page.kind ?? null, page.offset, page.limit),
    repo.countStoredFlags(from, c.id),
    repo.countExcluded(from, c.id),
  ]);
  const byKind = Object.fromEntries(counts.map((k) => [k.kind, k.n])) as Partial<Record<FlagKind, number>>;
  return {
    rules: DEFAULT_FRAUD_RULES,
    responses: scan!.responses,
    /** Every excluded response of the campaign, flagged or not: none is left out unseen, even while results are sealed. */
    excluded,
    flagged: scan!.flagged,
    scannedAt: new Date(scan!.scanned_at).toISOString(),
    kinds: byKind,
    total: page.kind ? (byKind[page.kind] ?? 0) : counts.reduce((n, k) => n + k.n, 0),
    offset: page.offset,
    limit: page.limit,
    items: items.map((f) => {
      const found = { kind: f.kind, key: f.key, from: new Date(f.from_at).toISOString(), to: new Date(f.to_at).toISOString(), responseIds: f.response_ids, facts: f.facts };
      return {
        kind: found.kind,
        key: HASHED_KEYS.has(f.kind) ? f.key.slice(0, 8) : f.key,
        from: found.from,
        to: found.to,
        responseIds: found.responseIds,
        evidence: describeFlag(found, style),
        excluded: f.excluded,
      };
    }),
  };
}

export function badField(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${path.replace(/^body\./, '')}: ${message}`, [{ path, message }]);
}
