import type { BulletinChange, BulletinSnapshot } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import type { Locale } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import { nextDay } from '../../lib/time-zone.js';
import * as campaignsRepo from '../campaigns/campaigns.repository.js';
import { getInspection, listInspections } from '../ledger/inspections.service.js';
import { listProblems } from '../ledger/ledger.service.js';
import { projectRates } from '../projects/projects.service.js';
import { getProgress, getRankings, runScores } from '../scores/scores.service.js';
import { listTasks } from '../tasks/tasks.service.js';
import * as repo from './bulletins.repository.js';
import { taskPolicies } from '../tasks/tasks.policy.js';
import { ledgerPolicies } from '../ledger/ledger.policy.js';

/**
 * The figures of a bulletin as of a date, taken from the modules that own them (score runs, 时序进度,
 * task and problem lights, inspections, project rates, campaign participation) — never recomputed here.
 * They are frozen as the bulletin's snapshot; a rebuild compares the new figures with the old.
 */

/** Behind 时序进度 by this much (a share) or more is red; any lag below it yellow. */
export const RED_LAG = -0.1;

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The run the bulletin reads its rankings from: the scheme's run as of the date, made now when there
 * is none — or always when rebuilding, so that the rebuilt figures read the data as it is now.
 */
async function runAsOf(db: Database, asOf: string, actor: Principal, fresh: boolean): Promise<{ id: number; asOf: string } | null> {
  const schemeId = await repo.findPublishedScheme(db, Number(asOf.slice(0, 4)));
  if (!schemeId) return null;
  const existing = fresh ? undefined : await repo.findRunAsOf(db, schemeId, asOf);
  if (existing) return { id: existing, asOf };
  try {
    const run = await runScores(db, schemeId, { asOf, trigger: 'bulletin', userId: actor.userId }, { actorId: actor.userId, actorName: actor.username });
    return { id: run.id, asOf };
  } catch {
    // Data that cannot be scored yet: the bulletin goes without rankings rather than not at all.
    return null;
  }
}

export async function buildSnapshot(
  db: Database,
  actor: Principal,
  locale: Locale,
  input: { seriesId: number; bulletinId: number | null; asOf: string; from: string; freshRun: boolean },
  previous: BulletinSnapshot | null,
  builtAt = new Date(),
): Promise<BulletinSnapshot> {
  const { asOf } = input;
  const from = input.from;
  const now = new Date(locale.zone.endOfDay(asOf));
  const inWindow = (d: string | null) => d !== null && d.slice(0, 10) >= from && d.slice(0, 10) <= asOf;
  const dateOf = (iso: string | null) => (iso ? locale.zone.date(iso) : null);

  // Rankings, with the change in rank and total since the previous bulletin.
  const run = await runAsOf(db, asOf, actor, input.freshRun);
  const prevUnits = new Map(previous?.rankings.flatMap((g) => g.units.map((u) => [u.unitId, u] as const)) ?? []);
  const rankings: BulletinSnapshot['rankings'] = run
    ? (await getRankings(db, actor, run.id, locale.lang)).groups.map((g) => ({
        code: g.code,
        name: g.name,
        units: g.units.map((u) => {
          const prev = prevUnits.get(u.unitId);
          return { unitId: u.unitId, name: u.name, total: round(u.total), rank: u.rank, grade: u.grade, prevRank: prev?.rank ?? null, change: prev ? round(u.total - prev.total) : null };
        }),
      }))
    : [];

  // Indicators behind 时序进度, by unit: red at 10 percentage points or more.
  const progress = new Map<number, BulletinSnapshot['progress'][number]>();
  if (run) {
    for (const r of (await getProgress(db, actor, run.id, locale.lang)).rows) {
      if (!r.lagging) continue;
      const entry = progress.get(r.unitId) ?? { unitId: r.unitId, name: r.unitName, red: [], yellow: [] };
      const item = { code: r.code, name: r.name, completion: round(r.completion, 4), expected: round(r.expected, 4), lag: round(r.lag, 4) };
      (r.lag <= RED_LAG ? entry.red : entry.yellow).push(item);
      progress.set(r.unitId, entry);
    }
  }

  // Task lights by lead unit as of the date, and the overdue tasks with their named leaders.
  const tasks = (await listTasks(db, taskPolicies.listScope(actor), {}, locale, now)).items.filter((t) => t.startDate <= asOf && t.status !== 'draft' && t.status !== 'review');
  const emptyLights = () => ({ green: 0, blue: 0, yellow: 0, red: 0, overdue: 0 });
  const totals = emptyLights();
  const taskUnits = new Map<number, ReturnType<typeof emptyLights> & { unitId: number; name: string }>();
  const overdue: BulletinSnapshot['tasks']['overdue'] = [];
  for (const t of tasks) {
    const closedBy = t.closedAt ? dateOf(t.closedAt)! <= asOf : false;
    if (closedBy) continue;
    const light = t.light.light;
    const row = taskUnits.get(t.leadUnit.id) ?? { unitId: t.leadUnit.id, name: t.leadUnit.name, ...emptyLights() };
    if (light) {
      row[light]++;
      totals[light]++;
    }
    if (t.deadline < asOf) {
      row.overdue++;
      totals.overdue++;
      overdue.push({ id: t.id, title: t.title, unit: t.leadUnit.name, unitId: t.leadUnit.id, leader: t.responsibleLeader, deadline: t.deadline, reason: t.light.reason });
    }
    taskUnits.set(t.leadUnit.id, row);
  }

  // The problem ledger: put on it and closed out in the period, open and overdue at its end.
  const problems = (await listProblems(db, ledgerPolicies.listScope(actor), {}, locale, now)).items.filter((p) => p.startDate <= asOf);
  const ledgerUnits = new Map<number, BulletinSnapshot['ledger']['units'][number]>();
  const ledger = { opened: 0, closed: 0, open: 0, overdue: 0 };
  for (const p of problems) {
    const closedOn = dateOf(p.closedAt);
    const row = ledgerUnits.get(p.unit.id) ?? { unitId: p.unit.id, name: p.unit.name, opened: 0, closed: 0, open: 0, overdue: 0 };
    const add = (k: 'opened' | 'closed' | 'open' | 'overdue') => {
      row[k]++;
      ledger[k]++;
    };
    if (inWindow(p.startDate)) add('opened');
    if (closedOn && inWindow(closedOn)) add('closed');
    const openAtEnd = !closedOn || closedOn > asOf;
    if (openAtEnd) add('open');
    if (openAtEnd && p.deadline < asOf) add('overdue');
    if (row.opened || row.closed || row.open) ledgerUnits.set(p.unit.id, row);
  }

  // Inspections in the period, with their findings and the photos taken.
  const inspections: BulletinSnapshot['inspections'] = [];
  for (const i of (await listInspections(db, { from, to: asOf })).items) {
    const detail = await getInspection(db, i.id);
    const unitNames = new Map((await repo.findUnitsByIds(db, detail.items.flatMap((f) => (f.unitId ? [f.unitId] : [])))).map((u) => [u.id, u.name]));
    inspections.push({
      id: i.id,
      title: `${i.place}（${i.inspector}）`,
      date: String(i.inspectedOn).slice(0, 10),
      findings: detail.items.map((f) => ({
        id: f.id,
        unitId: f.unitId,
        unit: f.unitId ? (unitNames.get(f.unitId) ?? '') : '',
        description: f.title ? `${f.title}：${f.description}` : f.description,
        place: f.place,
        mediaIds: f.media.filter((m) => m.kind === 'image' && m.thumbnailUrl).map((m) => m.id),
      })),
    });
  }

  // Major projects' four rates by unit, as of the month of the date, against 时序进度.
  const rates = await projectRates(db, actor, { asOf: asOf.slice(0, 7) });
  const rate = (v: { value: number | null }) => (v.value === null ? null : round(v.value, 4));
  const projects: BulletinSnapshot['projects'] = {
    schedule: rates.projects.length ? round(rates.schedule.value, 4) : null,
    units: rates.units.map((u) => ({
      unitId: u.unit.id,
      name: u.unit.name,
      projectCount: u.projectCount,
      start: rate(u.rates.startRate),
      funding: rate(u.rates.fundsInPlaceRate),
      payment: rate(u.rates.paymentRate),
      investment: rate(u.rates.investmentCompletionRate),
      lagging: u.lagging,
    })),
  };

  // Public evaluation: participation of every campaign open on the date.
  const participation: BulletinSnapshot['participation'] = [];
  for (const c of await campaignsRepo.findCampaigns(db)) {
    const started = c.opened_at ? dateOf(new Date(c.opened_at).toISOString())! <= asOf : false;
    const stillOpen = c.status === 'open' || (c.closed_at !== null && dateOf(new Date(c.closed_at).toISOString())! >= asOf);
    if (!started || !stillOpen) continue;
    const n = await campaignsRepo.participation(db, c.id);
    participation.push({ id: c.id, name: c.name, responses: n.responses, invited: n.invited, suggestions: n.suggestions });
  }

  const mentions = new Set<number>([
    ...rankings.flatMap((g) => g.units.map((u) => u.unitId)),
    ...progress.keys(),
    ...taskUnits.keys(),
    ...ledgerUnits.keys(),
    ...inspections.flatMap((i) => i.findings.flatMap((f) => (f.unitId ? [f.unitId] : []))),
    ...projects.units.map((u) => u.unitId),
  ]);
  return {
    asOf,
    from,
    builtAt: builtAt.toISOString(),
    run,
    rankings,
    progress: [...progress.values()].sort((a, b) => b.red.length - a.red.length || b.yellow.length - a.yellow.length || a.name.localeCompare(b.name, 'zh')),
    tasks: { totals, units: [...taskUnits.values()].sort((a, b) => b.red - a.red || b.overdue - a.overdue), overdue: overdue.sort((a, b) => a.deadline.localeCompare(b.deadline)) },
    ledger: { ...ledger, units: [...ledgerUnits.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open) },
    inspections,
    projects,
    participation,
    mentions: [...mentions].sort((a, b) => a - b),
  };
}

/** The figures a person compares between two builds, labelled as the page shows them. */
function keyFigures(s: BulletinSnapshot): Map<string, number | string | null> {
  const m = new Map<string, number | string | null>();
  m.set('计分批次 / score run as of', s.run?.asOf ?? null);
  for (const g of s.rankings) for (const u of g.units) {
    m.set(`${u.name} 总分 / total`, u.total);
    m.set(`${u.name} 排名 / rank`, u.rank);
  }
  m.set('落后时序进度的单位 / units behind 时序进度', s.progress.length);
  for (const p of s.progress) m.set(`${p.name} 落后指标（红/黄） / lagging indicators (red/yellow)`, `${p.red.length}/${p.yellow.length}`);
  for (const k of ['green', 'blue', 'yellow', 'red', 'overdue'] as const) m.set(`督办事项 ${k}`, s.tasks.totals[k]);
  for (const k of ['opened', 'closed', 'open', 'overdue'] as const) m.set(`问题台账 ${k}`, s.ledger[k]);
  m.set('暗访发现问题 / inspection findings', s.inspections.reduce((n, i) => n + i.findings.length, 0));
  for (const u of s.projects.units) m.set(`${u.name} 投资完成率 / investment completion`, u.investment);
  for (const c of s.participation) m.set(`${c.name} 参与人数 / responses`, c.responses);
  return m;
}

/** What moved between the old figures and the new, one line a figure. */
export function snapshotChanges(before: BulletinSnapshot | null, after: BulletinSnapshot): BulletinChange[] {
  if (!before) return [];
  const a = keyFigures(before);
  const b = keyFigures(after);
  const out: BulletinChange[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? null;
    const y = b.get(key) ?? null;
    if (x !== y) out.push({ label: key, from: x, to: y });
  }
  return out;
}

/** The 旬 a date closes: 1–10, 11–20, 21–end of month. */
export function tenDayOf(date: string): { start: string; end: string; label: string } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const [startDay, endDay, name] = d <= 10 ? [1, 10, '上旬'] : d <= 20 ? [11, 20, '中旬'] : [21, last, '下旬'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return { start: `${y}-${pad(m)}-${pad(startDay)}`, end: `${y}-${pad(m)}-${pad(endDay)}`, label: `${y}年${m}月${name}` };
}

/** The first day a bulletin reports on: after the previous one of the series, or else the 旬's first day (ten-day series) or the year's. */
export const periodStart = (asOf: string, previousAsOf: string | null, tenDay: boolean): string =>
  previousAsOf && previousAsOf < asOf ? nextDay(previousAsOf) : tenDay ? tenDayOf(asOf).start : `${asOf.slice(0, 4)}-01-01`;
