import {
  PROJECT_CATEGORIES,
  PROJECT_CATEGORY_LABELS,
  PROJECT_RATE_LABELS,
  projectCreateSchema,
  taskCreateSchema,
  type ImportRowError,
  type ProjectCategory,
  type ProjectCreate,
  type ProjectDetail,
  type ProjectDto,
  type ProjectRateName,
  type ProjectReport,
  type ProjectSettings,
  type ProjectUpdate,
  type RatesResponse,
  type ReportDto,
} from '@kaoping/shared';
import { PAYMENT_BASIS_LABELS, fmtPct } from '@kaoping/scoring';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound, refused } from '../../errors.js';
import { EXCEL_DATE, excelDate, failIfRowErrors, readSheet, writeSheet, type SheetColumn } from '../../lib/excel.js';
import type { Locale } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import { parseInput } from '../../lib/validate.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import * as tasks from '../tasks/tasks.service.js';
import { projectPolicies } from './projects.policy.js';
import * as repo from './projects.repository.js';
import { addTallies, laggingRates, monthEnd, ratesOf, scheduleAt, tallyProject, type RateSet, type RateSettings, type RateView, type Tally } from './rates.js';

// ---------- settings ----------

export async function loadSettings(db: Queryable): Promise<ProjectSettings> {
  const s = await repo.findSettings(db);
  return { paymentBasis: s.payment_basis, paymentBasisLabel: PAYMENT_BASIS_LABELS[s.payment_basis], progressBasis: s.progress_basis };
}

export async function saveSettings(db: Database, input: RateSettings, ctx: AuditContext): Promise<ProjectSettings> {
  return db.transaction(async (tx) => {
    const before = await loadSettings(tx);
    await repo.updateSettings(tx, input);
    const after = await loadSettings(tx);
    await recordAudit(tx, ctx, { action: 'project.settings', entity: 'project_settings', entityId: 1, before, after });
    return after;
  });
}

// ---------- the register ----------

const toDto = (r: repo.ProjectRow): ProjectDto => ({
  id: r.id,
  code: r.code,
  name: r.name,
  category: r.category,
  categoryLabel: PROJECT_CATEGORY_LABELS[r.category].zh,
  year: r.year,
  unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
  responsibleLeader: r.responsible_leader,
  plannedStart: r.planned_start,
  annualPlan: r.annual_plan,
  totalInvestment: r.total_investment,
  fundsAllocated: r.funds_allocated,
  streamUrl: r.stream_url,
});

/** The values stored for a project (what the audit entry shows). */
const valuesOf = (v: repo.ProjectValues | repo.ProjectRow) =>
  'unit_id' in v
    ? { code: v.code, name: v.name, category: v.category, year: v.year, unitId: v.unit_id, responsibleLeader: v.responsible_leader, plannedStart: v.planned_start, annualPlan: v.annual_plan, totalInvestment: v.total_investment, fundsAllocated: v.funds_allocated, streamUrl: v.stream_url }
    : v;

/** List scope by policy (projectPolicies.listScope): a unit caller sees its own unit's projects, whatever it asks for; the route refuses asking for another's. */
const scopeUnit = (p: Principal, unitId: number | undefined): number | undefined => projectPolicies.listScope(p) ?? unitId;

export async function listProjects(db: Database, p: Principal, f: repo.ProjectFilter): Promise<ProjectDto[]> {
  return (await repo.findProjects(db, { ...f, unitId: scopeUnit(p, f.unitId) })).map(toDto);
}

/** The latest month any listed project has reported (what the rates default to), or null. */
export async function latestReportMonth(db: Database, p: Principal, f: repo.ProjectFilter): Promise<string | null> {
  return repo.findLatestReportMonth(db, { ...f, unitId: scopeUnit(p, f.unitId) });
}

/** A project as stored, for the route to authorize (projectPolicies) before it acts; 404 when there is none. */
export async function loadProject(db: Queryable, id: number): Promise<repo.ProjectRow> {
  const row = await repo.findProject(db, id);
  if (!row) throw notFound('项目 / Project');
  return row;
}

export async function getProject(db: Database, row: repo.ProjectRow): Promise<ProjectDetail> {
  const id = row.id;
  const [reports, linked] = await Promise.all([repo.findReports(db, id), repo.findProjectTasks(db, row.code)]);
  return { ...toDto(row), reports: reports.map(reportDto), tasks: linked };
}

async function requireActiveUnit(db: Queryable, unitId: number): Promise<void> {
  if (!(await repo.findActiveUnit(db, unitId))) {
    throw new AppError('VALIDATION_FAILED', 'unitId: 责任单位不存在或已停用 / the unit does not exist or is inactive', [{ path: 'body.unitId', message: 'unknown unit' }]);
  }
}

export async function createProject(db: Database, input: ProjectCreate, ctx: AuditContext): Promise<ProjectDto> {
  return db.transaction(async (tx) => {
    await requireActiveUnit(tx, input.unitId);
    if (await repo.findProjectByCode(tx, input.code)) {
      throw new AppError('DUPLICATE', `code: 项目代码 ${input.code} 已存在 / the project code is taken`, [{ path: 'body.code', message: 'taken' }]);
    }
    const id = await repo.insertProject(tx, input);
    await recordAudit(tx, ctx, { action: 'project.create', entity: 'project', entityId: id, unitId: input.unitId, after: input });
    return toDto((await repo.findProject(tx, id))!);
  });
}

export async function updateProject(db: Database, id: number, input: ProjectUpdate, ctx: AuditContext): Promise<ProjectDto> {
  return db.transaction(async (tx) => {
    const row = await repo.findProject(tx, id, true);
    if (!row) throw notFound('项目 / Project');
    const before = valuesOf(row) as repo.ProjectValues;
    const next = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as repo.ProjectValues;
    if (next.unitId !== before.unitId) await requireActiveUnit(tx, next.unitId);
    await repo.updateProject(tx, id, next);
    await recordAudit(tx, ctx, { action: 'project.update', entity: 'project', entityId: id, unitId: next.unitId, before, after: next });
    return toDto((await repo.findProject(tx, id))!);
  });
}

// ---------- Excel ----------

const COLUMNS: (SheetColumn<repo.ProjectRow> & { required?: boolean })[] = [
  { key: 'code', header: '项目代码', required: true, value: (r) => r.code },
  { key: 'name', header: '项目名称', required: true, width: 32, value: (r) => r.name },
  { key: 'category', header: '项目类别', required: true, value: (r) => PROJECT_CATEGORY_LABELS[r.category].zh, choices: PROJECT_CATEGORIES.map((c) => PROJECT_CATEGORY_LABELS[c].zh) },
  { key: 'year', header: '年度', required: true, width: 8, value: (r) => r.year },
  { key: 'unit', header: '责任单位代码', required: true, value: (r) => r.unit_code },
  { key: 'unitName', header: '责任单位', width: 20, value: (r) => r.unit_name },
  { key: 'leader', header: '责任领导', required: true, value: (r) => r.responsible_leader },
  { key: 'plannedStart', header: '计划开工日期', required: true, numFmt: EXCEL_DATE, value: (r) => excelDate(r.planned_start) },
  { key: 'annualPlan', header: '年度计划投资（万元）', required: true, width: 20, value: (r) => r.annual_plan },
  { key: 'totalInvestment', header: '总投资（万元）', required: true, value: (r) => r.total_investment },
  { key: 'fundsAllocated', header: '下达资金（万元）', required: true, value: (r) => r.funds_allocated },
];

const FIELD_HEADER: Record<string, string> = {
  code: '项目代码',
  name: '项目名称',
  category: '项目类别',
  year: '年度',
  unitId: '责任单位代码',
  responsibleLeader: '责任领导',
  plannedStart: '计划开工日期',
  annualPlan: '年度计划投资（万元）',
  totalInvestment: '总投资（万元）',
  fundsAllocated: '下达资金（万元）',
};

export async function exportProjects(db: Database, p: Principal, f: repo.ProjectFilter): Promise<Buffer> {
  const rows = await repo.findProjects(db, { ...f, unitId: scopeUnit(p, f.unitId) });
  return writeSheet('重大项目', COLUMNS, rows);
}

/** An empty register to fill in and import: the export's columns with one fictional example row. */
export async function projectTemplate(): Promise<Buffer> {
  const year = new Date().getFullYear();
  const example: repo.ProjectRow = {
    id: 0,
    code: `XM-${year}-001`,
    name: '示例：某某产业园标准厂房（删除本行后填写）',
    category: 'key',
    year,
    unit_id: 0,
    unit_code: '430421',
    unit_name: '衡阳县',
    responsible_leader: '张三',
    planned_start: `${year}-03-01`,
    annual_plan: 1000,
    total_investment: 5000,
    funds_allocated: 800,
    stream_url: null,
  };
  return writeSheet('重大项目', COLUMNS, [example]);
}

const categoryFrom = (s: string): ProjectCategory | undefined =>
  PROJECT_CATEGORIES.find((c) => c === s || PROJECT_CATEGORY_LABELS[c].zh === s || PROJECT_CATEGORY_LABELS[c].en.toLowerCase() === s.toLowerCase());

/** A number as typed in a cell ("1,200.5"); NaN when it is not one (zod then names the column). */
const numberFrom = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s.replaceAll(',', '').replaceAll('，', '')));

/** A date cell: an Excel date (read as an ISO timestamp) or text such as 2021-03-01, 2021/3/1 or 2021.3.1. */
function dateFrom(s: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:T[\d:.]+Z?)?$/.exec(s.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
}

/** Creates or updates projects by code from a sheet shaped like the export; any wrong row imports nothing. */
export async function importProjects(db: Database, buf: Buffer, ctx: AuditContext): Promise<{ created: number; updated: number }> {
  const rows = await readSheet(buf, COLUMNS.map((c) => ({ key: c.key, header: c.header, required: c.required ?? false })));
  return db.transaction(async (tx) => {
    const units = new Map((await repo.findActiveUnits(tx)).map((u) => [u.code.toLowerCase(), u]));
    const errors: ImportRowError[] = [];
    const seen = new Map<string, number>();
    const planned: { v: repo.ProjectValues; existing?: repo.ProjectRow }[] = [];
    for (const { row, values } of rows) {
      const err = (column: string, message: string) => errors.push({ row, column, message });
      const category = categoryFrom(values.category ?? '');
      if (!category) err('项目类别', `项目类别“${values.category}”无效，应为 ${PROJECT_CATEGORIES.map((c) => PROJECT_CATEGORY_LABELS[c].zh).join('/')}`);
      const unit = units.get((values.unit ?? '').toLowerCase());
      if (!unit) err('责任单位代码', `单位“${values.unit}”不存在或已停用`);
      const parsed = projectCreateSchema.safeParse({
        code: values.code,
        name: values.name,
        category: category ?? 'key',
        year: numberFrom(values.year ?? ''),
        unitId: unit?.id ?? 1,
        responsibleLeader: values.leader,
        plannedStart: dateFrom(values.plannedStart ?? ''),
        annualPlan: numberFrom(values.annualPlan ?? ''),
        totalInvestment: numberFrom(values.totalInvestment ?? ''),
        fundsAllocated: numberFrom(values.fundsAllocated ?? ''),
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues) err(FIELD_HEADER[String(i.path[0])] ?? String(i.path[0]), i.message);
        continue;
      }
      const code = parsed.data.code.toLowerCase();
      if (seen.has(code)) err('项目代码', `与第 ${seen.get(code)} 行重复`);
      seen.set(code, row);
      if (!category || !unit) continue;
      planned.push({ v: parsed.data, existing: await repo.findProjectByCode(tx, parsed.data.code) });
    }
    failIfRowErrors(errors);
    let created = 0;
    let updated = 0;
    for (const { v, existing } of planned) {
      if (existing) {
        await repo.updateProject(tx, existing.id, v);
        await recordAudit(tx, ctx, { action: 'project.import', entity: 'project', entityId: existing.id, unitId: v.unitId, before: valuesOf(existing), after: { ...v, code: existing.code } });
        updated++;
      } else {
        const id = await repo.insertProject(tx, v);
        await recordAudit(tx, ctx, { action: 'project.import', entity: 'project', entityId: id, unitId: v.unitId, after: v });
        created++;
      }
    }
    return { created, updated };
  });
}

// ---------- monthly reports ----------

const reportDto = (r: repo.ReportRow): ReportDto => ({
  id: r.id,
  month: r.month,
  completedInvestment: r.completed_investment,
  fundsInPlace: r.funds_in_place,
  fundsPaid: r.funds_paid,
  auditedAmount: r.audited_amount,
  started: r.started,
  startedOn: r.started_on,
  note: r.note,
  reportedBy: r.reported_by_name,
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function listReports(db: Database, id: number) {
  return { items: (await repo.findReports(db, id)).map(reportDto) };
}

/** Enters or replaces a project's report for a month: the responsible unit's head or reporter, or the offices. Audited. */
export async function saveReport(db: Database, p: Principal, id: number, month: string, input: ProjectReport, ctx: AuditContext): Promise<ReportDto> {
  return db.transaction(async (tx) => {
    const project = await repo.findProject(tx, id, true);
    if (!project) throw notFound('项目 / Project');
    if (Number(month.slice(0, 4)) !== project.year) {
      throw new AppError('VALIDATION_FAILED', `month: 月份须在项目年度 ${project.year} 内 / the month must be in the project's year`, [{ path: 'params.month', message: 'outside the project year' }]);
    }
    if (input.startedOn && input.startedOn > monthEnd(month)) {
      throw new AppError('VALIDATION_FAILED', `startedOn: 开工日期晚于 ${month} 月末 / the start date is after the month`, [{ path: 'body.startedOn', message: 'after the month' }]);
    }
    const before = await repo.findReport(tx, id, month);
    const values: repo.ReportValues = {
      completedInvestment: input.completedInvestment,
      fundsInPlace: input.fundsInPlace,
      fundsPaid: input.fundsPaid,
      auditedAmount: input.auditedAmount ?? null,
      started: input.started,
      startedOn: input.startedOn ?? null,
      note: input.note ?? null,
    };
    await repo.upsertReport(tx, id, month, values, { id: p.userId, name: p.displayName });
    const saved = (await repo.findReport(tx, id, month))!;
    await recordAudit(tx, ctx, {
      action: 'project.report',
      entity: 'project',
      entityId: id,
      unitId: project.unit_id,
      before: before ? { ...reportDto(before), id: undefined, updatedAt: undefined } : null,
      after: { month, ...values },
    });
    return reportDto(saved);
  });
}

// ---------- rates ----------

interface RatedProject {
  project: repo.ProjectRow;
  reportMonth: string | null;
  rates: RateSet;
}

async function rate(db: Queryable, asOf: string, f: repo.ProjectFilter, settings: ProjectSettings) {
  const year = Number(asOf.slice(0, 4));
  const projects = await repo.findProjects(db, { ...f, year });
  const reports = new Map((await repo.findLatestReports(db, projects.map((x) => x.id), `${year}-01`, asOf)).map((r) => [r.project_id, r]));
  const schedule = scheduleAt(asOf, settings.progressBasis);
  const tallies = projects.map((x) => {
    const r = reports.get(x.id);
    return tallyProject(
      {
        plannedStart: x.planned_start,
        annualPlan: x.annual_plan,
        fundsAllocated: x.funds_allocated,
        report: r
          ? { month: r.month, completedInvestment: r.completed_investment, fundsInPlace: r.funds_in_place, fundsPaid: r.funds_paid, auditedAmount: r.audited_amount, started: r.started, startedOn: r.started_on }
          : null,
      },
      asOf,
      settings.paymentBasis,
    );
  });
  const rated: RatedProject[] = projects.map((x, i) => ({ project: x, reportMonth: reports.get(x.id)?.month ?? null, rates: ratesOf(tallies[i]!, schedule, settings) }));
  return { projects, tallies, rated, schedule };
}

/** Every rate of every project, of each unit and overall, as of a month, with 时序进度 and the settings used. */
export async function projectRates(db: Database, p: Principal, q: { asOf: string; unitId?: number; category?: ProjectCategory }): Promise<RatesResponse> {
  const unitId = scopeUnit(p, q.unitId);
  const settings = await loadSettings(db);
  const { projects, tallies, rated, schedule } = await rate(db, q.asOf, { unitId, category: q.category }, settings);
  const linked = new Map<string, repo.ProjectTaskRow[]>();
  for (const task of await repo.findTasksOfProjects(db, projects.map((x) => x.code))) linked.set(task.origin_ref, [...(linked.get(task.origin_ref) ?? []), task]);
  const byUnit = new Map<number, number[]>();
  projects.forEach((x, i) => byUnit.set(x.unit_id, [...(byUnit.get(x.unit_id) ?? []), i]));
  const summary = (idx: number[]) => {
    const t = addTallies(idx.map((i) => tallies[i]!));
    const rates = ratesOf(t, schedule, settings);
    return { projectCount: t.projects, reported: t.reported, plannedToStart: t.plannedToStart, started: t.started, startedAhead: t.startedAhead, lagging: laggingRates(rates), rates };
  };
  return {
    asOf: q.asOf,
    scope: unitId === undefined ? 'city' : 'unit',
    schedule: { ...schedule, basis: settings.progressBasis },
    settings,
    projects: rated.map((r, i) => ({
      ...toDto(r.project),
      reportMonth: r.reportMonth,
      /** Started by the end of the month (on plan or ahead of it). */
      started: tallies[i]!.started + tallies[i]!.startedAhead > 0,
      /** The supervised tasks made from the project. */
      tasks: (linked.get(r.project.code) ?? []).map((task) => ({ id: task.id, status: task.status })),
      lagging: laggingRates(r.rates),
      rates: r.rates,
    })),
    units: [...byUnit.entries()].map(([id, idx]) => {
      const first = projects[idx[0]!]!;
      return { unit: { id, code: first.unit_code, name: first.unit_name }, ...summary(idx) };
    }),
    overall: summary(projects.map((_, i) => i)),
  };
}

/**
 * One unit's project rate as of a month, as an assessment indicator would take it: `percent`
 * (0–100) is the indicator value; `value` null (no denominator) means not applicable.
 */
export async function projectRateForUnit(db: Queryable, unitId: number, rateName: ProjectRateName, asOf: string) {
  const settings = await loadSettings(db);
  const { tallies, schedule } = await rate(db, asOf, { unitId }, settings);
  const t = addTallies(tallies);
  const r: RateView = ratesOf(t, schedule, settings)[rateName];
  return {
    unitId,
    rate: rateName,
    label: PROJECT_RATE_LABELS[rateName],
    asOf,
    projectCount: t.projects,
    percent: r.value === null ? null : r.value * 100,
    ...r,
    schedule: { ...schedule, basis: settings.progressBasis },
    paymentBasis: settings.paymentBasis,
  };
}

/**
 * Every unit's project rates as of a month in one pass (what a score run reads for the leaves fed
 * by a project rate): the rates of each unit that has projects in the month's year, by unit id.
 * A unit without projects is absent (its rates are not applicable).
 */
export async function projectRatesByUnit(db: Queryable, asOf: string): Promise<Map<number, { projectCount: number; rates: RateSet }>> {
  const settings = await loadSettings(db);
  const { projects, tallies, schedule } = await rate(db, asOf, {}, settings);
  const byUnit = new Map<number, Tally[]>();
  projects.forEach((x, i) => byUnit.set(x.unit_id, [...(byUnit.get(x.unit_id) ?? []), tallies[i]!]));
  return new Map(
    [...byUnit.entries()].map(([unitId, ts]) => {
      const t = addTallies(ts);
      return [unitId, { projectCount: t.projects, rates: ratesOf(t, schedule, settings) }];
    }),
  );
}


// ---------- one step to a supervised task ----------

/**
 * Makes a (lagging) project a supervised task: source key_work, led by the project's unit, the
 * project's responsible leader, origin_ref = the project's code. The task is registered by the
 * tasks service (its own transaction and audit entry, task.create, which records the origin).
 */
export async function makeTask(db: Database, p: Principal, id: number, input: { deadline: string; startDate?: string; title?: string; asOf?: string }, ctx: AuditContext, locale: Locale) {
  const project = await repo.findProject(db, id);
  if (!project) throw notFound('项目 / Project');
  const open = (await repo.findProjectTasks(db, project.code)).filter((t) => t.status !== 'closed');
  if (open.length) throw refused('DUPLICATE', `该项目已有未办结的督办事项 #${open[0]!.id} / the project already has an open task`);
  const reports = await repo.findReports(db, id);
  const asOf = input.asOf ?? reports.at(-1)?.month;
  const lines: string[] = [`项目 ${project.code} ${project.name}（${PROJECT_CATEGORY_LABELS[project.category].zh}），责任单位 ${project.unit_name}。`];
  let behind: string[] = [];
  if (asOf) {
    if (Number(asOf.slice(0, 4)) !== project.year) {
      throw new AppError('VALIDATION_FAILED', `asOf: 月份须在项目年度 ${project.year} 内 / the month must be in the project's year`, [{ path: 'body.asOf', message: 'outside the project year' }]);
    }
    const settings = await loadSettings(db);
    const { rated, schedule } = await rate(db, asOf, { unitId: project.unit_id }, settings);
    const mine = rated.find((r) => r.project.id === id)!;
    behind = laggingRates(mine.rates).map((k) => PROJECT_RATE_LABELS[k]);
    lines.push(`截至 ${asOf}（时序进度 ${schedule.text}）：`);
    for (const k of Object.keys(mine.rates) as ProjectRateName[]) {
      const r = mine.rates[k];
      lines.push(`${PROJECT_RATE_LABELS[k]} ${r.value === null ? '不适用' : fmtPct(r.value)}${r.lagging ? `，落后 ${fmtPct(-r.lag!)}` : ''}`);
    }
  } else {
    lines.push('尚无月度报送。');
  }
  const startDate = input.startDate ?? locale.zone.date();
  const body = parseInput(
    taskCreateSchema,
    {
      title: input.title ?? `${project.name}${behind.length ? `：${behind.join('、')}落后于时序进度` : ' 推进督办'}`.slice(0, 200),
      description: lines.join('\n'),
      source: 'key_work',
      originRef: project.code,
      leadUnitId: project.unit_id,
      responsibleLeader: project.responsible_leader,
      startDate,
      deadline: input.deadline,
    },
    'body',
  );
  return tasks.createTask(db, body, p, ctx, locale);
}
