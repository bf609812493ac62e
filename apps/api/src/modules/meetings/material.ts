import type { MaterialItem, PresenterMaterial, ProblemDto, TaskDto } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Locale } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import { findCampaigns } from '../campaigns/campaigns.repository.js';
import { computeResults } from '../campaigns/campaigns.service.js';
import { findingMap, unitInspectionStreams } from '../ledger/inspections.service.js';
import { listProblems } from '../ledger/ledger.service.js';
import { latestReportMonth, listProjects, projectRates } from '../projects/projects.service.js';
import { getScorecard } from '../scores/scores.service.js';
import { listTasks, tasksByOrigin } from '../tasks/tasks.service.js';
import * as repo from './meetings.repository.js';
import { taskPolicies } from '../tasks/tasks.policy.js';
import { ledgerPolicies } from '../ledger/ledger.policy.js';

/**
 * A presenter's material as of the meeting's date (点评材料), assembled from the modules that own each
 * figure — scores and 时序进度, tasks and their lights, the ledger, inspections, major projects, the
 * public evaluation — and frozen as JSON when the meeting is prepared. Nothing is counted here twice.
 */

const pct = (x: number) => Math.round(x * 1000) / 10;
const LIGHT_ORDER = { red: 0, yellow: 1, blue: 2, green: 3 } as const;
const FINDINGS_SHOWN = 6;
const ITEMS_SHOWN = 10;

const taskItem = (t: TaskDto): MaterialItem => ({
  id: t.id,
  title: t.title,
  leader: t.responsibleLeader,
  deadline: t.deadline,
  light: t.light.light,
  reason: t.light.reason,
  status: t.statusLabel,
});

const problemItem = (p: ProblemDto): MaterialItem => ({
  id: p.id,
  title: p.title,
  leader: p.responsibleLeader,
  deadline: p.deadline,
  light: p.light.light,
  reason: p.light.reason,
  status: p.statusLabel,
});

const byLight = (a: MaterialItem, b: MaterialItem) => (LIGHT_ORDER[a.light ?? 'green'] ?? 4) - (LIGHT_ORDER[b.light ?? 'green'] ?? 4) || a.deadline.localeCompare(b.deadline);

/** Lights are worked out as they stood on the as-of date (today's time when it is today or later). */
export function lightsAt(asOf: string, locale: Locale): Date {
  return asOf >= locale.zone.date() ? new Date() : new Date(`${asOf}T12:00:00Z`);
}

type Scorecard = Awaited<ReturnType<typeof getScorecard>>;

/** Score, rank and their change, and the scorecard's indicators (for those behind 时序进度). */
async function scoreOf(
  db: Database,
  p: Principal,
  unitId: number,
  asOf: string,
  previousMaterial: PresenterMaterial | null,
  previousHeldOn: string | null,
): Promise<{ score: PresenterMaterial['score']; indicators: Scorecard['indicators'] }> {
  const runs = await repo.findRunsAsOf(db, asOf);
  if (!runs) return { score: null, indicators: [] };
  const card = await getScorecard(db, p, runs.id, unitId, 'zh').catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  });
  if (!card) return { score: null, indicators: [] };
  let previous: { total: number; rank: number; basis: string } | null = null;
  if (previousMaterial?.score && previousMaterial.score.runId !== runs.id) {
    previous = { total: previousMaterial.score.total, rank: previousMaterial.score.rank, basis: `上次点评会（${previousHeldOn}）` };
  } else if (runs.previous_id !== null) {
    const before = await getScorecard(db, p, runs.previous_id, unitId, 'zh').catch(() => null);
    if (before) previous = { total: before.unit.total, rank: before.unit.rank, basis: `上次计分（${before.run.asOf}）` };
  }
  const score = {
    runId: runs.id,
    runAsOf: card.run.asOf,
    group: card.unit.group,
    groupSize: card.unit.groupSize,
    total: Math.round(card.unit.total * 100) / 100,
    rank: card.unit.rank,
    grade: card.unit.grade,
    previous,
    rankChange: previous ? previous.rank - card.unit.rank : null,
    totalChange: previous ? Math.round((card.unit.total - previous.total) * 100) / 100 : null,
  };
  return { score, indicators: card.indicators };
}

async function projectsOf(db: Database, p: Principal, unitId: number, asOf: string): Promise<PresenterMaterial['projects']> {
  let month = asOf.slice(0, 7);
  let rates = await projectRates(db, p, { asOf: month, unitId });
  if (rates.overall.projectCount === 0) {
    // No projects in the as-of year: the latest month reported before it.
    const latest = await latestReportMonth(db, p, { unitId });
    if (!latest || latest > month) return null;
    month = latest;
    rates = await projectRates(db, p, { asOf: month, unitId });
    if (rates.overall.projectCount === 0) return null;
  }
  const r = rates.overall.rates;
  const view = (x: (typeof r)['startRate']) => ({ value: x.value === null ? null : pct(x.value), lag: x.lag === null ? null : pct(x.lag), lagging: x.lagging });
  return {
    count: rates.overall.projectCount,
    schedule: `${month} 时序进度 ${rates.schedule.text}`,
    rates: { start: view(r.startRate), fundsInPlace: view(r.fundsInPlaceRate), payment: view(r.paymentRate), investment: view(r.investmentCompletionRate) },
    lagging: rates.projects.filter((x) => x.lagging.length).map((x) => ({ id: x.id, code: x.code, name: x.name, lagging: x.lagging })),
  };
}

async function publicEvaluationOf(db: Database, unitId: number, asOf: string): Promise<PresenterMaterial['publicEvaluation']> {
  const until = Date.parse(`${asOf}T23:59:59+08:00`);
  const closed = (await findCampaigns(db)).find((c) => c.status === 'closed' && c.closed_at !== null && new Date(c.closed_at).getTime() <= until);
  if (!closed) return null;
  const mine = (await computeResults(db, closed, true)).find((r) => r.unitId === unitId);
  if (!mine) return null;
  const responses = Object.values(mine.counts).reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
  return { campaign: closed.name, satisfaction: mine.satisfaction.combined === null ? null : Math.round(mine.satisfaction.combined * 100) / 100, responses };
}

export async function buildMaterial(
  db: Database,
  p: Principal,
  meeting: { id: number; held_on: string; material_as_of: string },
  presenter: { unit_id: number; unit_code: string; unit_name: string },
  locale: Locale,
): Promise<PresenterMaterial> {
  const asOf = meeting.material_as_of;
  const unitId = presenter.unit_id;
  const now = lightsAt(asOf, locale);
  const prev = await repo.findPreviousMeeting(db, unitId, meeting);
  const { score, indicators } = await scoreOf(db, p, unitId, asOf, prev?.material ?? null, prev?.held_on ?? null);
  const lagging = indicators
    .filter((i) => i.explanation.progress?.lagging)
    .map((i) => {
      const g = i.explanation.progress!;
      return { indicatorId: i.indicatorId, code: i.code, name: i.name, completion: pct(g.completion), expected: pct(g.expected), lag: pct(g.lag) };
    })
    .sort((a, b) => a.lag - b.lag);

  const tasks = await listTasks(db, taskPolicies.listScope(p), { leadUnitId: unitId }, locale, now);
  const open = tasks.items.filter((t) => t.status !== 'closed' && t.light.light);
  const problems = (await listProblems(db, ledgerPolicies.listScope(p), { unitId }, locale, now)).items.filter((x) => x.status !== 'closed');
  const findings = (await findingMap(db, { unitId, to: asOf })).items
    .sort((a, b) => b.inspectedOn.localeCompare(a.inspectedOn) || b.id - a.id)
    .slice(0, FINDINGS_SHOWN)
    .map((f) => ({ id: f.id, title: f.title, inspectedOn: f.inspectedOn, place: f.place, latitude: f.latitude, longitude: f.longitude, thumbnailUrl: f.thumbnailUrl }));

  let previous: PresenterMaterial['previous'] = null;
  if (prev) {
    const ids = await repo.findCommentIdsOfPresenter(db, prev.presenter_id);
    const assigned = await tasksByOrigin(db, 'meeting_comment', ids, locale, now);
    previous = { meetingId: prev.id, title: prev.title, heldOn: prev.held_on, tasks: assigned.map(taskItem) };
  }

  return {
    asOf,
    unit: { id: unitId, code: presenter.unit_code, name: presenter.unit_name },
    score,
    lagging,
    tasks: {
      counts: tasks.counts,
      open: open.length,
      attention: open.filter((t) => t.light.light === 'red' || t.light.light === 'yellow').map(taskItem).sort(byLight).slice(0, ITEMS_SHOWN),
    },
    problems: { open: problems.length, items: problems.map(problemItem).sort(byLight).slice(0, ITEMS_SHOWN) },
    findings,
    projects: await projectsOf(db, p, unitId, asOf),
    streams: [
      ...(await listProjects(db, p, { unitId })).filter((x) => x.streamUrl !== null).map((x) => ({ kind: 'project' as const, id: x.id, title: `${x.code} ${x.name}`, url: x.streamUrl! })),
      ...(await unitInspectionStreams(db, unitId, asOf)).map((i) => ({ kind: 'inspection' as const, id: i.id, title: `${i.inspectedOn} ${i.place}`, url: i.url })),
    ],
    publicEvaluation: await publicEvaluationOf(db, unitId, asOf),
    previous,
  };
}
