import { PROBLEM_SOURCES, TASK_SOURCES, type OverviewCounts, type OverviewLeaderRow, type OverviewUnitRow, type SupervisionOverview, type SupervisionOverviewQuery } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import type { Locale } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import type { TimeZone } from '../../lib/time-zone.js';
import { computeLight, type LightOptions, type LightResult } from '../lights/lights.js';
import { lightOptions } from '../lights/light-options.js';
import { overviewPolicies } from './supervision-overview.policy.js';
import * as repo from './supervision-overview.repository.js';

/**
 * The supervision overview (督查总览): per unit — the lead unit of a task, the responsible unit of
 * a problem — the items by light, the overdue ones, how many are closed out and how fast; the
 * city's totals, the groups, and the leaders' view (the tasks each responsible leader answers for).
 * Lights are computed the way the task list and the problem ledger compute them (tasks/lights.ts).
 */

interface Item {
  id: number;
  title: string;
  unitId: number;
  leader: string;
  deadline: string;
  light: LightResult;
  closed: boolean;
  daysToClose: number | null;
}

const RED_ITEMS_PER_LEADER = 20;

/** Counts a list of items; used for every row, group, leader and total. */
export function countItems(items: readonly Pick<Item, 'light' | 'closed' | 'daysToClose'>[]): OverviewCounts {
  const c: OverviewCounts = { total: items.length, open: 0, green: 0, blue: 0, yellow: 0, red: 0, overdue: 0, alert: 0, closed: 0, closeRate: null, avgDaysToClose: null };
  let days = 0;
  let timed = 0;
  for (const i of items) {
    if (i.closed) {
      c.closed++;
      if (i.daysToClose !== null) {
        days += i.daysToClose;
        timed++;
      }
      continue;
    }
    c.open++;
    const light = i.light.light;
    if (light) c[light]++;
    // Overdue is red by the light rule: open and past the deadline.
    if (light === 'red') c.overdue++;
    if (i.light.alert) c.alert++;
  }
  c.closeRate = c.total ? c.closed / c.total : null;
  c.avgDaysToClose = timed ? Math.round((days / timed) * 10) / 10 : null;
  return c;
}

const addTo = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

const DAY = 86_400_000;

/** Whole days from the start date to the day (in the deployment's zone) it was closed out; null while open. */
const daysToClose = (r: repo.ItemRow, zone: TimeZone) =>
  r.closed_at === null ? null : Math.round((Date.parse(`${zone.date(r.closed_at)}T00:00:00Z`) - Date.parse(`${r.start_date}T00:00:00Z`)) / DAY);

/** A task or problem as the overview counts it, with its light. */
function itemOf(r: repo.ItemRow, progress: number | null, now: Date, lights: LightOptions & { zone: TimeZone }): Item {
  const closed = r.status === 'closed';
  return {
    id: r.id,
    title: r.title,
    unitId: r.unit_id,
    leader: r.responsible_leader,
    deadline: r.deadline,
    closed,
    daysToClose: closed ? daysToClose(r, lights.zone) : null,
    light: computeLight(
      {
        start: r.start_date,
        scheduleFrom: r.schedule_from === null || typeof r.schedule_from === 'string' ? r.schedule_from : new Date(r.schedule_from).toISOString(),
        deadline: r.deadline,
        done: closed,
        progress,
        returned: r.returned,
        lastActionAt: r.last_action_at ? new Date(r.last_action_at).toISOString() : null,
      },
      now,
      lights,
    ),
  };
}

type Lights = LightOptions & { zone: TimeZone };

const taskItem = (r: repo.ItemRow, now: Date, lights: Lights): Item => itemOf(r, r.progress, now, lights);

/** A problem's light measures the share of its checklist done against 时序进度, as the ledger does. */
const problemItem = (r: repo.ProblemItemRow, now: Date, lights: Lights): Item =>
  itemOf(r, r.requirements_total ? Math.round((r.requirements_done / r.requirements_total) * 1000) / 10 : 0, now, lights);

const isTaskSource = (s: string) => (TASK_SOURCES as readonly string[]).includes(s);
const isProblemSource = (s: string) => (PROBLEM_SOURCES as readonly string[]).includes(s);

export async function overview(db: Database, p: Principal, q: SupervisionOverviewQuery, locale: Locale, now = new Date()): Promise<SupervisionOverview> {
  const cityWide = overviewPolicies.readAll(p);
  const filter: repo.ItemFilter = { from: q.from, to: q.to, source: q.source, unitId: cityWide ? undefined : overviewPolicies.ownUnit(p) };
  const lights = { ...(await lightOptions(db, locale)), zone: locale.zone };
  const [taskRows, problemRows] = await Promise.all([
    q.source && !isTaskSource(q.source) ? [] : repo.findTaskItems(db, filter),
    q.source && !isProblemSource(q.source) ? [] : repo.findProblemItems(db, filter),
  ]);
  const tasks = taskRows.map((r) => taskItem(r, now, lights));
  const problems = problemRows.map((r) => problemItem(r, now, lights));

  const tasksByUnit = new Map<number, Item[]>();
  const problemsByUnit = new Map<number, Item[]>();
  for (const t of tasks) addTo(tasksByUnit, t.unitId, t);
  for (const x of problems) addTo(problemsByUnit, x.unitId, x);
  // A unit always has its own row, even when nothing is assigned to it.
  const unitIds = new Set([...tasksByUnit.keys(), ...problemsByUnit.keys()]);
  if (!cityWide && p.unitId !== null) unitIds.add(p.unitId);
  const units = await repo.findUnits(db, [...unitIds]);

  const rows: OverviewUnitRow[] = units.map((u) => {
    const ut = tasksByUnit.get(u.id) ?? [];
    const up = problemsByUnit.get(u.id) ?? [];
    return {
      unit: { id: u.id, code: u.code, name: u.name, groupCode: u.group_code, groupName: u.group_name, groupNameEn: u.group_name_en },
      tasks: countItems(ut),
      problems: countItems(up),
      all: countItems([...ut, ...up]),
    };
  });

  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const groupOf = new Map(units.map((u) => [u.id, u]));
  const byGroup = new Map<string, Item[]>();
  const groupNames = new Map<string, { name: string; nameEn: string | null; order: number }>();
  if (cityWide) {
    for (const i of [...tasks, ...problems]) {
      const u = groupOf.get(i.unitId);
      if (!u?.group_code) continue;
      groupNames.set(u.group_code, { name: u.group_name ?? u.group_code, nameEn: u.group_name_en, order: u.group_order ?? 0 });
      addTo(byGroup, u.group_code, i);
    }
  }
  const groups = [...byGroup.entries()]
    .sort((a, b) => groupNames.get(a[0])!.order - groupNames.get(b[0])!.order)
    .map(([code, items]) => ({ code, name: groupNames.get(code)!.name, nameEn: groupNames.get(code)!.nameEn, all: countItems(items) }));

  const byLeader = new Map<string, Item[]>();
  for (const t of tasks) addTo(byLeader, t.leader, t);
  const leaders: OverviewLeaderRow[] = [...byLeader.entries()]
    .map(([leader, items]) => ({
      leader,
      units: [...new Set(items.map((i) => unitName.get(i.unitId) ?? ''))],
      counts: countItems(items),
      red: items
        .filter((i) => !i.closed && i.light.light === 'red')
        .slice(0, RED_ITEMS_PER_LEADER)
        .map((i) => ({ id: i.id, title: i.title, unit: { id: i.unitId, name: unitName.get(i.unitId) ?? '' }, deadline: i.deadline, reason: i.light.reason, alert: i.light.alert })),
    }))
    .sort((a, b) => b.counts.red - a.counts.red || b.counts.open - a.counts.open || a.leader.localeCompare(b.leader, 'zh-CN'));

  return {
    asOf: now.toISOString(),
    cityWide,
    totals: { tasks: countItems(tasks), problems: countItems(problems), all: countItems([...tasks, ...problems]) },
    units: rows,
    groups,
    leaders,
  };
}
