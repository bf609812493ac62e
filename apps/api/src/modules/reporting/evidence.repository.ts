import type { Queryable } from '../../db/database.js';

export interface EvidenceRow {
  id: number;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_at: Date;
}

/** The unit whose reporter enters an indicator's values for everyone (数据来源单位), if any. */
export async function findDataSource(db: Queryable, indicatorId: number): Promise<number | null> {
  const [row] = await db.query<{ s: number | null }>('select data_source_unit_id as s from indicators where id = $1', [indicatorId]);
  return row?.s ?? null;
}

/** Links a stored file (files module) to a value as its evidence. */
export async function insertEvidence(db: Queryable, e: { valueId: number; filename: string; mime: string; size: number; sha256: string; uploadedBy: number | null }): Promise<EvidenceRow> {
  const [row] = await db.query<EvidenceRow>(
    'insert into evidence_files (data_value_id, filename, mime, size, sha256, uploaded_by) values ($1, $2, $3, $4, $5, $6) returning id, filename, mime, size, sha256, uploaded_at',
    [e.valueId, e.filename, e.mime, e.size, e.sha256, e.uploadedBy],
  );
  return row!;
}

export const findEvidenceOfValue = (db: Queryable, valueId: number): Promise<EvidenceRow[]> =>
  db.query<EvidenceRow>('select id, filename, mime, size, sha256, uploaded_at from evidence_files where data_value_id = $1 and removed_at is null order by id', [valueId]);

/** One evidence file with the value it supports (to check who may read it). */
export async function findEvidence(db: Queryable, id: number): Promise<(EvidenceRow & { unit_id: number; indicator_id: number }) | undefined> {
  const [row] = await db.query<EvidenceRow & { unit_id: number; indicator_id: number }>(
    `select e.id, e.filename, e.mime, e.size, e.sha256, e.uploaded_at, v.unit_id, v.indicator_id
       from evidence_files e join data_values v on v.id = e.data_value_id where e.id = $1 and e.removed_at is null`,
    [id],
  );
  return row;
}

/** How many evidence files each value of a unit's period has (the grid's paper-clip count). */
export const countEvidenceOfGrid = (db: Queryable, unitId: number, periodId: number) =>
  db.query<{ data_value_id: number; n: number }>(
    `select e.data_value_id, count(*)::int as n from evidence_files e join data_values v on v.id = e.data_value_id
      where v.unit_id = $1 and v.period_id = $2 and e.removed_at is null group by e.data_value_id`,
    [unitId, periodId],
  );
