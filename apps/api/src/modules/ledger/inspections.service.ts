import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { findingCreateSchema, findingProblemSchema, inspectionCreateSchema, inspectionUpdateSchema, ProblemStatus } from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound, refused } from '../../errors.js';
import type { Locale } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { MEDIA_TYPES, checkFile } from '../files/files.js';
import { readStoredFile, storeFile } from '../files/files.repository.js';
import { activeUnitIds } from '../units/units.repository.js';
import * as repo from './inspections.repository.js';
import type { MediaParty } from './ledger.policy.js';
import { getProblem, insertProblem } from './ledger.service.js';
import { readMediaMeta, thumbnail } from './media-meta.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', `${field}: ${message}`, [{ path: `body.${field}`, message }]);

/** The problem a finding was put on the ledger as (its status comes with it), or null. */
const problemRef = (id: number | null, status: ProblemStatus | null) => (id !== null && status !== null ? { id, status } : null);

const inspectionDto = (i: repo.InspectionRow) => ({
  id: i.id,
  inspectedOn: i.inspected_on,
  place: i.place,
  latitude: i.latitude,
  longitude: i.longitude,
  inspector: i.inspector,
  notes: i.notes,
  streamUrl: i.stream_url,
  findings: i.findings,
  problems: i.problems,
  createdAt: new Date(i.created_at).toISOString(),
});

const mediaDto = (m: repo.MediaRow) => ({
  id: m.id,
  findingId: m.finding_id,
  kind: m.kind,
  filename: m.filename,
  mime: m.mime,
  size: m.size,
  sha256: m.sha256,
  width: m.width,
  height: m.height,
  takenAt: iso(m.taken_at),
  /** Where the time came from: the file itself (EXIF, the movie header) or the phone's upload. */
  takenAtSource: m.taken_at_source,
  latitude: m.latitude,
  longitude: m.longitude,
  locationSource: m.location_source,
  url: `/api/inspections/media/${m.id}`,
  thumbnailUrl: m.thumbnail_sha256 ? `/api/inspections/media/${m.id}/thumbnail` : null,
  uploadedAt: new Date(m.uploaded_at).toISOString(),
});

const findingDto = (f: repo.FindingRow, media: repo.MediaRow[]) => ({
  id: f.id,
  inspectionId: f.inspection_id,
  title: f.title,
  description: f.description,
  unitId: f.unit_id,
  place: f.place,
  latitude: f.latitude,
  longitude: f.longitude,
  observedAt: iso(f.observed_at),
  problem: problemRef(f.problem_id, f.problem_status),
  media: media.filter((m) => m.finding_id === f.id).map(mediaDto),
});

export async function listInspections(db: Database, f: { from?: string; to?: string }) {
  return { items: (await repo.findInspections(db, f)).map(inspectionDto) };
}

export async function createInspection(db: Database, input: z.infer<typeof inspectionCreateSchema>, p: Principal, ctx: AuditContext) {
  return db.transaction(async (tx) => {
    const id = await repo.insertInspection(tx, { ...input, latitude: input.latitude ?? null, longitude: input.longitude ?? null, createdBy: p.userId });
    const dto = inspectionDto((await repo.findInspection(tx, id))!);
    await recordAudit(tx, ctx, { action: 'inspection.create', entity: 'inspection', entityId: id, after: dto });
    return dto;
  });
}

/** Sets or clears an inspection's live-stream address (连线项目现场); audited. */
export async function updateInspection(db: Database, id: number, input: z.infer<typeof inspectionUpdateSchema>, ctx: AuditContext) {
  return db.transaction(async (tx) => {
    const before = await repo.findInspection(tx, id);
    if (!before) throw notFound('暗访 / Inspection');
    await repo.updateInspectionStream(tx, id, input.streamUrl);
    const dto = inspectionDto((await repo.findInspection(tx, id))!);
    await recordAudit(tx, ctx, { action: 'inspection.update', entity: 'inspection', entityId: id, before: { streamUrl: before.stream_url }, after: { streamUrl: dto.streamUrl } });
    return dto;
  });
}

/** The live streams of the inspections with a finding of the unit, up to a date (for a meeting's slides). */
export async function unitInspectionStreams(db: Database, unitId: number, to: string) {
  return (await repo.findUnitInspectionStreams(db, unitId, to)).map((i) => ({ id: i.id, inspectedOn: i.inspected_on, place: i.place, url: i.stream_url }));
}

export async function getInspection(db: Database, id: number) {
  const i = await repo.findInspection(db, id);
  if (!i) throw notFound('暗访 / Inspection');
  const findings = await repo.findFindings(db, id);
  const media = await repo.findMediaOfFindings(db, findings.map((f) => f.id));
  return { ...inspectionDto(i), items: findings.map((f) => findingDto(f, media)) };
}

async function activeUnit(tx: Queryable, unitId: number | undefined): Promise<void> {
  if (unitId === undefined) return;
  if ((await activeUnitIds(tx, [unitId])).length === 0) throw invalid('unitId', '单位不存在或已停用 / the unit does not exist or is inactive');
}

export async function addFinding(db: Database, inspectionId: number, input: z.infer<typeof findingCreateSchema>, p: Principal, ctx: AuditContext) {
  return db.transaction(async (tx) => {
    if (!(await repo.findInspection(tx, inspectionId))) throw notFound('暗访 / Inspection');
    await activeUnit(tx, input.unitId);
    const id = await repo.insertFinding(tx, {
      inspectionId,
      title: input.title,
      description: input.description,
      unitId: input.unitId ?? null,
      place: input.place,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      observedAt: input.observedAt ?? null,
      createdBy: p.userId,
    });
    const dto = findingDto((await repo.findFinding(tx, id))!, []);
    await recordAudit(tx, ctx, { action: 'inspection.finding', entity: 'inspection_finding', entityId: id, unitId: input.unitId ?? null, after: dto });
    return dto;
  });
}

export interface ClientMeta {
  takenAt?: string;
  latitude?: number;
  longitude?: number;
}

/**
 * A photo or video of a finding, as a phone sends it: the time and place in the file win over
 * what the phone says (which may be the upload time, not when the picture was taken); an image
 * gets a thumbnail. The original and the thumbnail are stored once each by their hash.
 */
export async function addMedia(db: Database, findingId: number, file: { filename: string; mime: string; bytes: Buffer }, client: ClientMeta, p: Principal, ctx: AuditContext) {
  const checked = checkFile(file.mime, file.bytes, MEDIA_TYPES);
  const meta = await readMediaMeta(checked.kind, checked.bytes);
  const thumb = checked.kind === 'image' ? await thumbnail(checked.bytes) : null;
  const thumbSha = thumb ? createHash('sha256').update(thumb).digest('hex') : null;
  const fromFile = meta.latitude !== null && meta.longitude !== null;
  const fromClient = client.latitude !== undefined && client.longitude !== undefined;
  return db.transaction(async (tx) => {
    const f = await repo.findFinding(tx, findingId, true);
    if (!f) throw notFound('暗访发现的问题 / Finding');
    await storeFile(tx, checked);
    if (thumb && thumbSha) await storeFile(tx, { sha256: thumbSha, mime: 'image/jpeg', bytes: thumb });
    const row = await repo.insertMedia(tx, {
      finding_id: findingId,
      kind: checked.kind === 'video' ? 'video' : 'image',
      filename: file.filename,
      mime: checked.mime,
      size: checked.bytes.length,
      sha256: checked.sha256,
      thumbnail_sha256: thumbSha,
      width: meta.width,
      height: meta.height,
      taken_at: meta.takenAt ?? (client.takenAt ? new Date(client.takenAt) : null),
      taken_at_source: meta.takenAt ? 'file' : client.takenAt ? 'client' : null,
      latitude: fromFile ? meta.latitude : fromClient ? client.latitude! : null,
      longitude: fromFile ? meta.longitude : fromClient ? client.longitude! : null,
      location_source: fromFile ? 'file' : fromClient ? 'client' : null,
      uploaded_by: p.userId,
    });
    const dto = mediaDto(row);
    await recordAudit(tx, ctx, { action: 'inspection.media', entity: 'inspection_finding', entityId: findingId, unitId: f.problem_unit_id ?? f.unit_id, after: { ...dto, client } });
    return dto;
  });
}

/** A photo or video with the unit whose problem its finding became, for the route to authorize (ledgerPolicies.readMedia). */
export async function loadMedia(db: Queryable, id: number): Promise<repo.MediaRow & MediaParty> {
  const m = await repo.findMedia(db, id);
  if (!m) throw notFound('照片或视频 / Media');
  const f = await repo.findFinding(db, m.finding_id);
  return { ...m, problem_unit_id: f?.problem_unit_id ?? null };
}

/** The original or its thumbnail of a loaded photo or video. */
export async function getMediaFile(db: Database, m: repo.MediaRow, variant: 'original' | 'thumbnail') {
  const sha = variant === 'thumbnail' ? m.thumbnail_sha256 : m.sha256;
  if (!sha) throw notFound('缩略图 / Thumbnail');
  const content = (await readStoredFile(db, sha))!;
  return { filename: variant === 'thumbnail' ? `thumb-${m.filename.replace(/\.[^.]*$/, '')}.jpg` : m.filename, mime: variant === 'thumbnail' ? 'image/jpeg' : m.mime, content };
}

export async function findingMap(db: Database, f: { inspectionId?: number; from?: string; to?: string; unitId?: number }) {
  const rows = await repo.findMapPoints(db, f);
  return {
    items: rows.map((r) => ({
      id: r.id,
      inspectionId: r.inspection_id,
      inspectedOn: r.inspected_on,
      title: r.title,
      unitId: r.unit_id,
      place: r.place,
      latitude: r.latitude,
      longitude: r.longitude,
      locatedBy: r.located_by,
      observedAt: iso(r.observed_at),
      mediaCount: r.media_count,
      thumbnailUrl: r.thumbnail_media_id ? `/api/inspections/media/${r.thumbnail_media_id}/thumbnail` : null,
      problem: problemRef(r.problem_id, r.problem_status),
    })),
  };
}

/** Puts a finding on the ledger in one step: the problem is linked back to it and takes its place. */
export async function findingToProblem(db: Database, findingId: number, input: z.infer<typeof findingProblemSchema>, p: Principal, ctx: AuditContext, locale: Locale) {
  const problemId = await db.transaction(async (tx) => {
    const f = await repo.findFinding(tx, findingId, true);
    if (!f) throw notFound('暗访发现的问题 / Finding');
    if (f.problem_id) throw refused('ALREADY_DONE', `该发现已挂账（问题 ${f.problem_id}）/ the finding is already on the ledger as problem ${f.problem_id}`);
    const unitId = input.unitId ?? f.unit_id;
    if (!unitId) throw invalid('unitId', '请指定责任单位 / name the responsible unit');
    const [located] = await repo.findMapPoints(tx, { inspectionId: f.inspection_id }).then((pts) => pts.filter((x) => x.id === f.id));
    return insertProblem(
      tx,
      {
        title: input.title ?? f.title,
        description: input.description ?? f.description,
        source: 'inspection',
        findingId: f.id,
        schemeId: null,
        indicatorId: null,
        auditRef: null,
        place: f.place,
        latitude: located?.latitude ?? null,
        longitude: located?.longitude ?? null,
        unitId,
        responsibleLeader: input.responsibleLeader,
        startDate: locale.zone.date(),
        deadline: input.deadline,
        requirements: input.requirements,
      },
      p,
      ctx,
    );
  });
  return getProblem(db, p, problemId, locale);
}
