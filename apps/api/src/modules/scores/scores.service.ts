import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { AppError, notFound, refused } from '../../errors.js';
import { writeSheet } from '../../lib/excel.js';
import type { Principal } from '../../lib/principal.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { findSchemeById } from '../schemes/schemes.repository.js';
import { namesStamp } from '../units/units.repository.js';
import { findClosedCampaignFor } from '../campaigns/campaigns.repository.js';
import { computeResults } from '../campaigns/campaigns.service.js';
import {
  DEFAULT_PROGRESS_BASIS,
  PROGRESS_BASIS_LABELS,
  PROJECT_RATE_LABELS,
  projectRateOf,
  type ProgressRow,
  type ProgressView,
  type RunDto,
  type Scorecard,
  type SchemeDocument,
} from '@kaoping/shared';
import { roundTo } from '@kaoping/scoring';
import { projectRatesByUnit } from '../projects/projects.service.js';
import { flattenIndicators } from '../schemes/scheme-validate.js';
import { computeRun, problemsInLeafOrder, splitByGroup, type ProjectRateInput, type PublicEvaluationInput, type RunInputs } from './compute-run.js';
import type { DataProblem } from '../reporting/entry-checks.js';
import { localize, type Lang } from '../../lib/language.js';
import { findUnscorableInputs, numericLimits, unscorable } from './run-checks.js';
import { storedInputsText } from './run-inputs-storage.js';
import { unitExplanation, withExplanations } from './run-explanations.js';
import * as repo from './scores.repository.js';
import { scorePolicies } from './scores.policy.js';
import { scorecardDocument } from './scorecard-document.js';
import type { OfficialDocument } from '../../lib/documents/index.js';

export type { RunDto } from '@kaoping/shared';

const toRunDto = (r: repo.RunRow): RunDto => ({
  id: r.id,
  schemeId: r.scheme_id,
  schemeVersion: r.scheme_version,
  asOf: r.as_of,
  inputsHash: r.inputs_hash,
  trigger: r.trigger,
  createdAt: new Date(r.created_at).toISOString(),
  durationMs: r.duration_ms,
  unitCount: r.unit_count,
});

/** The default as-of date: today within the scheme's year, else the year's last day. */
export function defaultAsOf(year: number, today: string): string {
  const y = Number(today.slice(0, 4));
  return y === year ? today : y > year ? `${year}-12-31` : `${year}-01-01`;
}

/**
 * Everything a run reads, loaded in one place so that it can be hashed and recomputed. Approved data
 * its leaves cannot take are refused here, each named (see run-checks.ts), before anything is scored.
 */
export async function loadRunInputs(db: Database, schemeId: number, asOf: string): Promise<{ inputs: RunInputs; version: number }> {
  const scheme = await findSchemeById(db, schemeId);
  if (!scheme) throw notFound('考核方案 / Scheme');
  if (scheme.status === 'draft') throw refused('SCHEME_NOT_PUBLISHED', '方案尚未发布，不能计分 / publish the scheme before scoring');
  if (asOf.slice(0, 4) !== String(scheme.year)) {
    throw new AppError('VALIDATION_FAILED', `asOf: 计分日期须在方案年度 ${scheme.year} 内 / must fall in the scheme's year`, [{ path: 'body.asOf', message: 'outside the year' }]);
  }
  const rules = await repo.loadLeafRules(db, schemeId);
  const [stored, units, checked] = await Promise.all([
    repo.loadLeaves(db, schemeId),
    repo.loadUnits(db, scheme.document.groups),
    repo.loadAggregatedValues(db, schemeId, asOf, numericLimits(rules)),
  ]);
  // The run names its 时序进度 basis, and each progress leaf its own, so a stored run is rebuilt as computed.
  const progressBasis = scheme.document.progressBasis ?? DEFAULT_PROGRESS_BASIS;
  const leaves = stored.map((l) => (l.method.method === 'progress' && !l.method.basis ? { ...l, method: { ...l.method, basis: progressBasis } } : l));
  const publicEvaluation = await loadPublicEvaluation(db, scheme.code, scheme.year);
  const projectRates = await loadProjectRates(db, scheme.document, leaves, asOf);
  const problems = await findUnscorableInputs(db, { id: schemeId, asOf }, rules, checked, new Set(projectRates.map((p) => p.indicatorId)));
  if (problems.length) throw unscorable(problems);
  return {
    inputs: {
      doc: scheme.document,
      asOf,
      progressBasis,
      leaves,
      units,
      // The checked aggregates as they are: their lo and hi are not stored (run-inputs-storage.ts).
      values: checked,
      ...(publicEvaluation ? { publicEvaluation } : {}),
      ...(projectRates.length ? { projectRates } : {}),
    },
    version: scheme.version,
  };
}

/**
 * Leaves whose dataSource is project:<rate> take each unit's project rate (percent) as of the
 * as-of date's month from the major-project monthly reports, not entered data. The values are part
 * of the run's inputs, so a later report changes the inputs hash and the next run.
 */
async function loadProjectRates(db: Database, doc: SchemeDocument, leaves: RunInputs['leaves'], asOf: string): Promise<ProjectRateInput[]> {
  const rateByCode = new Map(flattenIndicators(doc).map((f) => [f.code, projectRateOf(f.node.dataSource)]));
  const fed = leaves.flatMap((l) => {
    const rate = rateByCode.get(l.code);
    return rate ? [{ leaf: l, rate }] : [];
  });
  if (!fed.length) return [];
  const month = asOf.slice(0, 7);
  const byUnit = await projectRatesByUnit(db, month);
  return fed.map(({ leaf, rate }) => ({
    indicatorId: leaf.id,
    label: PROJECT_RATE_LABELS[rate],
    month,
    byUnit: Object.fromEntries([...byUnit.entries()].map(([unitId, r]) => [unitId, r.rates[rate].value === null ? null : roundTo(r.rates[rate].value! * 100, 6)])),
  }));
}

/** The year's closed campaign that names this scheme feeds its public-evaluation component (exclusions applied). */
async function loadPublicEvaluation(db: Database, schemeCode: string, year: number): Promise<PublicEvaluationInput | undefined> {
  const campaign = await findClosedCampaignFor(db, schemeCode, year);
  if (!campaign) return undefined;
  const results = await computeResults(db, campaign, true);
  return {
    campaign: campaign.name,
    byUnit: Object.fromEntries(results.map((r) => [r.unitId, { satisfaction: r.satisfaction.combined, explanation: r.explanation }])),
  };
}

export const hashInputs = (schemeId: number, version: number, canonical: string): string =>
  createHash('sha256').update(`${schemeId}\n${version}\n`).update(canonical).digest('hex');

/** Computes and stores a run: each unit's indicator scores with explanations, totals, ranks and grades. */
export async function runScores(
  db: Database,
  schemeId: number,
  opts: { asOf: string; trigger: 'manual' | 'schedule' | 'bulletin'; userId: number | null },
  ctx: AuditContext,
): Promise<RunDto> {
  const started = performance.now();
  const { inputs, version } = await loadRunInputs(db, schemeId, opts.asOf);
  const units = inputs.units.length;
  const canonical = await storedInputsText(inputs);
  const inputsHash = hashInputs(schemeId, version, canonical);
  const id = await db.transaction(async (tx) => {
    // The database takes the run's row with its inputs, then one group's results after another, while
    // this process scores the next group (a unit's results depend on its group only): a core each
    // instead of one after the other. Each write starts when the one before has answered; a failed
    // one is seen at the end and rolls the run back. Every group is scored even after a problem, so
    // that the refusal names them all.
    const run = repo.insertRun(tx, { schemeId, version, asOf: opts.asOf, trigger: opts.trigger, userId: opts.userId, inputs: canonical, inputsHash, unitCount: units });
    let written: Promise<unknown> = run;
    written.catch(() => undefined); // not unhandled while groups are scored: awaited below
    const problems: DataProblem[] = [];
    for (const part of splitByGroup(inputs)) {
      const result = computeRun(part, { explain: false });
      problems.push(...result.problems);
      if (problems.length) continue;
      written = written.then(async () => repo.insertResults(tx, await run, result.units, result.indicators));
      written.catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve)); // lets the write go out before the next group
    }
    await written;
    const runId = await run;
    if (problems.length) throw unscorable(problemsInLeafOrder(problems, inputs.leaves));
    await repo.setRunDuration(tx, runId, Math.round(performance.now() - started));
    await recordAudit(tx, ctx, { action: 'score.run', entity: 'score_run', entityId: runId, after: { schemeId, version, asOf: opts.asOf, inputsHash, units } });
    return runId;
  });
  return toRunDto((await repo.findRun(db, id))!);
}

export async function listRuns(db: Database, schemeId: number): Promise<RunDto[]> {
  return (await repo.findRuns(db, schemeId)).map(toRunDto);
}

async function loadRun(db: Database, id: number): Promise<repo.RunRow> {
  const run = await repo.findRun(db, id);
  if (!run) throw notFound('计分结果 / Score run');
  return run;
}

export interface RankingEntry {
  unitId: number;
  code: string;
  name: string;
  total: number;
  rank: number;
  grade: string;
  baseGrade: string;
  vetoed: boolean;
  bonus: number;
  deductions: number;
  components: repo.UnitScoreRow['components'];
}

const toEntry = (s: repo.RankingRow): RankingEntry => ({
  unitId: s.unit_id,
  code: s.unit_code,
  name: s.unit_name,
  total: s.total,
  rank: s.rank,
  grade: s.grade,
  baseGrade: s.base_grade,
  vetoed: s.vetoed,
  bonus: s.bonus,
  deductions: s.deductions,
  components: s.components,
});

/** A group's name in the reader's language; groups without an English name keep their Chinese one. */
const groupName = (r: repo.RankingRow, lang: Lang) => (lang === 'en' && r.group_name_en ? r.group_name_en : r.group_name);

/**
 * What a run's rankings as this reader sees them depend on, as a key to keep the answer under: a
 * stored run never changes, but the unit names it shows may.
 */
export async function rankingsKey(db: Database, p: Principal, runId: number, lang: Lang): Promise<string> {
  const scope = scorePolicies.listScope(p);
  return `rankings:${runId}:${lang}:${scope === undefined ? 'all' : `unit ${scope}`}:${await namesStamp(db)}`;
}

/** The same for one unit's scorecard (the route has let the reader see that unit). */
export async function scorecardKey(db: Database, runId: number, unitId: number, lang: Lang): Promise<string> {
  return `scorecard:${runId}:${unitId}:${lang}:${await namesStamp(db)}`;
}

/** Rankings per group; a unit's own people see only their unit's line. */
export async function getRankings(db: Database, p: Principal, runId: number, lang: Lang = 'zh'): Promise<{ run: RunDto; groups: { code: string; name: string; units: RankingEntry[] }[] }> {
  const run = await loadRun(db, runId);
  const rows = await repo.findRankingRows(db, runId, scorePolicies.listScope(p));
  const groups = new Map<string, { code: string; name: string; units: RankingEntry[] }>();
  for (const r of rows) {
    const g = groups.get(r.group_code) ?? { code: r.group_code, name: groupName(r, lang), units: [] };
    g.units.push(toEntry(r));
    groups.set(r.group_code, g);
  }
  return { run: toRunDto(run), groups: [...groups.values()] };
}

/** A unit's scorecard, its texts (explanations, notes, group) in the reader's language. */
export async function getScorecard(db: Database, p: Principal, runId: number, unitId: number, lang: Lang): Promise<Scorecard> {
  const run = await loadRun(db, runId);
  const [s] = await repo.findUnitScores(db, runId, unitId);
  if (!s) throw notFound('该单位在本次计分中的结果 / This unit’s result in the run');
  const groupSize = await repo.countGroupUnits(db, runId, s.group_code);
  const indicators = await withExplanations(db, runId, await repo.findIndicatorScores(db, runId, unitId), lang);
  const read = await unitExplanation(db, runId, unitId, s, lang);
  return {
    run: toRunDto(run),
    unit: { ...toEntry(read), group: groupName(s, lang), groupSize, explanation: read.explanation },
    indicators: indicators.map((i) => ({
      indicatorId: i.indicator_id,
      code: i.code,
      name: i.name,
      component: i.component,
      maxPoints: i.max_points,
      points: i.points,
      actual: i.actual,
      target: i.target,
      lastYear: i.last_year,
      lag: i.lag,
      explanation: i.explanation,
    })),
  };
}

export interface UnitChange {
  unitId: number;
  code: string;
  name: string;
  from: { total: number; rank: number; grade: string } | null;
  to: { total: number; rank: number; grade: string } | null;
  indicators: { code: string; name: string; from: number | null; to: number | null; why: string[] }[];
  /** Components whose points moved (the public evaluation, for one, is scored outside the indicators). */
  components: { code: string; name: string; from: number | null; to: number | null; why: string[] }[];
}

/** What changed between two runs and why: totals, ranks, grades, and each indicator whose inputs or points moved. */
export async function compareRuns(db: Database, p: Principal, fromId: number, toId: number, lang: Lang): Promise<{ from: RunDto; to: RunDto; changes: UnitChange[] }> {
  const [a, b] = [await loadRun(db, fromId), await loadRun(db, toId)];
  const only = scorePolicies.listScope(p);
  const say = (zh: string, en: string) => localize(lang, zh, en);
  // Component notes are read in the reader's language, as the explanations are.
  const localized = (runId: number) => (rows: repo.UnitScoreRow[]) => Promise.all(rows.map((r) => unitExplanation(db, runId, r.unit_id, r, lang)));
  const [ua, ub, ia, ib] = await Promise.all([
    repo.findUnitScores(db, fromId, only).then(localized(fromId)),
    repo.findUnitScores(db, toId, only).then(localized(toId)),
    repo.findIndicatorScores(db, fromId, only).then((r) => withExplanations(db, fromId, r, lang)),
    repo.findIndicatorScores(db, toId, only).then((r) => withExplanations(db, toId, r, lang)),
  ]);
  const key = (r: repo.IndicatorScoreRow) => `${r.unit_id}:${r.code}`;
  const indA = new Map(ia.map((r) => [key(r), r]));
  const indB = new Map(ib.map((r) => [key(r), r]));
  const unitIds = [...new Set([...ua, ...ub].map((u) => u.unit_id))];
  const changes: UnitChange[] = [];
  const fmt = (x: number | null) => (x === null ? '—' : String(Math.round(x * 10000) / 10000));
  for (const id of unitIds) {
    const x = ua.find((u) => u.unit_id === id);
    const y = ub.find((u) => u.unit_id === id);
    const codes = [...new Set([...ia, ...ib].filter((r) => r.unit_id === id).map((r) => r.code))];
    const inds = codes.flatMap((code) => {
      const r1 = indA.get(`${id}:${code}`);
      const r2 = indB.get(`${id}:${code}`);
      const p1 = r1?.points ?? null;
      const p2 = r2?.points ?? null;
      if (p1 !== null && p2 !== null && Math.abs(p1 - p2) < 1e-9 && r1?.actual === r2?.actual && r1?.target === r2?.target) return [];
      const why: string[] = [];
      if (!r1) why.push(say('新增指标', 'new indicator'));
      if (!r2) why.push(say('指标已取消', 'indicator dropped'));
      if (r1 && r2 && r1.actual !== r2.actual) why.push(`${say('实际值', 'actual')} ${fmt(r1.actual)} → ${fmt(r2.actual)}`);
      if (r1 && r2 && r1.target !== r2.target) why.push(`${say('目标值', 'target')} ${fmt(r1.target)} → ${fmt(r2.target)}`);
      if (r1 && r2) why.push(...inputChanges(r1.explanation.inputs, r2.explanation.inputs, lang));
      if (r1 && r2 && why.length > 0 && r1.actual === r2.actual && r2.explanation.method === 'rank') why.push(say('组内其他单位数值变化', 'other units of the group changed'));
      if (r1 && r2 && why.length === 0) why.push(`${say('计分规则或组内其他单位变化', 'the rule or the rest of the group changed')}: ${r2.explanation.steps.at(-1) ?? ''}`);
      return [{ code, name: (r2 ?? r1)!.name, from: p1, to: p2, why }];
    });
    const compA = new Map((x?.components ?? []).map((c) => [c.code, c]));
    const comps = (y?.components ?? x?.components ?? []).flatMap((c) => {
      const c1 = compA.get(c.code)?.points ?? null;
      const c2 = y?.components.find((d) => d.code === c.code)?.points ?? null;
      if (c1 !== null && c2 !== null && Math.abs(c1 - c2) < 1e-9) return [];
      return [{ code: c.code, name: c.name, from: c1, to: c2, why: c.note ? [c.note] : [] }];
    });
    const same = x && y && Math.abs(x.total - y.total) < 1e-9 && x.rank === y.rank && x.grade === y.grade && inds.length === 0;
    if (same) continue;
    const head = (y ?? x)!;
    changes.push({
      unitId: id,
      code: head.unit_code,
      name: head.unit_name,
      from: x ? { total: x.total, rank: x.rank, grade: x.grade } : null,
      to: y ? { total: y.total, rank: y.rank, grade: y.grade } : null,
      indicators: inds,
      components: comps,
    });
  }
  return { from: toRunDto(a), to: toRunDto(b), changes };
}

/** Names of the explanation inputs a unit reads in a comparison, [Chinese, English]; others are shown by their key. */
const INPUT_LABELS: Record<string, [string, string]> = {
  grade: ['评价等次', 'grade'],
  share: ['得分比例', 'share of points'],
  cap: ['上限', 'cap'],
  floor: ['末位得分比例', "last rank's share"],
  deducted: ['扣分合计', 'deductions'],
  sum: ['加分合计', 'bonus'],
  items: ['加分事项数', 'recognitions'],
  events: ['否决事项数', 'veto events'],
  rank: ['组内名次', 'rank in the group'],
  n: ['参评单位数', 'units ranked'],
  elapsed: ['时序进度', 'schedule'],
  P: ['分值', 'points'],
};

/**
 * The inputs that differ between two explanations, e.g. a grade 优 → 良 or a new deduction event:
 * the reason a unit head reads. Actual and target are reported on their own (a rank's `value` is its actual).
 */
export function inputChanges(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined, lang: Lang = 'zh'): string[] {
  const show = (x: unknown, k = '') =>
    x === null || x === undefined ? '—' : typeof x !== 'number' ? String(x) : k === 'elapsed' ? `${Math.round(x * 10000) / 100}%` : String(Math.round(x * 10000) / 10000);
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].filter((k) => k !== 'actual' && k !== 'target' && k !== 'value');
  const label = (k: string) => (INPUT_LABELS[k] ? localize(lang, ...INPUT_LABELS[k]) : k);
  return keys.filter((k) => show(a?.[k]) !== show(b?.[k])).map((k) => `${label(k)} ${show(a?.[k], k)} → ${show(b?.[k], k)}`);
}

/** 时序进度 view: every progress-method indicator's completion against the expected line, lagging units flagged. */
export async function getProgress(db: Database, p: Principal, runId: number, lang: Lang): Promise<ProgressView> {
  const run = await loadRun(db, runId);
  const rows = await withExplanations(db, runId, await repo.findIndicatorScores(db, runId, scorePolicies.listScope(p), true), lang);
  const units = new Map((await repo.findRankingRows(db, runId)).map((u) => [u.unit_id, u]));
  return {
    run: toRunDto(run),
    rows: rows
      .filter((r) => r.explanation.progress)
      .map((r) => {
        const { completion, expected, lag, lagging, basis } = r.explanation.progress!;
        const unit = units.get(r.unit_id)!;
        return { indicatorId: r.indicator_id, code: r.code, name: r.name, unitId: r.unit_id, unitCode: unit.unit_code, unitName: unit.unit_name, completion, expected, lag, lagging, basis: basis ?? 'day' };
      }),
  };
}

/** The 时序进度 view as Excel: one row per indicator and unit, each saying how 时序进度 was counted. */
export async function exportProgress(db: Database, p: Principal, runId: number): Promise<Buffer> {
  const { run, rows } = await getProgress(db, p, runId, 'zh');
  const pct = (x: number) => Math.round(x * 10000) / 10000;
  return writeSheet(`时序进度 ${run.asOf}`, [
    { key: 'code', header: '指标代码', value: (r: ProgressRow) => r.code, width: 10 },
    { key: 'name', header: '指标名称', value: (r) => r.name, width: 28 },
    { key: 'unitCode', header: '单位代码', value: (r) => r.unitCode, width: 10 },
    { key: 'unitName', header: '单位名称', value: (r) => r.unitName, width: 24 },
    { key: 'completion', header: '完成率', value: (r) => pct(r.completion), width: 10, numFmt: '0.00%' },
    { key: 'expected', header: '时序进度', value: (r) => pct(r.expected), width: 10, numFmt: '0.00%' },
    { key: 'basis', header: '时序进度口径', value: (r) => `${PROGRESS_BASIS_LABELS[r.basis].zh}（${PROGRESS_BASIS_LABELS[r.basis].rule}）`, width: 26 },
    { key: 'lag', header: '差距（百分点）', value: (r) => Math.round(r.lag * 10000) / 100, width: 12 },
    { key: 'lagging', header: '落后于时序进度', value: (r) => (r.lagging ? '是' : ''), width: 12 },
  ], rows);
}

/** Totals of units across a scheme's runs, oldest first, for trend charts. */
export async function getTrend(db: Database, p: Principal, schemeId: number, unitId?: number): Promise<{ asOf: string; runId: number; unitId: number; total: number; rank: number }[]> {
  const only = unitId ?? scorePolicies.listScope(p);
  const rows = await repo.findTrend(db, schemeId, only);
  return rows.map((r) => ({ asOf: r.as_of, runId: r.run_id, unitId: r.unit_id, total: r.total, rank: r.rank }));
}

/** Rankings as Excel, one row per unit, grouped as on screen. */
export async function exportRankings(db: Database, p: Principal, runId: number): Promise<Buffer> {
  const { groups } = await getRankings(db, p, runId);
  const rows = groups.flatMap((g) => g.units.map((u) => ({ ...u, group: g.name })));
  const componentNames = rows[0]?.components.map((c) => c.name) ?? [];
  return writeSheet('排名', [
    { key: 'group', header: '考核组别', value: (r) => r.group, width: 14 },
    { key: 'rank', header: '组内排名', value: (r) => r.rank, width: 8 },
    { key: 'code', header: '单位代码', value: (r) => r.code, width: 10 },
    { key: 'name', header: '单位名称', value: (r) => r.name, width: 28 },
    ...componentNames.map((n, i) => ({ key: `c${i}`, header: n, value: (r: (typeof rows)[number]) => Math.round((r.components[i]?.points ?? 0) * 100) / 100, width: 10 })),
    { key: 'bonus', header: '加分', value: (r) => Math.round(r.bonus * 100) / 100, width: 8 },
    // As on the page: the deductions, already counted in their components' points.
    { key: 'deductions', header: '扣分', value: (r) => Math.round(r.deductions * 100) / 100, width: 8 },
    { key: 'total', header: '总分', value: (r) => Math.round(r.total * 100) / 100, width: 10 },
    { key: 'grade', header: '等次', value: (r) => r.grade, width: 8 },
    { key: 'veto', header: '一票否决', value: (r) => (r.vetoed ? '是' : ''), width: 8 },
  ], rows);
}

async function schemeOf(db: Database, run: RunDto): Promise<{ name: string; year: number }> {
  const scheme = await findSchemeById(db, run.schemeId);
  if (!scheme) throw notFound('考核方案 / Scheme');
  return scheme;
}

/** A unit's scorecard as a document (PDF or .docx), for whoever may read the scorecard. */
export async function getScorecardDocument(db: Database, p: Principal, runId: number, unitId: number): Promise<{ name: string; doc: OfficialDocument }> {
  // Documents are issued in Chinese, whatever the reader's language.
  const card = await getScorecard(db, p, runId, unitId, 'zh');
  return { name: `记分卡-${card.unit.name}-${card.run.asOf}`, doc: scorecardDocument({ scheme: await schemeOf(db, card.run), cards: [card] }) };
}

/** Every unit of a group in one document, after the group's ranking: for the city-wide roles that see every unit. */
export async function getGroupScorecardsDocument(db: Database, p: Principal, runId: number, groupCode: string): Promise<{ name: string; doc: OfficialDocument }> {
  await loadRun(db, runId);
  const units = (await repo.findRankingRows(db, runId)).filter((r) => r.group_code === groupCode);
  if (units.length === 0) throw notFound('该组别在本次计分中的结果 / This group’s results in the run');
  const cards: Scorecard[] = [];
  for (const u of units) cards.push(await getScorecard(db, p, runId, u.unit_id, 'zh'));
  const group = units[0]!.group_name;
  return { name: `记分卡-${group}-${cards[0]!.run.asOf}`, doc: scorecardDocument({ scheme: await schemeOf(db, cards[0]!.run), cards, group }) };
}
