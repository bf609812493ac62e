import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { AppError, conflict, forbidden, notFound } from '../../errors.js';
import type { Principal } from '../../lib/principal.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import * as repo from './data.repository.js';
import * as evidenceRepo from './evidence.repository.js';
import { reportingPolicies } from './reporting.policy.js';

/** Evidence types offices exchange; anything else is refused with the list. */
export const EVIDENCE_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (.xlsx)',
};
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

// Magic numbers: the declared type must match the bytes, so a renamed executable is refused.
const SIGNATURES: Record<string, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [0x50, 0x4b, 0x03, 0x04],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [0x50, 0x4b, 0x03, 0x04],
};

const sourceOf = evidenceRepo.findDataSource;

export interface EvidenceDto {
  id: number;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export async function addEvidence(
  db: Database,
  p: Principal,
  valueId: number,
  file: { filename: string; mime: string; bytes: Buffer },
  ctx: AuditContext,
): Promise<EvidenceDto> {
  const mime = file.mime.split(';')[0]!.trim().toLowerCase();
  if (!EVIDENCE_TYPES[mime]) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `不支持的文件类型 ${mime}；可上传：${Object.values(EVIDENCE_TYPES).join('、')}`);
  if (file.bytes.length === 0) throw new AppError('BAD_REQUEST', '文件为空 / the file is empty');
  if (file.bytes.length > EVIDENCE_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '文件超过 10 MB / the file is over 10 MB');
  const sig = SIGNATURES[mime]!;
  if (!sig.every((b, i) => file.bytes[i] === b)) throw new AppError('BAD_REQUEST', `文件内容与类型 ${EVIDENCE_TYPES[mime]} 不符 / the content does not match its type`);
  const filename = file.filename.replace(/[\\/\0]/g, '_').slice(0, 200) || 'evidence';
  return db.transaction(async (tx) => {
    const v = await repo.findValueById(tx, valueId);
    if (!v) throw notFound('数据 / Value');
    if (!reportingPolicies.enterValue(p, v.unit_id, await sourceOf(tx, v.indicator_id))) throw forbidden('只能为本单位填报的数据上传佐证 / upload evidence for values you enter');
    if (v.status === 'approved' || v.status === 'submitted') throw conflict('数据已提交，不能再添加佐证 / the value is already submitted');
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const row = await evidenceRepo.insertEvidence(tx, { valueId, filename, mime, sha256, content: file.bytes, uploadedBy: p.userId });
    const dto = { id: row.id, filename, mime, size: file.bytes.length, sha256, uploadedAt: new Date(row.uploaded_at).toISOString() };
    await recordAudit(tx, ctx, { action: 'evidence.add', entity: 'evidence', entityId: dto.id, unitId: v.unit_id, after: { ...dto, dataValueId: valueId } });
    return dto;
  });
}

export async function listEvidence(db: Database, p: Principal, valueId: number): Promise<EvidenceDto[]> {
  const v = await repo.findValueById(db, valueId);
  if (!v) throw notFound('数据 / Value');
  if (!reportingPolicies.readValue(p, v.unit_id, await sourceOf(db, v.indicator_id))) throw forbidden();
  const rows = await evidenceRepo.findEvidenceOfValue(db, valueId);
  return rows.map((r) => ({ id: r.id, filename: r.filename, mime: r.mime, size: r.size, sha256: r.sha256, uploadedAt: new Date(r.uploaded_at).toISOString() }));
}

export async function getEvidenceFile(db: Database, p: Principal, id: number): Promise<{ filename: string; mime: string; content: Buffer }> {
  const row = await evidenceRepo.findEvidenceFile(db, id);
  if (!row) throw notFound('佐证文件 / Evidence');
  if (!reportingPolicies.readValue(p, row.unit_id, await sourceOf(db, row.indicator_id))) throw forbidden();
  return { filename: row.filename, mime: row.mime, content: Buffer.from(row.content) };
}
