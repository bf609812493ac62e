import type { Queryable } from '../../db/database.js';

/** The SQL of a reported value's evidence files (kept in the database, removed softly). */

/** The unit that supplies an indicator's data, if another than the assessed unit. */
export async function findDataSource(db: Queryable, indicatorId: number): Promise<number | null> {
  const [row] = await db.query<{ s: number | null }>('select data_source_unit_id as s from indicators where id = $1', [indicatorId]);
  return row?.s ?? null;
}

export async function insertEvidence(
  db: Queryable,
  e: { valueId: number; filename: string; mime: string; sha256: string; content: Buffer; uploadedBy: number | null },
): Promise<{ id: number; uploaded_at: Date }> {
  const [row] = await db.query<{ id: number; uploaded_at: Date }>(
    `insert into evidence_files (data_value_id, filename, mime, size, sha256, content, uploaded_by) values ($1, $2, $3, $4, $5, $6, $7) returning id, uploaded_at`,
    [e.valueId, e.filename, e.mime, e.content.length, e.sha256, e.content, e.uploadedBy],
  );
  return row!;
}

export const findEvidenceOfValue = (db: Queryable, valueId: number) =>
  db.query<{ id: number; filename: string; mime: string; size: number; sha256: string; uploaded_at: Date }>(
    'select id, filename, mime, size, sha256, uploaded_at from evidence_files where data_value_id = $1 and removed_at is null order by id',
    [valueId],
  );

/** A file with the value it supports (for the reader's permission). */
export async function findEvidenceFile(db: Queryable, id: number): Promise<{ filename: string; mime: string; content: Uint8Array; unit_id: number; indicator_id: number } | undefined> {
  const [row] = await db.query<{ filename: string; mime: string; content: Uint8Array; unit_id: number; indicator_id: number }>(
    `select e.filename, e.mime, e.content, v.unit_id, v.indicator_id from evidence_files e join data_values v on v.id = e.data_value_id where e.id = $1 and e.removed_at is null`,
    [id],
  );
  return row;
}
