import {
  TASK_LIGHTS,
  currentPeriod,
  type LeaderWorkbench,
  type OfficeWorkbench,
  type SourceWorkbench,
  type SupervisionWorkbench,
  type TaskDto,
  type TaskLight,
  type UnitWorkbench,
  type BulletinListQuery,
  type BulletinSummary,
  type Workbench,
  type WorkbenchBulletin,
  type WorkbenchItem,
} from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import { forbidden } from '../../errors.js';
import { localize, type Locale } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import { listBulletins, listSeries, pendingBulletins } from '../bulletins/bulletins.service.js';
import * as campaignsRepo from '../campaigns/campaigns.repository.js';
import { listInspections } from '../ledger/inspections.service.js';
import { listProblems } from '../ledger/ledger.service.js';
import { latestReportMonth, projectRates } from '../projects/projects.service.js';
import * as reportingRepo from '../reporting/data.repository.js';
import { filingStatus, findDue, getGrid } from '../reporting/data.service.js';
import { countReviewQueueBySource, findReviewQueue } from '../reporting/review-queue.service.js';
import { listSchemes } from '../schemes/schemes.service.js';
import { compareRuns, getProgress, getRankings, listRuns } from '../scores/scores.service.js';
import { listSuggestions } from '../suggestions/suggestions.service.js';
import { overview } from '../supervision-overview/supervision-overview.service.js';
import { listTasks } from '../tasks/tasks.service.js';
import { workbenchRole } from './workbench.policy.js';
import { taskPolicies } from '../tasks/tasks.policy.js';
import { suggestionPolicies } from '../suggestions/suggestions.policy.js';
import { bulletinPolicies } from '../bulletins/bulletins.policy.js';
import { ledgerPolicies } from '../ledger/ledger.policy.js';

/**
 * The admin's paths the figures link to; each list reads the same query (see the pages'
 * filter-from-address hooks), so a click shows the items a figure counts.
 */
const PATHS = {
  review: '/assessment/review',
  reporting: '/assessment/reporting',
  results: '/assessment/results',
  progress: '/assessment/progress',
  campaigns: '/public-evaluation/campaigns',
  suggestions: '/public-evaluation/suggestions',
  overview: '/supervision/overview',
  tasks: '/supervision/tasks',
  problems: '/supervision/problems',
  inspections: '/supervision/inspections',
  projects: '/projects',
  bulletins: '/bulletins',
} as const;

/** `path?k=v&…`, leaving out undefined values. */
export function linkTo(path: string, query: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const itemOf = (t: TaskDto): WorkbenchItem => ({
  id: t.id,
  title: t.title,
  unit: t.leadUnit.name,
  deadline: t.deadline,
  light: t.light.light,
  reason: t.light.reason,
  link: `${PATHS.tasks}/${t.id}`,
});

const bulletinOf = (b: BulletinSummary): WorkbenchBulletin => ({
  id: b.id,
  title: b.title,
  docNumber: b.docNumber,
  asOf: b.asOf,
  status: b.status,
  signed: b.signed,
  recipients: b.recipients,
  link: `${PATHS.bulletins}/${b.id}`,
});

/** The bulletins the archive lists for `query` (the same query the link opens): their number and the newest five. */
async function bulletinFigure(db: Database, p: Principal, query: Omit<BulletinListQuery, 'limit' | 'offset'>) {
  const { items, total } = await listBulletins(db, bulletinPolicies.listScope(p), { ...query, limit: 5, offset: 0 });
  return { count: total, link: linkTo(PATHS.bulletins, query), items: items.map(bulletinOf) };
}

/** The current year's published scheme (the newest published one). */
async function currentScheme(db: Database) {
  const published = (await listSchemes(db)).filter((s) => s.status === 'published');
  return published.sort((a, b) => b.year - a.year || b.version - a.version)[0];
}

/** The newest score run of a scheme and the one before it. */
async function latestRuns(db: Database, schemeId: number) {
  const runs = await listRuns(db, schemeId);
  return { latest: runs[0], previous: runs[1] };
}

async function officeWorkbench(db: Database, p: Principal, locale: Locale, today: string): Promise<OfficeWorkbench> {
  const scheme = await currentScheme(db);
  const say = (zh: string, en: string) => localize(locale.lang, zh, en);

  // Reporting of this 旬 and this month: the units that have not filed everything.
  const reporting: OfficeWorkbench['reporting'] = [];
  if (scheme) {
    for (const frequency of ['tenDay', 'month'] as const) {
      const periods = (await reportingRepo.findPeriods(db, scheme.id, frequency)).map((r) => ({ ...r, start: r.start_date, end: r.end_date }));
      const period = currentPeriod(periods, today);
      if (!period) continue;
      const { units } = await filingStatus(db, p, period.id);
      const behind = units.filter((u) => u.filed < u.expected);
      reporting.push({
        period: { id: period.id, key: period.key, label: period.label, frequency, end: period.end },
        overdue: period.end < today,
        units: units.length,
        behind: { count: behind.length, link: linkTo(PATHS.review, { tab: 'status', period: period.id, behind: 1 }) },
        worst: behind.slice(0, 5).map((u) => ({ unitId: u.unitId, unitName: u.unitName, expected: u.expected, filed: u.filed })),
      });
    }
  }

  // The review queue by the unit that supplies the data.
  const queueFilter = scheme ? { schemeId: scheme.id } : {};
  const [queue, bySource] = await Promise.all([findReviewQueue(db, p, queueFilter), countReviewQueueBySource(db, p, queueFilter)]);
  const review: OfficeWorkbench['review'] = {
    total: { count: queue.length, link: PATHS.review },
    bySource: bySource.map((s) => ({
      sourceUnitId: s.sourceUnitId,
      name: s.name ?? say('各单位自报', 'Reported by the units'),
      count: s.count,
      link: linkTo(PATHS.review, { source: s.sourceUnitId ?? 'self' }),
    })),
  };

  // The latest score run, what moved most since the one before, and who is behind 时序进度.
  let latestRun: OfficeWorkbench['latestRun'] = null;
  let behind: OfficeWorkbench['behind'] = null;
  if (scheme) {
    const { latest, previous } = await latestRuns(db, scheme.id);
    if (latest) {
      let movers: NonNullable<OfficeWorkbench['latestRun']>['movers'] = [];
      let changed: NonNullable<OfficeWorkbench['latestRun']>['changed'] = null;
      if (previous) {
        const { changes } = await compareRuns(db, p, previous.id, latest.id, locale.lang);
        // The units the comparison lists (score, rank, grade or an indicator moved), biggest total change first.
        const moved = changes.map((c) => ({ c, delta: (c.to?.total ?? 0) - (c.from?.total ?? 0) }));
        changed = { count: changes.length, link: linkTo(PATHS.results, { scheme: scheme.id, run: latest.id, tab: 'changes', from: previous.id }) };
        movers = moved
          .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
          .slice(0, 5)
          .map(({ c, delta }) => ({
            unitId: c.unitId,
            name: c.name,
            fromRank: c.from?.rank ?? null,
            toRank: c.to?.rank ?? null,
            delta: Math.round(delta * 100) / 100,
            link: linkTo(`${PATHS.results}/${latest.id}/units/${c.unitId}`, { scheme: scheme.id }),
          }));
      }
      latestRun = { id: latest.id, asOf: latest.asOf, createdAt: latest.createdAt, previousAsOf: previous?.asOf ?? null, changed, movers };
      const progress = await getProgress(db, p, latest.id, locale.lang);
      const lagging = progress.rows.filter((r) => r.lagging);
      const indicators = new Map<number, OfficeWorkbench['behind'] extends infer B ? (B extends { indicators: (infer I)[] } ? I : never) : never>();
      for (const r of lagging) {
        const i = indicators.get(r.indicatorId) ?? { indicatorId: r.indicatorId, code: r.code, name: r.name, lagging: 0, link: linkTo(PATHS.progress, { scheme: scheme.id, run: latest.id, indicator: r.indicatorId }) };
        i.lagging += 1;
        indicators.set(r.indicatorId, i);
      }
      behind = { units: new Set(lagging.map((r) => r.unitId)).size, indicators: [...indicators.values()].sort((a, b) => b.lagging - a.lagging) };
    }
  }

  // Open campaigns and how many have taken part so far.
  const campaigns: OfficeWorkbench['campaigns'] = [];
  for (const c of (await campaignsRepo.findCampaigns(db)).filter((c) => c.status === 'open')) {
    const n = await campaignsRepo.participation(db, c.id);
    campaigns.push({ id: c.id, name: c.name, responses: n.responses, invited: n.invited, suggestions: n.suggestions, link: `${PATHS.campaigns}/${c.id}` });
  }

  // Bulletins (通报): drafts to approve, approved ones to issue, and who has not signed for the latest issued one.
  const [drafts, toIssue, pending] = await Promise.all([
    bulletinFigure(db, p, { status: 'draft' }),
    bulletinFigure(db, p, { status: 'approved' }),
    pendingBulletins(db, p),
  ]);
  const bulletins: OfficeWorkbench['bulletins'] = {
    drafts,
    toIssue,
    unsigned: pending.unsigned.map((u) => ({ bulletin: bulletinOf(u.bulletin), units: u.units.map((x) => ({ id: x.id, name: x.name })) })),
  };
  return { role: 'office', today, scheme: scheme ? { id: scheme.id, name: scheme.name, year: scheme.year } : null, reporting, review, latestRun, behind, campaigns, bulletins };
}

/** Each light's count of a list, each linking to the list filtered by that light. */
function lightFigures(counts: Record<TaskLight, number>, path: string, extra: Record<string, string> = {}) {
  return Object.fromEntries(TASK_LIGHTS.map((l) => [l, { count: counts[l], link: linkTo(path, { ...extra, light: l }) }])) as Record<TaskLight, { count: number; link: string }>;
}

async function supervisionWorkbench(db: Database, p: Principal, locale: Locale, today: string): Promise<SupervisionWorkbench> {
  const until = addDays(today, 6);
  const [tasks, problems, due, closeOut, inspections] = await Promise.all([
    listTasks(db, taskPolicies.listScope(p), {}, locale),
    listProblems(db, ledgerPolicies.listScope(p), {}, locale),
    listTasks(db, taskPolicies.listScope(p), { dueFrom: today, dueBy: until }, locale),
    listProblems(db, ledgerPolicies.listScope(p), { status: 'submitted' }, locale),
    listInspections(db, {}),
  ]);
  const red = tasks.items.filter((t) => t.light.light === 'red').sort((a, b) => Number(b.light.alert) - Number(a.light.alert) || a.deadline.localeCompare(b.deadline));
  // Bulletins of the supervision series (督查通报).
  const bulletins = await Promise.all(
    (await listSeries(db)).items
      .filter((s) => s.kind === 'supervision')
      .map(async (s) => ({ seriesId: s.id, name: s.name, ...(await bulletinFigure(db, p, { seriesId: s.id })) })),
  );
  return {
    bulletins,
    role: 'supervisor',
    today,
    tasks: lightFigures(tasks.counts, PATHS.tasks),
    problems: lightFigures(problems.counts, PATHS.problems),
    alerts: {
      tasks: { count: tasks.counts.alert, link: linkTo(PATHS.tasks, { alert: 1 }) },
      problems: { count: problems.counts.alert, link: linkTo(PATHS.problems, { alert: 1 }) },
    },
    red: red.slice(0, 8).map(itemOf),
    dueThisWeek: { count: due.items.length, until, link: linkTo(PATHS.tasks, { dueFrom: today, dueBy: until }) },
    awaitingCloseOut: { count: closeOut.items.length, link: linkTo(PATHS.problems, { status: 'submitted' }) },
    inspections: inspections.items.slice(0, 5).map((i) => ({ id: i.id, title: i.place, date: i.inspectedOn, findings: i.findings, link: `${PATHS.inspections}/${i.id}` })),
  };
}

async function leaderWorkbench(db: Database, p: Principal, locale: Locale, today: string): Promise<LeaderWorkbench> {
  const name = p.displayName;
  const [named, city] = await Promise.all([listTasks(db, taskPolicies.listScope(p), { leader: name }, locale), overview(db, p, {}, locale)]);
  const open = named.items.filter((t) => t.status !== 'closed' && t.light.light);
  const order: Record<string, number> = { red: 0, yellow: 1, blue: 2, green: 3 };
  const scheme = await currentScheme(db);
  let rankings: LeaderWorkbench['rankings'] = null;
  if (scheme) {
    const { latest } = await latestRuns(db, scheme.id);
    if (latest) {
      const r = await getRankings(db, p, latest.id, locale.lang);
      const entry = (u: { unitId: number; name: string; rank: number; total: number }) => ({
        unitId: u.unitId,
        name: u.name,
        rank: u.rank,
        total: u.total,
        link: linkTo(`${PATHS.results}/${latest.id}/units/${u.unitId}`, { scheme: scheme.id }),
      });
      rankings = {
        runId: latest.id,
        asOf: latest.asOf,
        groups: r.groups.map((g) => {
          const sorted = [...g.units].sort((a, b) => a.rank - b.rank);
          return { code: g.code, name: g.name, top: sorted.slice(0, 3).map(entry), bottom: sorted.length > 3 ? sorted.slice(-3).reverse().map(entry) : [] };
        }),
      };
    }
  }
  const month = (await latestReportMonth(db, p, {})) ?? today.slice(0, 7);
  const rates = await projectRates(db, p, { asOf: month });
  const lagging = rates.projects.filter((x) => x.lagging.length > 0);
  const bulletins = await bulletinFigure(db, p, { status: 'issued' });
  return {
    bulletins,
    role: 'leader',
    today,
    name,
    named: {
      count: named.items.length,
      link: linkTo(PATHS.tasks, { leader: name }),
      lights: lightFigures(named.counts, PATHS.tasks, { leader: name }),
      items: open.sort((a, b) => order[a.light.light!]! - order[b.light.light!]! || a.deadline.localeCompare(b.deadline)).slice(0, 8).map(itemOf),
    },
    groups: city.groups.map((g) => ({
      code: g.code,
      name: locale.lang === 'en' && g.nameEn ? g.nameEn : g.name,
      lights: { green: g.all.green, blue: g.all.blue, yellow: g.all.yellow, red: g.all.red },
      open: g.all.open,
      link: linkTo(PATHS.overview, { group: g.code }),
    })),
    groupsLink: PATHS.overview,
    rankings,
    projects: {
      count: lagging.length,
      total: rates.projects.length,
      asOf: month,
      link: linkTo(PATHS.projects, { asOf: month, lagging: 1 }),
      items: lagging.slice(0, 6).map((x) => ({ id: x.id, name: x.name, unit: x.unit.name, lagging: x.lagging })),
    },
  };
}

async function unitWorkbench(db: Database, p: Principal, locale: Locale, today: string): Promise<UnitWorkbench> {
  const unitId = p.unitId;
  if (!unitId) throw forbidden('该账号未关联单位 / this account belongs to no unit');
  const [unitName] = await Promise.all([reportingRepo.findUnitName(db, unitId)]);
  const due = await findDue(db, p, unitId, today);
  const periodLink = (periodId: number) => linkTo(PATHS.reporting, { period: periodId });

  // Values returned with the reason: read from the grids of the periods that hold any.
  const returned: UnitWorkbench['returned'] = [];
  for (const d of due.filter((x) => x.returned > 0)) {
    const grid = await getGrid(db, p, unitId, d.periodId);
    for (const r of grid.rows.filter((row) => row.status === 'returned')) {
      returned.push({ periodLabel: grid.period.label, code: r.indicator.code, name: r.indicator.name, reason: r.returnReason ?? '', link: periodLink(d.periodId) });
    }
  }

  const [toSign, toReport, forwarded, answerReturned] = await Promise.all([
    listTasks(db, taskPolicies.listScope(p), { status: 'issued' }, locale),
    listTasks(db, taskPolicies.listScope(p), { status: 'in_progress' }, locale),
    listSuggestions(db, suggestionPolicies.listScope(p), { status: 'forwarded' }, today),
    listSuggestions(db, suggestionPolicies.listScope(p), { status: 'returned' }, today),
  ]);
  // Notices to answer, and answers the office returned (listed first, to answer again).
  const notices = [...answerReturned.items, ...forwarded.items];
  const order: Record<string, number> = { red: 0, yellow: 1, blue: 2, green: 3 };
  const taskItems = [...toSign.items, ...toReport.items].sort((a, b) => (order[a.light.light ?? 'green'] ?? 3) - (order[b.light.light ?? 'green'] ?? 3) || a.deadline.localeCompare(b.deadline));

  // Bulletins to sign for (签收).
  const bulletins = await bulletinFigure(db, p, { unsigned: '1' });
  return {
    bulletins,
    role: p.role === 'head' ? 'head' : 'reporter',
    today,
    unit: { id: unitId, name: unitName?.name ?? `#${unitId}` },
    due: due.map((d) => ({ periodId: d.periodId, label: d.periodLabel, end: d.end, overdue: d.overdue, missing: d.missing, drafts: d.drafts, returned: d.returned, link: periodLink(d.periodId) })),
    returned,
    tasks: {
      toSign: { count: toSign.items.length, link: linkTo(PATHS.tasks, { status: 'issued' }) },
      toReport: { count: toReport.items.length, link: linkTo(PATHS.tasks, { status: 'in_progress' }) },
      items: taskItems.slice(0, 8).map(itemOf),
    },
    notices: {
      count: forwarded.items.length,
      link: linkTo(PATHS.suggestions, { status: 'forwarded' }),
      items: notices.slice(0, 6).map((s) => ({ id: s.id, noticeNo: s.noticeNo, deadline: s.deadline, text: s.body.slice(0, 80), link: linkTo(PATHS.suggestions, { status: s.status }) })),
    },
    // The head submits: periods holding drafts or returned values; ready when nothing is missing and no return is left to fix.
    toSubmit:
      p.role === 'head'
        ? due.filter((d) => d.drafts + d.returned > 0).map((d) => ({ periodId: d.periodId, label: d.periodLabel, values: d.drafts + d.returned, ready: d.missing === 0 && d.returned === 0, link: periodLink(d.periodId) }))
        : null,
  };
}

async function sourceWorkbench(db: Database, p: Principal, today: string): Promise<SourceWorkbench> {
  const queue = await findReviewQueue(db, p, {});
  return { role: 'datasource', today, review: { count: queue.length, link: PATHS.review } };
}

/** The caller's workbench, the layout chosen by the role on the server. */
export async function getWorkbench(db: Database, p: Principal, locale: Locale): Promise<Workbench> {
  const today = locale.zone.date();
  switch (workbenchRole(p)) {
    case 'office':
      return officeWorkbench(db, p, locale, today);
    case 'supervisor':
      return supervisionWorkbench(db, p, locale, today);
    case 'leader':
      return leaderWorkbench(db, p, locale, today);
    case 'unit':
      return unitWorkbench(db, p, locale, today);
    case 'datasource':
      return sourceWorkbench(db, p, today);
  }
}
