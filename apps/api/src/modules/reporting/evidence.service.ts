import type { ValueEvidence as EvidenceDto } from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { decide } from '../../lib/flow-table.js';
import type { Principal } from '../../lib/principal.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { ASSESSMENT_EVIDENCE_TYPES, checkFile, cleanFilename } from '../files/files.js';
import { readStoredFile, storeFile } from '../files/files.repository.js';
import * as repo from './data.repository.js';
import * as evidence from './evidence.repository.js';
import { VALUE_FLOW } from './flow.js';
import type { ValueParty } from './reporting.policy.js';


const toDto = (r: evidence.EvidenceRow): EvidenceDto => ({ id: r.id, filename: r.filename, mime: r.mime, size: r.size, sha256: r.sha256, uploadedAt: new Date(r.uploaded_at).toISOString() });

/**
 * Evidence of a value goes through the files module like the ledger's and the tasks' files: the type
 * read from the bytes must be one offices exchange and agree with the declared one, each kind within
 * its cap, the bytes stored once by SHA-256.
 */
export async function addEvidence(
  db: Database,
  p: Principal,
  valueId: number,
  file: { filename: string; mime: string; bytes: Buffer },
  ctx: AuditContext,
): Promise<EvidenceDto> {
  const checked = checkFile(file.mime, file.bytes, ASSESSMENT_EVIDENCE_TYPES);
  const filename = cleanFilename(file.filename, 'evidence');
  return db.transaction(async (tx) => {
    const v = await repo.findValueById(tx, valueId);
    if (!v) throw notFound('数据 / Value');
    decide(VALUE_FLOW, v.status, p.role === 'datasource' ? 'supply' : 'save', () => '数据已提交，不能再添加佐证 / the value is already submitted');
    await storeFile(tx, checked);
    const dto = toDto(await evidence.insertEvidence(tx, { valueId, filename, mime: checked.mime, size: checked.bytes.length, sha256: checked.sha256, uploadedBy: p.userId }));
    await recordAudit(tx, ctx, { action: 'evidence.add', entity: 'evidence', entityId: dto.id, unitId: v.unit_id, after: { ...dto, dataValueId: valueId } });
    return dto;
  });
}

/** A value's cell (its unit and data source), for the route to authorize (reportingPolicies) before it acts. */
export async function loadValueParty(db: Queryable, valueId: number): Promise<ValueParty> {
  const v = await repo.findValueById(db, valueId);
  if (!v) throw notFound('数据 / Value');
  return { unitId: v.unit_id, sourceUnitId: await evidence.findDataSource(db, v.indicator_id) };
}

/** An evidence file's value cell, for the route to authorize (reportingPolicies.readValue). */
export async function loadEvidenceParty(db: Queryable, id: number): Promise<ValueParty> {
  const row = await evidence.findEvidence(db, id);
  if (!row) throw notFound('佐证文件 / Evidence');
  return { unitId: row.unit_id, sourceUnitId: await evidence.findDataSource(db, row.indicator_id) };
}

export async function listEvidence(db: Database, valueId: number): Promise<EvidenceDto[]> {
  return (await evidence.findEvidenceOfValue(db, valueId)).map(toDto);
}

export async function getEvidenceFile(db: Database, id: number): Promise<{ filename: string; mime: string; content: Buffer }> {
  const row = await evidence.findEvidence(db, id);
  if (!row) throw notFound('佐证文件 / Evidence');
  const content = await readStoredFile(db, row.sha256);
  if (!content) throw notFound('佐证文件 / Evidence');
  return { filename: row.filename, mime: row.mime, content };
}
