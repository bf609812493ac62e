import type { SchemeDocument } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';

export interface SchemeRow {
  id: number;
  code: string;
  version: number;
  name: string;
  year: number;
  status: 'draft' | 'published' | 'archived';
  document: SchemeDocument;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
}

export async function findSchemes(db: Queryable): Promise<SchemeRow[]> {
  return db.query<SchemeRow>('select * from schemes order by year desc, code, version desc');
}

export async function findSchemeById(db: Queryable, id: number): Promise<SchemeRow | undefined> {
  const [row] = await db.query<SchemeRow>('select * from schemes where id = $1', [id]);
  return row;
}

export async function findDraft(db: Queryable, code: string): Promise<SchemeRow | undefined> {
  const [row] = await db.query<SchemeRow>(`select * from schemes where code = $1 and status = 'draft'`, [code]);
  return row;
}

export async function findLatestPublished(db: Queryable, code?: string): Promise<SchemeRow | undefined> {
  const [row] = await db.query<SchemeRow>(
    `select * from schemes where status = 'published' ${code ? 'and code = $1' : ''} order by year desc, version desc limit 1`,
    code ? [code] : [],
  );
  return row;
}

export async function nextVersion(db: Queryable, code: string): Promise<number> {
  const [row] = await db.query<{ v: number }>('select coalesce(max(version), 0)::int + 1 as v from schemes where code = $1', [code]);
  return row?.v ?? 1;
}

export async function insertScheme(db: Queryable, doc: SchemeDocument, version: number, userId: number | null): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into schemes (code, version, name, year, document, created_by) values ($1, $2, $3, $4, $5::jsonb, $6) returning id`,
    [doc.code, version, doc.name, doc.year, JSON.stringify(doc), userId],
  );
  return row!.id;
}

export async function replaceDraftDocument(db: Queryable, id: number, doc: SchemeDocument): Promise<void> {
  await db.query(`update schemes set document = $1::jsonb, name = $2, year = $3, updated_at = now() where id = $4 and status = 'draft'`, [
    JSON.stringify(doc),
    doc.name,
    doc.year,
    id,
  ]);
}

export async function markPublished(db: Queryable, id: number, userId: number | null): Promise<void> {
  await db.query(`update schemes set status = 'archived', updated_at = now() where code = (select code from schemes where id = $1) and status = 'published'`, [id]);
  await db.query(`update schemes set status = 'published', published_at = now(), published_by = $2, updated_at = now() where id = $1`, [id, userId]);
}

export interface IndicatorInsert {
  code: string;
  parentCode: string | null;
  level: number;
  order: number;
  name: string;
  points: number;
  component: string;
  groups: string[];
  isLeaf: boolean;
  unitLabel: string | null;
  direction: string | null;
  frequency: string | null;
  aggregate: string | null;
  dataSourceUnitId: number | null;
  /** Its value comes from a major-project rate, not from units' reports. */
  fedByProject: boolean;
  method: unknown;
  /** The limits the scheme declares for reported values (null: the defaults for the unit of measure). */
  valueMin: number | null;
  valueMax: number | null;
  valueDecimals: number | null;
}

export async function insertIndicator(db: Queryable, schemeId: number, i: IndicatorInsert): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into indicators (scheme_id, code, parent_code, level, sort_order, name, points, component, groups, is_leaf,
       unit_label, direction, frequency, aggregate, data_source_unit_id, method, fed_by_project, value_min, value_max, value_decimals)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14, $15, $16::jsonb, $17, $18, $19, $20) returning id`,
    [
      schemeId, i.code, i.parentCode, i.level, i.order, i.name, i.points, i.component, JSON.stringify(i.groups), i.isLeaf,
      i.unitLabel, i.direction, i.frequency, i.aggregate, i.dataSourceUnitId, i.method === null ? null : JSON.stringify(i.method), i.fedByProject,
      i.valueMin, i.valueMax, i.valueDecimals,
    ],
  );
  return row!.id;
}

/** Inserts many rows in few statements: targets and periods come by the thousand. */
export async function insertMany(db: Queryable, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const CHUNK = 500;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const params: unknown[] = [];
    const tuples = chunk.map((r) => `(${r.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
    await db.query(`insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
  }
}

/** Each group with its active units (a group without any comes once, with null unit). */
export const findGroupsWithActiveUnits = (db: Queryable) =>
  db.query<{ group_code: string; group_name: string; code: string | null; name: string | null }>(
    `select g.code as group_code, g.name as group_name, u.code, u.name
       from unit_groups g left join units u on u.group_id = g.id and u.active
      order by g.sort_order, g.id, u.code`,
  );

/** Every unit's id and code, active or not (a scheme may name a unit that has since been deactivated). */
export const findAllUnitCodes = (db: Queryable) => db.query<{ id: number; code: string }>('select id, code from units');
