import type { ProblemStatus } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';
import { SqlWhere } from '../../lib/sql-where.js';

export interface InspectionRow {
  id: number;
  inspected_on: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  inspector: string;
  notes: string;
  stream_url: string | null;
  created_at: Date;
  findings: number;
  problems: number;
}

const SELECT_INSPECTION = `select i.id, to_char(i.inspected_on, 'YYYY-MM-DD') as inspected_on, i.place, i.latitude, i.longitude, i.inspector, i.notes, i.stream_url, i.created_at,
    (select count(*)::int from inspection_findings f where f.inspection_id = i.id) as findings,
    (select count(*)::int from inspection_findings f join problems p on p.finding_id = f.id where f.inspection_id = i.id) as problems
  from inspections i`;

export const findInspections = (db: Queryable, f: { from?: string; to?: string }) => {
  const w = new SqlWhere().add('i.inspected_on >= ?::date', f.from).add('i.inspected_on <= ?::date', f.to);
  return db.query<InspectionRow>(`${SELECT_INSPECTION} ${w.sql} order by i.inspected_on desc, i.id desc`, w.params);
};

export async function findInspection(db: Queryable, id: number): Promise<InspectionRow | undefined> {
  return (await db.query<InspectionRow>(`${SELECT_INSPECTION} where i.id = $1`, [id]))[0];
}

export async function insertInspection(
  db: Queryable,
  i: { inspectedOn: string; place: string; latitude: number | null; longitude: number | null; inspector: string; notes: string; streamUrl?: string | null; createdBy: number | null },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    'insert into inspections (inspected_on, place, latitude, longitude, inspector, notes, stream_url, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id',
    [i.inspectedOn, i.place, i.latitude, i.longitude, i.inspector, i.notes, i.streamUrl ?? null, i.createdBy],
  );
  return row!.id;
}

export async function updateInspectionStream(db: Queryable, id: number, streamUrl: string | null): Promise<void> {
  await db.query('update inspections set stream_url = $2 where id = $1', [id, streamUrl]);
}

/** The inspections up to a date with a live stream and a finding of the unit, newest first. */
export const findUnitInspectionStreams = (db: Queryable, unitId: number, to: string) =>
  db.query<{ id: number; inspected_on: string; place: string; stream_url: string }>(
    `select i.id, to_char(i.inspected_on, 'YYYY-MM-DD') as inspected_on, i.place, i.stream_url from inspections i
      where i.stream_url is not null and i.inspected_on <= $2::date
        and exists (select 1 from inspection_findings f where f.inspection_id = i.id and f.unit_id = $1)
      order by i.inspected_on desc, i.id desc limit 3`,
    [unitId, to],
  );

export interface FindingRow {
  id: number;
  inspection_id: number;
  inspected_on: string;
  title: string;
  description: string;
  unit_id: number | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  observed_at: Date | null;
  created_at: Date;
  problem_id: number | null;
  problem_status: ProblemStatus | null;
  problem_unit_id: number | null;
}

const SELECT_FINDING = `select f.id, f.inspection_id, to_char(i.inspected_on, 'YYYY-MM-DD') as inspected_on, f.title, f.description, f.unit_id, f.place, f.latitude, f.longitude,
    f.observed_at, f.created_at, p.id as problem_id, p.status as problem_status, p.unit_id as problem_unit_id
  from inspection_findings f join inspections i on i.id = f.inspection_id left join problems p on p.finding_id = f.id`;

export const findFindings = (db: Queryable, inspectionId: number) => db.query<FindingRow>(`${SELECT_FINDING} where f.inspection_id = $1 order by f.id`, [inspectionId]);

export async function findFinding(db: Queryable, id: number, forUpdate = false): Promise<FindingRow | undefined> {
  return (await db.query<FindingRow>(`${SELECT_FINDING} where f.id = $1${forUpdate ? ' for update of f' : ''}`, [id]))[0];
}

export async function insertFinding(
  db: Queryable,
  f: { inspectionId: number; title: string; description: string; unitId: number | null; place: string; latitude: number | null; longitude: number | null; observedAt: string | null; createdBy: number | null },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into inspection_findings (inspection_id, title, description, unit_id, place, latitude, longitude, observed_at, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [f.inspectionId, f.title, f.description, f.unitId, f.place, f.latitude, f.longitude, f.observedAt, f.createdBy],
  );
  return row!.id;
}

export interface MediaRow {
  id: number;
  finding_id: number;
  kind: 'image' | 'video';
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  thumbnail_sha256: string | null;
  width: number | null;
  height: number | null;
  taken_at: Date | null;
  taken_at_source: 'file' | 'client' | null;
  latitude: number | null;
  longitude: number | null;
  location_source: 'file' | 'client' | null;
  uploaded_at: Date;
}

const SELECT_MEDIA = `select id, finding_id, kind, filename, mime, size, sha256, thumbnail_sha256, width, height, taken_at, taken_at_source, latitude, longitude, location_source, uploaded_at
  from inspection_media`;

export const findMediaOfFindings = (db: Queryable, findingIds: number[]) =>
  db.query<MediaRow>(`${SELECT_MEDIA} where finding_id = any($1::int[]) order by id`, [findingIds]);

export async function findMedia(db: Queryable, id: number): Promise<MediaRow | undefined> {
  return (await db.query<MediaRow>(`${SELECT_MEDIA} where id = $1`, [id]))[0];
}

export async function insertMedia(db: Queryable, m: Omit<MediaRow, 'id' | 'uploaded_at'> & { uploaded_by: number | null }): Promise<MediaRow> {
  const [row] = await db.query<MediaRow>(
    `insert into inspection_media (finding_id, kind, filename, mime, size, sha256, thumbnail_sha256, width, height, taken_at, taken_at_source, latitude, longitude, location_source, uploaded_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     returning id, finding_id, kind, filename, mime, size, sha256, thumbnail_sha256, width, height, taken_at, taken_at_source, latitude, longitude, location_source, uploaded_at`,
    [m.finding_id, m.kind, m.filename, m.mime, m.size, m.sha256, m.thumbnail_sha256, m.width, m.height, m.taken_at, m.taken_at_source, m.latitude, m.longitude, m.location_source, m.uploaded_by],
  );
  return row!;
}

export interface MapRow {
  id: number;
  inspection_id: number;
  inspected_on: string;
  title: string;
  unit_id: number | null;
  place: string;
  latitude: number;
  longitude: number;
  located_by: 'finding' | 'media';
  observed_at: Date | null;
  media_count: number;
  thumbnail_media_id: number | null;
  problem_id: number | null;
  problem_status: ProblemStatus | null;
}

/** Findings with a place on the map: their own coordinates, or else those of their first located photo or video. */
export function findMapPoints(db: Queryable, f: { inspectionId?: number; from?: string; to?: string; unitId?: number }): Promise<MapRow[]> {
  const w = new SqlWhere()
    .add('f.inspection_id = ?', f.inspectionId)
    .add('i.inspected_on >= ?::date', f.from)
    .add('i.inspected_on <= ?::date', f.to)
    .add('coalesce(p.unit_id, f.unit_id) = ?', f.unitId);
  return db.query<MapRow>(
    `select * from (
       select f.id, f.inspection_id, to_char(i.inspected_on, 'YYYY-MM-DD') as inspected_on, f.title, coalesce(p.unit_id, f.unit_id) as unit_id, f.place,
         coalesce(f.latitude, m.latitude) as latitude, coalesce(f.longitude, m.longitude) as longitude,
         case when f.latitude is not null then 'finding' else 'media' end as located_by,
         coalesce(f.observed_at, (select min(x.taken_at) from inspection_media x where x.finding_id = f.id)) as observed_at,
         (select count(*)::int from inspection_media x where x.finding_id = f.id) as media_count,
         (select min(x.id) from inspection_media x where x.finding_id = f.id and x.thumbnail_sha256 is not null) as thumbnail_media_id,
         p.id as problem_id, p.status as problem_status
       from inspection_findings f
       join inspections i on i.id = f.inspection_id
       left join problems p on p.finding_id = f.id
       left join lateral (select x.latitude, x.longitude from inspection_media x where x.finding_id = f.id and x.latitude is not null order by x.id limit 1) m on true
       ${w.sql}
     ) pts where latitude is not null order by inspected_on desc, id`,
    w.params,
  );
}
