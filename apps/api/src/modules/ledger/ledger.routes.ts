import {
  PROBLEM_SOURCES,
  PROBLEM_STATUSES,
  findingCreateSchema,
  findingDtoSchema,
  findingMapSchema,
  findingProblemSchema,
  inspectionCreateSchema,
  inspectionDetailSchema,
  inspectionDtoSchema,
  inspectionListSchema,
  inspectionUpdateSchema,
  mediaDtoSchema,
  problemActionSchema,
  problemCreateSchema,
  problemDetailSchema,
  problemEvidenceUploadSchema,
  problemListSchema,
  requirementReportSchema,
} from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { today, type AppContext } from '../../app-context.js';
import { sendFile, sendXlsx } from '../../lib/download.js';
import { EXCEL_DATE, EXCEL_MINUTE, excelDate, lightColumn, writeSheet, XLSX_MIME } from '../../lib/excel.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { registerUploadScope, uploadedFile } from '../../lib/uploads.js';
import { ANY_FILE } from '../../lib/content-types.js';
import { EVIDENCE_TYPES, MEDIA_TYPES, UPLOAD_BODY_LIMIT, UPLOAD_CONTENT_TYPES } from '../files/files.js';
import * as inspections from './inspections.service.js';
import { STATUS_LABELS_EN } from './flow.js';
import { ledgerPolicies } from './ledger.policy.js';
import * as ledger from './ledger.service.js';

const dbId = z.coerce.number().int().positive().max(2_147_483_647);
const listQuery = z.strictObject({
  status: z.enum(PROBLEM_STATUSES).optional(),
  source: z.enum(PROBLEM_SOURCES).optional(),
  unitId: dbId.optional(),
  light: z.enum(['green', 'blue', 'yellow', 'red']).optional(),
  /** Only red problems with no corrective action since the deadline (预警). */
  alert: z.enum(['1', 'true']).transform(() => true).optional(),
});
const requirementParams = z.strictObject({ id: dbId, requirementId: dbId });
const evidenceParams = z.strictObject({ id: dbId, evidenceId: dbId });
const dateRange = { from: z.iso.date().optional(), to: z.iso.date().optional() };
const inspectionsQuery = z.strictObject(dateRange);
const mapQuery = z.strictObject({ ...dateRange, inspectionId: dbId.optional(), unitId: dbId.optional() });
/** What the phone knows, used only where the file itself says nothing. */
const mediaQuery = z
  .strictObject({
    takenAt: z.iso.datetime({ offset: true }).optional(),
    latitude: z.coerce.number().min(-90).max(90).optional(),
    longitude: z.coerce.number().min(-180).max(180).optional(),
  })
  .refine((q) => (q.latitude === undefined) === (q.longitude === undefined), { message: '经纬度须同时填写 / give both latitude and longitude', path: ['longitude'] });



const READ_OWN = '只能查看本单位的问题 / only your unit’s problems';
const MEDIA_OWN = '只能查看本单位问题的照片和视频 / only media of your unit’s problems';

function registerProblemRoutes(app: FastifyInstance, { db, zone, clock }: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/problems',
    summary: 'The problem ledger (挂账) by unit, source, status and light (a unit sees its own problems)',
    tags: ['supervision'],
    query: listQuery,
    response: problemListSchema,
    handler: async ({ principal, query, lang }) => {
      authorize(principal, ledgerPolicies.list);
      return ledger.listProblems(db, ledgerPolicies.listScope(principal), query, { lang, zone }, clock.now());
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/problems/export.xlsx',
    produces: [XLSX_MIME],
    summary: 'The problem ledger as an Excel sheet, with the same filters as the list',
    tags: ['supervision'],
    query: listQuery,
    handler: async ({ principal, query, reply, lang }) => {
      // Headers stay Chinese (the office's sheet); statuses, lights and reasons in the caller's language.
      authorize(principal, ledgerPolicies.list);
      const { items } = await ledger.listProblems(db, ledgerPolicies.listScope(principal), query, { lang, zone }, clock.now());
      const buf = await writeSheet(
        '问题台账',
        [
          { key: 'id', header: '编号', width: 8, value: (r: (typeof items)[number]) => r.id },
          { key: 'title', header: '问题', width: 40, value: (r) => r.title },
          { key: 'source', header: '来源', width: 10, value: (r) => r.sourceLabel },
          { key: 'unit', header: '责任单位', width: 24, value: (r) => r.unit.name },
          { key: 'leader', header: '责任领导', width: 12, value: (r) => r.responsibleLeader },
          { key: 'place', header: '地点', width: 24, value: (r) => r.place },
          { key: 'start', header: '挂账日期', width: 12, numFmt: EXCEL_DATE, value: (r) => excelDate(r.startDate) },
          { key: 'deadline', header: '整改期限', width: 12, numFmt: EXCEL_DATE, value: (r) => excelDate(r.deadline) },
          { key: 'status', header: '状态', width: 14, value: (r) => (lang === 'en' ? STATUS_LABELS_EN[r.status] : r.statusLabel) },
          { key: 'progress', header: '整改进度', width: 10, value: (r) => `${r.requirements.done}/${r.requirements.total}` },
          lightColumn((r: (typeof items)[number]) => r.light.light, lang),
          { key: 'reason', header: '亮灯说明', width: 28, value: (r) => r.light.reason },
          { key: 'closed', header: '销号时间', width: 18, numFmt: EXCEL_MINUTE, value: (r) => (r.closedAt ? zone.excel(r.closedAt) : null) },
        ],
        items,
      );
      return sendXlsx(reply, `问题台账-${today({ zone, clock })}.xlsx`, buf);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/problems',
    successStatus: 201,
    summary: 'Put a problem on the ledger (挂账): source and link, place, unit, named leader, checklist of requirements, deadline',
    tags: ['supervision'],
    body: problemCreateSchema,
    response: problemDetailSchema,
    handler: async ({ principal, body, audit, lang }) => {
      authorize(principal, ledgerPolicies.createProblem);
      return ledger.createProblem(db, body, principal, audit, { lang, zone });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/problems/:id',
    summary: 'One problem: its light, checklist with reports and evidence, every step taken, and the steps open to the caller',
    tags: ['supervision'],
    params: idParams,
    response: problemDetailSchema,
    handler: async ({ principal, params, lang }) => {
      authorize(principal, ledgerPolicies.read, await ledger.loadProblem(db, params.id), READ_OWN);
      return ledger.getProblem(db, principal, params.id, { lang, zone }, clock.now());
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/problems/:id/requirements/:requirementId/report',
    summary: 'The responsible unit reports on one requirement (done needs evidence first)',
    tags: ['supervision'],
    params: requirementParams,
    body: requirementReportSchema,
    response: problemDetailSchema,
    handler: async ({ principal, params, body, audit, lang }) => {
      authorize(principal, ledgerPolicies.work, await ledger.loadProblem(db, params.id), READ_OWN);
      return ledger.reportRequirement(db, principal, params.id, params.requirementId, body, audit, { lang, zone });
    },
  });

  defineRoute<undefined, Record<string, never>, z.infer<typeof requirementParams>>(app, {
    method: 'POST',
    url: '/api/problems/:id/requirements/:requirementId/evidence',
    successStatus: 201,
    summary: 'Upload one evidence file for a requirement (JPEG, PNG, WebP ≤ 15 MB; MP4 ≤ 100 MB; PDF, Word, Excel ≤ 10 MB) as the body; name in x-filename',
    tags: ['supervision'],
    params: requirementParams,
    accepts: UPLOAD_CONTENT_TYPES,
    response: problemEvidenceUploadSchema,
    handler: async ({ principal, params, req, audit }) => {
      authorize(principal, ledgerPolicies.addEvidence, await ledger.loadProblem(db, params.id), '只有责任单位可以上传整改佐证 / only the responsible unit adds evidence');
      const file = uploadedFile(req, 'evidence');
      return ledger.addEvidence(db, principal, params.id, params.requirementId, file, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/problems/:id/evidence/:evidenceId',
    produces: EVIDENCE_TYPES,
    summary: 'Download an evidence file of a problem',
    tags: ['supervision'],
    params: evidenceParams,
    handler: async ({ principal, params, reply }) => {
      authorize(principal, ledgerPolicies.read, await ledger.loadProblem(db, params.id), READ_OWN);
      return sendFile(reply, await ledger.getEvidenceFile(db, params.id, params.evidenceId), false);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/problems/:id/actions',
    summary: 'Take a step: submit (unit head), close out 销号, return or reopen with a reason (supervision office)',
    tags: ['supervision'],
    params: idParams,
    body: problemActionSchema,
    response: problemDetailSchema,
    handler: async ({ principal, params, body, audit, lang }) => {
      authorize(principal, ledgerPolicies.work, await ledger.loadProblem(db, params.id), READ_OWN);
      return ledger.act(db, principal, params.id, body, audit, { lang, zone });
    },
  });
}

function registerInspectionRoutes(app: FastifyInstance, { db, zone }: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/inspections',
    summary: 'Undercover inspections (暗访), newest first',
    tags: ['supervision'],
    query: inspectionsQuery,
    response: inspectionListSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, ledgerPolicies.readInspections);
      return inspections.listInspections(db, query);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/inspections',
    successStatus: 201,
    summary: 'Record an undercover inspection: date, place, inspector, notes',
    tags: ['supervision'],
    body: inspectionCreateSchema,
    response: inspectionDtoSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, ledgerPolicies.manageInspections);
      return inspections.createInspection(db, body, principal, audit);
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/inspections/:id',
    summary: 'Set or clear the live-stream address (HLS .m3u8) of an inspection, played at review meetings (连线项目现场)',
    tags: ['supervision'],
    params: idParams,
    body: inspectionUpdateSchema,
    response: inspectionDtoSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, ledgerPolicies.manageInspections);
      return inspections.updateInspection(db, params.id, body, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/inspections/map',
    summary: 'Findings with coordinates (their own, or those of their first located photo or video), for a map',
    tags: ['supervision'],
    query: mapQuery,
    response: findingMapSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, ledgerPolicies.readInspections);
      return inspections.findingMap(db, query);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/inspections/:id',
    summary: 'One inspection with its findings, their photos and videos, and the problems they became',
    tags: ['supervision'],
    params: idParams,
    response: inspectionDetailSchema,
    handler: async ({ principal, params }) => {
      authorize(principal, ledgerPolicies.readInspections);
      return inspections.getInspection(db, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/inspections/:id/findings',
    successStatus: 201,
    summary: 'Add a finding to an inspection (from a phone): what, where, the unit it points at',
    tags: ['supervision'],
    params: idParams,
    body: findingCreateSchema,
    response: findingDtoSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, ledgerPolicies.manageInspections);
      return inspections.addFinding(db, params.id, body, principal, audit);
    },
  });

  defineRoute<undefined, z.infer<typeof mediaQuery>, z.infer<typeof idParams>>(app, {
    method: 'POST',
    url: '/api/inspections/findings/:id/media',
    successStatus: 201,
    summary: 'Upload a photo or video of a finding (JPEG, PNG, WebP ≤ 15 MB; MP4 ≤ 100 MB) as the body; time and place are read from the file, else taken from the query',
    tags: ['supervision'],
    params: idParams,
    accepts: [...MEDIA_TYPES, ANY_FILE],
    query: mediaQuery,
    response: mediaDtoSchema,
    handler: async ({ principal, params, query, req, audit }) => {
      authorize(principal, ledgerPolicies.manageInspections);
      const file = uploadedFile(req, 'media');
      return inspections.addMedia(db, params.id, file, query, principal, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/inspections/findings/:id/problem',
    successStatus: 201,
    summary: 'Put a finding on the ledger in one step: the new problem is linked back to it',
    tags: ['supervision'],
    params: idParams,
    body: findingProblemSchema,
    response: problemDetailSchema,
    handler: async ({ principal, params, body, audit, lang }) => {
      authorize(principal, ledgerPolicies.createProblem);
      return inspections.findingToProblem(db, params.id, body, principal, audit, { lang, zone });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/inspections/media/:id',
    produces: MEDIA_TYPES,
    summary: 'A photo or video of a finding, as uploaded',
    tags: ['supervision'],
    params: idParams,
    handler: async ({ principal, params, reply }) => {
      const media = await inspections.loadMedia(db, params.id);
      authorize(principal, ledgerPolicies.readMedia, media, MEDIA_OWN);
      return sendFile(reply, await inspections.getMediaFile(db, media, 'original'), true);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/inspections/media/:id/thumbnail',
    produces: ['image/jpeg'],
    summary: 'The thumbnail of a photo (JPEG, at most 320 px)',
    tags: ['supervision'],
    params: idParams,
    handler: async ({ principal, params, reply }) => {
      const media = await inspections.loadMedia(db, params.id);
      authorize(principal, ledgerPolicies.readMedia, media, MEDIA_OWN);
      return sendFile(reply, await inspections.getMediaFile(db, media, 'thumbnail'), true);
    },
  });
}

/**
 * The problem ledger and the undercover inspections. They live in a scope of their own so that
 * their uploads can be larger than the rest of the API's (a phone video may be 100 MB) and so that
 * nobody who has not signed in gets to send that much.
 */
export async function registerLedgerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerUploadScope(app, { types: UPLOAD_CONTENT_TYPES, bodyLimit: UPLOAD_BODY_LIMIT }, (scope) => {
    registerProblemRoutes(scope, ctx);
    registerInspectionRoutes(scope, ctx);
  });
}
