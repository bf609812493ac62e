import type { ProjectCategory } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';
import { SqlWhere } from '../../lib/sql-where.js';
import type { ProgressBasis } from './rates.js';
import type { PaymentBasis } from '@kaoping/scoring';

export interface ProjectRow {
  id: number;
  code: string;
  name: string;
  category: ProjectCategory;
  year: number;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  responsible_leader: string;
  planned_start: string;
  annual_plan: number;
  total_investment: number;
  funds_allocated: number;
  stream_url: string | null;
}

// numeric columns come back as float8 so both drivers give numbers
const SELECT = `select p.id, p.code, p.name, p.category, p.year, p.unit_id, u.code as unit_code, u.name as unit_name, p.responsible_leader,
    to_char(p.planned_start, 'YYYY-MM-DD') as planned_start, p.annual_plan::float8 as annual_plan,
    p.total_investment::float8 as total_investment, p.funds_allocated::float8 as funds_allocated, p.stream_url
  from projects p join units u on u.id = p.unit_id`;

export interface ProjectFilter {
  year?: number;
  category?: ProjectCategory;
  unitId?: number;
}

export async function findProjects(db: Queryable, f: ProjectFilter): Promise<ProjectRow[]> {
  const w = new SqlWhere().add('p.year = ?', f.year).add('p.category = ?', f.category).add('p.unit_id = ?', f.unitId);
  return db.query<ProjectRow>(`${SELECT} ${w.sql} order by u.code, p.code`, w.params);
}

export async function findProject(db: Queryable, id: number, forUpdate = false): Promise<ProjectRow | undefined> {
  return (await db.query<ProjectRow>(`${SELECT} where p.id = $1${forUpdate ? ' for update of p' : ''}`, [id]))[0];
}

export async function findProjectByCode(db: Queryable, code: string): Promise<ProjectRow | undefined> {
  return (await db.query<ProjectRow>(`${SELECT} where lower(p.code) = lower($1)`, [code]))[0];
}

export interface ProjectValues {
  code: string;
  name: string;
  category: ProjectCategory;
  year: number;
  unitId: number;
  responsibleLeader: string;
  plannedStart: string;
  annualPlan: number;
  totalInvestment: number;
  fundsAllocated: number;
  /** Left as it is when undefined (an import does not carry it). */
  streamUrl?: string | null;
}

export async function insertProject(db: Queryable, v: ProjectValues): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into projects (code, name, category, year, unit_id, responsible_leader, planned_start, annual_plan, total_investment, funds_allocated, stream_url)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [v.code, v.name, v.category, v.year, v.unitId, v.responsibleLeader, v.plannedStart, v.annualPlan, v.totalInvestment, v.fundsAllocated, v.streamUrl ?? null],
  );
  return row!.id;
}

export async function updateProject(db: Queryable, id: number, v: Omit<ProjectValues, 'code'>): Promise<void> {
  await db.query(
    `update projects set name = $2, category = $3, year = $4, unit_id = $5, responsible_leader = $6, planned_start = $7,
            annual_plan = $8, total_investment = $9, funds_allocated = $10,
            stream_url = case when $11::boolean then $12 else stream_url end, updated_at = now()
      where id = $1`,
    [id, v.name, v.category, v.year, v.unitId, v.responsibleLeader, v.plannedStart, v.annualPlan, v.totalInvestment, v.fundsAllocated, v.streamUrl !== undefined, v.streamUrl ?? null],
  );
}

export interface ReportRow {
  id: number;
  project_id: number;
  month: string;
  completed_investment: number;
  funds_in_place: number;
  funds_paid: number;
  audited_amount: number | null;
  started: boolean;
  started_on: string | null;
  note: string | null;
  reported_by_name: string;
  updated_at: Date;
}

const REPORT_SELECT = `select r.id, r.project_id, r.month, r.completed_investment::float8 as completed_investment, r.funds_in_place::float8 as funds_in_place,
    r.funds_paid::float8 as funds_paid, r.audited_amount::float8 as audited_amount, r.started, to_char(r.started_on, 'YYYY-MM-DD') as started_on,
    r.note, r.reported_by_name, r.updated_at
  from project_reports r`;

export const findReports = (db: Queryable, projectId: number) =>
  db.query<ReportRow>(`${REPORT_SELECT} where r.project_id = $1 order by r.month`, [projectId]);

export async function findReport(db: Queryable, projectId: number, month: string): Promise<ReportRow | undefined> {
  return (await db.query<ReportRow>(`${REPORT_SELECT} where r.project_id = $1 and r.month = $2`, [projectId, month]))[0];
}

/** The latest report of each project within the months [from, to] ("2021-01" … "2021-08"). */
export const findLatestReports = (db: Queryable, projectIds: number[], from: string, to: string) =>
  db.query<ReportRow>(
    `${REPORT_SELECT} where r.id in (
       select distinct on (project_id) id from project_reports
        where project_id = any($1::int[]) and month between $2 and $3
        order by project_id, month desc)`,
    [projectIds, from, to],
  );

export interface ReportValues {
  completedInvestment: number;
  fundsInPlace: number;
  fundsPaid: number;
  auditedAmount: number | null;
  started: boolean;
  startedOn: string | null;
  note: string | null;
}

export async function upsertReport(db: Queryable, projectId: number, month: string, v: ReportValues, by: { id: number | null; name: string }): Promise<void> {
  await db.query(
    `insert into project_reports (project_id, month, completed_investment, funds_in_place, funds_paid, audited_amount, started, started_on, note, reported_by, reported_by_name)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (project_id, month) do update
       set completed_investment = excluded.completed_investment, funds_in_place = excluded.funds_in_place, funds_paid = excluded.funds_paid,
           audited_amount = excluded.audited_amount, started = excluded.started, started_on = excluded.started_on, note = excluded.note,
           reported_by = excluded.reported_by, reported_by_name = excluded.reported_by_name, updated_at = now()`,
    [projectId, month, v.completedInvestment, v.fundsInPlace, v.fundsPaid, v.auditedAmount, v.started, v.startedOn, v.note, by.id, by.name],
  );
}

/** Supervised tasks made from a project: source key_work, origin_ref = the project's code. */
export const findProjectTasks = (db: Queryable, code: string) =>
  db.query<{ id: number; title: string; status: string; deadline: string }>(
    `select id, title, status, to_char(deadline, 'YYYY-MM-DD') as deadline from tasks where source = 'key_work' and origin_ref = $1 order by id`,
    [code],
  );

export interface ProjectTaskRow {
  id: number;
  status: string;
  origin_ref: string;
}

/** The supervised tasks made from any of the projects, by code. */
export const findTasksOfProjects = (db: Queryable, codes: string[]) =>
  db.query<ProjectTaskRow>(`select id, status, origin_ref from tasks where source = 'key_work' and origin_ref = any($1::text[]) order by id`, [codes]);

/** The latest month reported for the filtered projects. */
export async function findLatestReportMonth(db: Queryable, f: ProjectFilter): Promise<string | null> {
  const w = new SqlWhere().add('p.year = ?', f.year).add('p.category = ?', f.category).add('p.unit_id = ?', f.unitId);
  const [row] = await db.query<{ month: string | null }>(`select max(r.month) as month from project_reports r join projects p on p.id = r.project_id ${w.sql}`, w.params);
  return row?.month ?? null;
}

export interface SettingsRow {
  payment_basis: PaymentBasis;
  progress_basis: ProgressBasis;
}

export const findSettings = async (db: Queryable): Promise<SettingsRow> =>
  (await db.query<SettingsRow>('select payment_basis, progress_basis from project_settings where id = 1'))[0]!;

export async function updateSettings(db: Queryable, s: { paymentBasis: PaymentBasis; progressBasis: ProgressBasis }): Promise<void> {
  await db.query('update project_settings set payment_basis = $1, progress_basis = $2, updated_at = now() where id = 1', [s.paymentBasis, s.progressBasis]);
}

/** Active units by code (for imports). */
export const findActiveUnits = (db: Queryable) => db.query<{ id: number; code: string; name: string }>('select id, code, name from units where active order by code');

export async function findActiveUnit(db: Queryable, id: number): Promise<{ id: number } | undefined> {
  return (await db.query<{ id: number }>('select id from units where active and id = $1', [id]))[0];
}
