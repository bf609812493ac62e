import type { ProblemSource, ProblemStatus } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';
import { SqlWhere } from '../../lib/sql-where.js';

export interface ProblemRow {
  id: number;
  title: string;
  description: string;
  source: ProblemSource;
  finding_id: number | null;
  scheme_id: number | null;
  indicator_id: number | null;
  audit_ref: string | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  responsible_leader: string;
  start_date: string;
  deadline: string;
  status: ProblemStatus;
  returned: boolean;
  last_action_at: Date | null;
  created_at: Date;
  closed_at: Date | null;
  requirements_total: number;
  requirements_done: number;
}

const SELECT = `select p.id, p.title, p.description, p.source, p.finding_id, p.scheme_id, p.indicator_id, p.audit_ref, p.place, p.latitude, p.longitude,
    p.unit_id, u.code as unit_code, u.name as unit_name, p.responsible_leader,
    to_char(p.start_date, 'YYYY-MM-DD') as start_date, to_char(p.deadline, 'YYYY-MM-DD') as deadline,
    p.status, p.returned, p.last_action_at, p.created_at, p.closed_at,
    (select count(*)::int from problem_requirements r where r.problem_id = p.id) as requirements_total,
    (select count(*)::int from problem_requirements r where r.problem_id = p.id and r.done) as requirements_done
  from problems p join units u on u.id = p.unit_id`;

export interface ProblemFilter {
  status?: ProblemStatus;
  source?: string;
  unitId?: number;
}

export async function findProblems(db: Queryable, f: ProblemFilter): Promise<ProblemRow[]> {
  const w = new SqlWhere().add('p.status = ?', f.status).add('p.source = ?', f.source).add('p.unit_id = ?', f.unitId);
  return db.query<ProblemRow>(`${SELECT} ${w.sql} order by p.status = 'closed', p.deadline, p.id`, w.params);
}

export async function findProblem(db: Queryable, id: number, forUpdate = false): Promise<ProblemRow | undefined> {
  return (await db.query<ProblemRow>(`${SELECT} where p.id = $1${forUpdate ? ' for update of p' : ''}`, [id]))[0];
}

export interface NewProblem {
  title: string;
  description: string;
  source: string;
  findingId: number | null;
  schemeId: number | null;
  indicatorId: number | null;
  auditRef: string | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  unitId: number;
  responsibleLeader: string;
  startDate: string;
  deadline: string;
  createdBy: number | null;
}

export async function insertProblem(db: Queryable, p: NewProblem): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into problems (title, description, source, finding_id, scheme_id, indicator_id, audit_ref, place, latitude, longitude, unit_id, responsible_leader, start_date, deadline, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
    [p.title, p.description, p.source, p.findingId, p.schemeId, p.indicatorId, p.auditRef, p.place, p.latitude, p.longitude, p.unitId, p.responsibleLeader, p.startDate, p.deadline, p.createdBy],
  );
  return row!.id;
}

export async function insertRequirements(db: Queryable, problemId: number, texts: string[]): Promise<void> {
  await db.query('insert into problem_requirements (problem_id, position, text) select $1, n, t from unnest($2::text[]) with ordinality as x(t, n)', [problemId, texts]);
}

export interface RequirementRow {
  id: number;
  position: number;
  text: string;
  done: boolean;
  report: string | null;
  reported_at: Date | null;
  evidence_count: number;
}

export const findRequirements = (db: Queryable, problemId: number) =>
  db.query<RequirementRow>(
    `select r.id, r.position, r.text, r.done, r.report, r.reported_at,
       (select count(*)::int from problem_evidence e where e.requirement_id = r.id) as evidence_count
     from problem_requirements r where r.problem_id = $1 order by r.position`,
    [problemId],
  );

export async function updateRequirement(db: Queryable, id: number, done: boolean, report: string): Promise<void> {
  await db.query('update problem_requirements set done = $2, report = $3, reported_at = now() where id = $1', [id, done, report]);
}

export async function reopenRequirements(db: Queryable, problemId: number, ids: number[]): Promise<void> {
  if (ids.length) await db.query('update problem_requirements set done = false where problem_id = $1 and id = any($2::int[])', [problemId, ids]);
}

export async function updateStatus(
  db: Queryable,
  id: number,
  s: { status: ProblemStatus; returned: boolean; unitAction: boolean; closed: 'set' | 'clear' | 'keep' },
): Promise<void> {
  await db.query(
    `update problems set status = $2, returned = $3,
        last_action_at = case when $4 then now() else last_action_at end,
        closed_at = case when $5 = 'set' then now() when $5 = 'clear' then null else closed_at end,
        updated_at = now()
      where id = $1`,
    [id, s.status, s.returned, s.unitAction, s.closed],
  );
}

export interface EvidenceRow {
  id: number;
  requirement_id: number;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_at: Date;
}

export const findEvidence = (db: Queryable, problemId: number) =>
  db.query<EvidenceRow>('select id, requirement_id, filename, mime, size, sha256, uploaded_at from problem_evidence where problem_id = $1 order by id', [problemId]);

export async function findEvidenceFile(db: Queryable, problemId: number, id: number): Promise<EvidenceRow | undefined> {
  return (await db.query<EvidenceRow>('select id, requirement_id, filename, mime, size, sha256, uploaded_at from problem_evidence where problem_id = $1 and id = $2', [problemId, id]))[0];
}

export async function insertEvidence(
  db: Queryable,
  e: { problemId: number; requirementId: number; filename: string; mime: string; size: number; sha256: string; uploadedBy: number | null },
): Promise<EvidenceRow> {
  const [row] = await db.query<EvidenceRow>(
    `insert into problem_evidence (problem_id, requirement_id, filename, mime, size, sha256, uploaded_by) values ($1, $2, $3, $4, $5, $6, $7)
     returning id, requirement_id, filename, mime, size, sha256, uploaded_at`,
    [e.problemId, e.requirementId, e.filename, e.mime, e.size, e.sha256, e.uploadedBy],
  );
  return row!;
}

export async function insertEvent(
  db: Queryable,
  e: { problemId: number; action: string; from: string; to: string; requirementId: number | null; actorId: number | null; actorName: string; unitId: number | null; note: string | null },
): Promise<void> {
  await db.query(
    `insert into problem_events (problem_id, action, from_status, to_status, requirement_id, actor_id, actor_name, unit_id, note) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [e.problemId, e.action, e.from, e.to, e.requirementId, e.actorId, e.actorName, e.unitId, e.note],
  );
}

export const findEvents = (db: Queryable, problemId: number) =>
  db.query<{ id: number; action: string; from_status: ProblemStatus; to_status: ProblemStatus; requirement_id: number | null; actor_name: string; note: string | null; created_at: Date }>(
    'select id, action, from_status, to_status, requirement_id, actor_name, note, created_at from problem_events where problem_id = $1 order by id',
    [problemId],
  );

export async function schemeExists(db: Queryable, schemeId: number): Promise<boolean> {
  return (await db.query('select id from schemes where id = $1', [schemeId])).length > 0;
}

export async function indicatorOfSchemeExists(db: Queryable, indicatorId: number, schemeId: number | null): Promise<boolean> {
  return (await db.query('select id from indicators where id = $1 and scheme_id = $2', [indicatorId, schemeId])).length > 0;
}

/** The inspection finding a problem came from, with its photos' and videos' ids. */
export async function findProblemFinding(db: Queryable, findingId: number): Promise<{ id: number; inspection_id: number; title: string; media: number[] } | undefined> {
  const [row] = await db.query<{ id: number; inspection_id: number; title: string; media: number[] }>(
    `select f.id, f.inspection_id, f.title, coalesce((select array_agg(m.id order by m.id) from inspection_media m where m.finding_id = f.id), '{}') as media
       from inspection_findings f where f.id = $1`,
    [findingId],
  );
  return row;
}
