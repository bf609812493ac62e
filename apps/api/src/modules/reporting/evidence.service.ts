import type { ValueEvidence as EvidenceDto } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import { forbidden, notFound } from '../../errors.js';
import { decide } from '../../lib/flow-table.js';
import type { Principal } from '../../lib/principal.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { ASSESSMENT_EVIDENCE_TYPES, checkFile, cleanFilename } from '../files/files.js';
import { readStoredFile, storeFile } from '../files/files.repository.js';
import * as repo from './data.repository.js';
import * as evidence from './evidence.repository.js';
import { VALUE_FLOW } from './flow.js';
import { reportingPolicies } from './reporting.policy.js';


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
    if (!reportingPolicies.enterValue(p, v.unit_id, await evidence.findDataSource(tx, v.indicator_id))) throw forbidden('只能为本单位填报的数据上传佐证 / upload evidence for values you enter');
    decide(VALUE_FLOW, v.status, p.role === 'datasource' ? 'supply' : 'save', () => '数据已提交，不能再添加佐证 / the value is already submitted');
    await storeFile(tx, checked);
    const dto = toDto(await evidence.insertEvidence(tx, { valueId, filename, mime: checked.mime, size: checked.bytes.length, sha256: checked.sha256, uploadedBy: p.userId }));
    await recordAudit(tx, ctx, { action: 'evidence.add', entity: 'evidence', entityId: dto.id, unitId: v.unit_id, after: { ...dto, dataValueId: valueId } });
    return dto;
  });
}

export async function listEvidence(db: Database, p: Principal, valueId: number): Promise<EvidenceDto[]> {
  const v = await repo.findValueById(db, valueId);
  if (!v) throw notFound('数据 / Value');
  if (!reportingPolicies.readValue(p, v.unit_id, await evidence.findDataSource(db, v.indicator_id))) throw forbidden();
  return (await evidence.findEvidenceOfValue(db, valueId)).map(toDto);
}

export async function getEvidenceFile(db: Database, p: Principal, id: number): Promise<{ filename: string; mime: string; content: Buffer }> {
  const row = await evidence.findEvidence(db, id);
  if (!row) throw notFound('佐证文件 / Evidence');
  if (!reportingPolicies.readValue(p, row.unit_id, await evidence.findDataSource(db, row.indicator_id))) throw forbidden();
  const content = await readStoredFile(db, row.sha256);
  if (!content) throw notFound('佐证文件 / Evidence');
  return { filename: row.filename, mime: row.mime, content };
}
