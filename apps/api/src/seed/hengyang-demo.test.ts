import { generatePeriods, progressAt, scoreIndicator, type Frequency } from '@kaoping/scoring';
import { DEFAULT_PROGRESS_BASIS, METHODS } from '@kaoping/shared';
import { cellProblem } from '../modules/reporting/entry-checks.js';
import { describe, expect, it } from 'vitest';
import { flattenIndicators, toMethodConfig, validateScheme, type SchemeContext } from '../modules/schemes/scheme-validate.js';
import { generateDemoData } from './hengyang-data-2021.js';
import { hengyangScheme2021 } from './hengyang-scheme-2021.js';
import { DEMO_GROUPS, demoUnits } from './hengyang-units.js';
import { computeLight } from '../modules/lights/lights.js';
import { shiftDate, supervisionDemoPlan } from './seed-supervision.js';

const units = demoUnits();
const context: SchemeContext = {
  groups: new Map(DEMO_GROUPS.map((g) => [g.code, { name: g.name, units: units.filter((u) => u.groupCode === g.code).map((u) => ({ code: u.code, name: u.name })) }])),
  unitCodes: new Set(units.map((u) => u.code)),
};
const doc = hengyangScheme2021();
const leaves = flattenIndicators(doc).filter((f) => f.isLeaf);
const unitRefs = units.map((u) => ({ code: u.code, groupCode: u.groupCode }));
const data = generateDemoData(doc, unitRefs);

describe('the Hengyang 2021 demo scheme', () => {
  it('is a valid, visibly fictional 千分制 scheme for 2021', () => {
    expect(validateScheme(doc, context).issues).toEqual([]);
    expect(doc.year).toBe(2021);
    expect(doc.name).toContain('演示');
    expect(doc.total).toBe(1000);
    expect(doc.components.map((c) => [c.name, c.points, c.source ?? 'indicators'])).toEqual([
      ['重点工作', 700, 'indicators'],
      ['公众评估', 150, 'public'],
      ['领导评价', 150, 'indicators'],
    ]);
    expect(doc.grading?.quotas).toEqual([{ grade: '优秀', maxShare: 0.3 }]);
    expect(doc.bonusCap).toBeGreaterThan(0);
    expect(doc.deductionCap).toBeGreaterThan(0);
  });

  it('has at least 40 leaves over all eight groups, using every scoring method', () => {
    expect(leaves.length).toBeGreaterThanOrEqual(40);
    for (const g of DEMO_GROUPS) expect(leaves.some((l) => l.groups.includes(g.code)), g.code).toBe(true);
    expect(new Set(leaves.map((l) => l.node.method!.type))).toEqual(new Set(METHODS));
    // the leader evaluation is graded for everyone
    for (const g of DEMO_GROUPS) expect(leaves.some((l) => l.component === 'leader' && l.groups.includes(g.code) && l.node.method?.type === 'grade')).toBe(true);
    const frequencies = new Set(leaves.map((l) => l.node.frequency));
    for (const f of ['tenDay', 'month', 'quarter', 'year']) expect(frequencies.has(f as Frequency), f).toBe(true);
    for (const l of leaves) if (l.node.dataSource) expect(context.unitCodes.has(l.node.dataSource), l.code).toBe(true);
  });
});

describe('the Hengyang 2021 demo data', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(generateDemoData(doc, unitRefs)).toEqual(data);
    expect(generateDemoData(doc, unitRefs, { seed: 7 })).toEqual(generateDemoData(doc, unitRefs, { seed: 7 }));
    expect(generateDemoData(doc, unitRefs, { seed: 7 })).not.toEqual(data);
  });

  it('covers every leaf × unit of its groups × period of its frequency exactly once, and nothing else', () => {
    const expected = new Set<string>();
    for (const l of leaves) {
      const keys = generatePeriods(doc.year, l.node.frequency!).map((p) => p.key);
      for (const u of units.filter((x) => l.groups.includes(x.groupCode))) for (const k of keys) expected.add(`${l.code}|${u.code}|${k}`);
    }
    const seen = data.map((d) => `${d.indicatorCode}|${d.unitCode}|${d.periodKey}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(expected);
    expect(data.length).toBeLessThan(100_000);
  });

  it('gives each method the input it scores, in the shape the engine reads', () => {
    const byCode = new Map(leaves.map((l) => [l.code, l.node]));
    const vetoes: string[] = [];
    for (const d of data) {
      const node = byCode.get(d.indicatorCode)!;
      const m = node.method!;
      const config = toMethodConfig(node);
      if (m.type === 'grade') {
        expect(Object.keys(m.shares ?? { 优: 1, 良: 0.85, 中: 0.7, 差: 0.5 })).toContain(d.grade);
        expect(d.value).toBeUndefined();
      } else if (m.type === 'deduct' || m.type === 'bonus' || m.type === 'veto') {
        expect(d.value).toBeUndefined();
        expect(Array.isArray(d.events)).toBe(true);
        const events = d.events as never[];
        if (m.type === 'deduct') for (const e of d.events!) expect((m.rules ?? []).map((r) => r.kind)).toContain(e.kind);
        if (m.type === 'bonus') for (const e of d.events!) expect((m.levels ?? []).map((l) => l.level)).toContain(e.level);
        if (m.type === 'veto') vetoes.push(...d.events!.map(() => d.unitCode));
        // the engine accepts the events as recorded
        expect(() => scoreIndicator(config, { penalties: events, bonuses: events, vetoes: events })).not.toThrow();
      } else {
        expect(Number.isFinite(d.value), `${d.indicatorCode} ${d.unitCode} ${d.periodKey}`).toBe(true);
        expect(d.value).toBeGreaterThanOrEqual(0);
      }
    }
    expect(vetoes.length).toBeGreaterThanOrEqual(1);
    expect(vetoes.length).toBeLessThanOrEqual(2);
    expect(data.some((d) => d.events?.length && byCode.get(d.indicatorCode)?.method?.type === 'deduct')).toBe(true);
    expect(data.some((d) => d.events?.length && byCode.get(d.indicatorCode)?.method?.type === 'bonus')).toBe(true);
  });

  it('passes the checks entry applies: numbers within the limits (whole numbers for counts), grades of the scale, events of the right shape', () => {
    const byCode = new Map(leaves.map((l) => [l.code, l.node]));
    const wrong = data.flatMap((d) => {
      const node = byCode.get(d.indicatorCode)!;
      const leaf = { code: node.code, name: node.name, unit_label: node.unit ?? null, value_min: node.min ?? null, value_max: node.max ?? null, value_decimals: node.decimals ?? null, method: toMethodConfig(node) };
      const problem = cellProblem(leaf, d);
      return problem ? [`${d.indicatorCode} ${d.unitCode} ${d.periodKey}: ${problem}`] : [];
    });
    expect(wrong).toEqual([]);
    // 城镇新增就业 counts people: whole numbers.
    expect(data.filter((d) => d.indicatorCode === 'D01').every((d) => Number.isInteger(d.value))).toBe(true);
  });

  it('accumulates progress indicators over the year, with units both ahead of and behind 时序进度 at the end of November', () => {
    // The demo scheme says nothing of the basis: 时序进度 by months, 11/12.
    expect(doc.progressBasis).toBeUndefined();
    const expected = progressAt('2021-11-30', DEFAULT_PROGRESS_BASIS).value;
    const value = new Map(data.map((d) => [`${d.indicatorCode}|${d.unitCode}|${d.periodKey}`, d.value]));
    let ahead = 0;
    let behind = 0;
    for (const l of leaves.filter((x) => x.node.method?.type === 'progress')) {
      const keys = generatePeriods(doc.year, l.node.frequency!).map((p) => p.key);
      const novemberKey = generatePeriods(doc.year, l.node.frequency!).filter((p) => p.end <= '2021-11-30').at(-1)!.key;
      for (const u of units.filter((x) => l.groups.includes(x.groupCode))) {
        const series = keys.map((k) => value.get(`${l.code}|${u.code}|${k}`)!);
        for (let i = 1; i < series.length; i++) expect(series[i]).toBeGreaterThanOrEqual(series[i - 1]!);
        const target = l.node.targets?.byUnit?.[u.code] ?? l.node.targets?.default;
        const november = series[keys.indexOf(novemberKey)]!;
        if (november / target! < expected) behind++;
        else ahead++;
      }
    }
    expect(behind).toBeGreaterThan(0);
    expect(ahead).toBeGreaterThan(0);
  });

  it('makes units of the same group perform differently', () => {
    const gdp = data.filter((d) => d.indicatorCode === 'A01' && d.periodKey === '2021-Q4');
    expect(new Set(gdp.map((d) => d.value)).size).toBeGreaterThan(3);
    const grades = data.filter((d) => d.indicatorCode === 'L01' && d.periodKey === '2021-Q4').map((d) => d.grade);
    expect(new Set(grades).size).toBeGreaterThan(2);
  });
});

describe('the supervision demo', () => {
  // Whatever the day it is loaded, the open items sit around that day: check a few, a year-end and a leap day among them.
  const days = ['2024-02-29', '2026-11-29', '2030-12-31'];

  /** What a task's light will be once its planned steps are taken, as the services take them. */
  const taskLight = (t: ReturnType<typeof supervisionDemoPlan>['tasks'][number], now: Date) => {
    const last = t.steps.at(-1)?.action;
    if (!last || last === 'submit') return 'not issued';
    const reports = t.steps.filter((s) => s.action === 'report' || s.action === 'feedback');
    const progress = reports.length ? (reports.at(-1)!.progress ?? 100) : null;
    const acted = reports.at(-1)?.on ?? null;
    // The schedule starts when the unit signs for the task (at 10:00 China time, as the seed times its steps).
    const signed = t.steps.find((s) => s.action === 'sign')?.on;
    return (
      computeLight(
        { start: t.startDate, scheduleFrom: signed ? `${signed}T10:00:00+08:00` : null, deadline: t.deadline, done: last === 'accept', progress, returned: last === 'return', lastActionAt: acted && `${acted}T10:00:00+08:00` },
        now,
      ).light ?? 'closed'
    );
  };

  it('is visibly fictional, from every source, in every status of the flow', () => {
    const plan = supervisionDemoPlan('2026-11-29');
    expect(plan.tasks.length).toBeGreaterThanOrEqual(35);
    expect(plan.problems.length).toBeGreaterThanOrEqual(20);
    expect(plan.inspections.length).toBeGreaterThanOrEqual(2);
    for (const x of [...plan.tasks, ...plan.problems]) expect(x.title, x.title).toContain('演示');
    expect(new Set(plan.tasks.map((t) => t.source))).toEqual(new Set(['instruction', 'meeting', 'key_work', 'suggestion', 'inspection', 'audit']));
    expect(new Set(plan.problems.map((p) => p.source))).toEqual(new Set(['inspection', 'assessment', 'audit']));
    const ends = new Set(plan.tasks.map((t) => t.steps.at(-1)?.action ?? 'draft'));
    for (const a of ['draft', 'submit', 'approve', 'report', 'feedback', 'return', 'accept']) expect(ends.has(a as never), a).toBe(true);
    // Returns and rejections say why.
    for (const s of plan.tasks.flatMap((t) => t.steps).filter((x) => x.action === 'return')) expect(s.note).toBeTruthy();
    // The closed-out history is in 2021, as the assessment demo.
    const closed = plan.tasks.filter((t) => t.steps.at(-1)?.action === 'accept');
    expect(closed.length).toBeGreaterThanOrEqual(8);
    for (const t of closed) expect(t.startDate.slice(0, 4)).toBe('2021');
  });

  it.each(days)('shows all four lights on first start (loaded on %s), red ones with and without corrective action', (today) => {
    const plan = supervisionDemoPlan(today);
    const now = new Date(`${today}T15:00:00+08:00`);
    const lights = plan.tasks.map((t) => taskLight(t, now));
    for (const l of ['green', 'blue', 'yellow', 'red', 'closed', 'not issued']) expect(lights, l).toContain(l);
    const alerts = plan.tasks.map((t) => {
      const reports = t.steps.filter((s) => s.action === 'report' || s.action === 'feedback');
      return taskLight(t, now) === 'red' && reports.at(-1)!.on <= t.deadline;
    });
    expect(alerts.filter(Boolean).length).toBeGreaterThan(0);
    expect(alerts.filter(Boolean).length).toBeLessThan(lights.filter((l) => l === 'red').length);
    // Every step happens in order, none in the future.
    for (const t of plan.tasks) {
      const on = t.steps.map((s) => s.on);
      expect([...on].sort(), t.title).toEqual(on);
      for (const d of on) expect(d <= shiftDate(today, 0), t.title).toBe(true);
    }
  });

  it.each(days)('has problems closed out and problems open, overdue ones among them (loaded on %s)', (today) => {
    const plan = supervisionDemoPlan(today);
    const now = new Date(`${today}T15:00:00+08:00`);
    const closed = plan.problems.filter((p) => p.steps.at(-1)?.kind === 'close');
    const open = plan.problems.filter((p) => p.steps.at(-1)?.kind !== 'close');
    expect(closed.length).toBeGreaterThanOrEqual(5);
    expect(open.length).toBeGreaterThanOrEqual(10);
    expect(open.some((p) => p.deadline < today)).toBe(true);
    expect(plan.problems.some((p) => p.steps.some((s) => s.kind === 'return'))).toBe(true);
    for (const p of plan.problems) {
      expect(p.requirements.length).toBeGreaterThanOrEqual(2);
      expect(p.deadline >= p.startDate, p.title).toBe(true);
      for (const s of p.steps) expect(s.on <= today && s.on >= p.startDate, p.title).toBe(true);
    }
    const yellow = open.filter((p) => p.steps.length === 0).map((p) => computeLight({ start: p.startDate, scheduleFrom: p.startDate, deadline: p.deadline, done: false, progress: 0, returned: false, lastActionAt: null }, now).light);
    expect(yellow.length).toBeGreaterThan(0);
    expect(yellow.every((l) => l === 'yellow' || l === 'red')).toBe(true);
  });
});
