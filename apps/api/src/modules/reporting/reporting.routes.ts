import {
  bulkApproveResultSchema,
  bulkApproveSchema,
  filingStatusQuerySchema,
  filingStatusSchema,
  reviewQueueQuerySchema,
  reviewQueueSchema,
  correctionDecisionSchema,
  correctionListSchema,
  correctionRequestSchema,
  correctionSchema,
  dueListSchema,
  gridQuerySchema,
  gridSaveSchema,
  gridSchema,
  lastYearSaveSchema,
  type Grid,
  type LastYearTable,
  type ValueEvidence,
  lastYearTableSchema,
  noEventsSchema,
  periodStatusChangedSchema,
  periodStatusSchema,
  reportingPeriodListSchema,
  returnValueSchema,
  reviewSchema,
  submitSchema,
  valueEvidenceListSchema,
  valueEvidenceSchema,
} from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { today, type AppContext } from '../../app-context.js';
import { AppError } from '../../errors.js';
import { sendFile, sendXlsx } from '../../lib/download.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import * as repo from './data.repository.js';
import { gridTemplate, importGrid } from './data-excel.js';
import * as data from './data.service.js';
import { addEvidence, getEvidenceFile, listEvidence, loadEvidenceParty, loadValueParty } from './evidence.service.js';
import { ASSESSMENT_EVIDENCE_TYPES, filenameHeader } from '../files/files.js';
import { findLeaf, getLastYear, importLastYear, lastYearTemplate, saveLastYear } from './last-year.service.js';
import { confirmNoEvents, returnApprovedValue } from './value-actions.service.js';
import { reportingPolicies } from './reporting.policy.js';
import { listCorrections, reviewQueue } from './review-queue.service.js';
import { XLSX_MIME } from '../../lib/excel.js';

const periodsQuery = z.strictObject({ frequency: z.enum(['week', 'tenDay', 'month', 'quarter', 'year']).optional() });
const dueQuery = z.strictObject({ unitId: z.coerce.number().int().positive().optional() });
const optionalId = z.coerce.number().int().positive().max(2_147_483_647).optional();
const leafParams = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647), code: z.string().min(1).max(30) });
const leafRef = (p: z.infer<typeof leafParams>) => ({ schemeId: p.id, code: p.code });
const OWN_DATA = '只能查看本单位的数据 / You can only see your own unit’s data';
const ENTER_UNIT = '无权为该单位填报 / you may not enter data for this unit';
const REVIEWERS = '只有绩效办或数据来源单位可以审核 / only the office or the data source reviews';
const READ_LAST_YEAR = '只有绩效办和本指标的数据来源单位可以查看上年值 / only the office and the data source';
const ENTER_LAST_YEAR = '只有本指标的数据来源单位或绩效办可以填报上年值 / only the data source or the office enters last year’s values';
const correctionsQuery = z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).default('pending'), schemeId: optionalId });

export function registerReportingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  defineRoute(app, {
    method: 'GET',
    url: '/api/schemes/:id/periods',
    summary: "A scheme's reporting periods with their status",
    tags: ['reporting'],
    params: idParams,
    query: periodsQuery,
    response: reportingPeriodListSchema,
    handler: async ({ principal, params, query }) => {
      authorize(principal, reportingPolicies.readPeriods);
      const rows = await repo.findPeriods(db, params.id, query.frequency);
      return { items: rows.map((r) => ({ id: r.id, frequency: r.frequency, key: r.key, label: r.label, start: r.start_date, end: r.end_date, status: r.status })) };
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/periods/:id',
    summary: 'Open, close or lock a reporting period',
    tags: ['reporting'],
    params: idParams,
    body: periodStatusSchema,
    response: periodStatusChangedSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, reportingPolicies.managePeriods);
      const r = await data.setPeriodStatus(db, params.id, body.status, audit);
      return { id: r.id, key: r.key, label: r.label, status: r.status };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/data',
    summary: "A unit's reporting grid for one period: indicators, targets, values, status",
    tags: ['reporting'],
    query: gridQuerySchema,
    response: gridSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, reportingPolicies.readGrid, { unitId: query.unitId }, OWN_DATA);
      return data.getGrid(db, principal, query.unitId, query.periodId);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/data',
    summary: 'Save grid cells as drafts (all or none); each is checked against its indicator (range and decimals, grade, event shapes), a wrong one answered 400 naming the unit, indicator, period, value and what is allowed',
    tags: ['reporting'],
    body: gridSaveSchema,
    response: gridSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, reportingPolicies.enterGrid, { unitId: body.unitId }, ENTER_UNIT);
      return data.saveGrid(db, principal, body, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/data/no-events',
    summary: 'Confirm 本期无事项 (nothing to report) on event rows (扣分/加分/一票否决): the ones given, or every such row not yet filled',
    tags: ['reporting'],
    body: noEventsSchema,
    response: gridSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, reportingPolicies.enterGrid, { unitId: body.unitId }, ENTER_UNIT);
      return confirmNoEvents(db, principal, body, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/values/:id/return',
    summary: 'The office returns an approved value of an open period to the unit, with a reason',
    tags: ['reporting'],
    params: idParams,
    body: returnValueSchema,
    response: gridSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, reportingPolicies.returnApproved);
      return returnApprovedValue(db, principal, params.id, body.reason, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/data/submit',
    summary: "The unit head submits the unit's values for the period",
    tags: ['reporting'],
    body: submitSchema,
    response: gridSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, reportingPolicies.submitForUnit, { unitId: body.unitId }, '只有本单位负责人可以提交 / only the unit head submits');
      return data.submitUnitPeriod(db, principal, body.unitId, body.periodId, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/data/review',
    summary: 'Approve submitted values, or return them with a reason',
    tags: ['reporting'],
    body: reviewSchema,
    response: gridSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, reportingPolicies.review, undefined, REVIEWERS);
      return data.reviewUnitPeriod(db, principal, body, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/data/review-queue',
    summary: 'Unit-periods with submitted values awaiting review (the office: all; a data source: what it supplies)',
    tags: ['reporting'],
    query: reviewQueueQuerySchema,
    response: reviewQueueSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, reportingPolicies.review, undefined, REVIEWERS);
      return reviewQueue(db, principal, query);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/data/review/bulk',
    summary: 'Approve many unit-periods at once (a selection of the queue) in one transaction; each value audited on its own; an item that cannot be approved is reported with its reason',
    tags: ['reporting'],
    body: bulkApproveSchema,
    response: bulkApproveResultSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, reportingPolicies.review, undefined, REVIEWERS);
      return data.bulkApprove(db, principal, body.items, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/data/status',
    summary: '报送情况: how far each unit has filed what it owes in one period (the office); behind=1 keeps those that have not filed everything',
    tags: ['reporting'],
    query: filingStatusQuerySchema,
    response: filingStatusSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, reportingPolicies.readFiling, undefined, '只有绩效办可以查看各单位报送情况 / only the office sees every unit’s filing');
      const { period, units } = await data.filingStatus(db, principal, query.periodId, query.behind ?? false);
      return { period: { id: period.id, key: period.key, label: period.label, frequency: period.frequency, end: period.end_date, status: period.status }, units };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/corrections',
    summary: 'Correction requests with the current and the proposed value; pending ones by default',
    tags: ['reporting'],
    query: correctionsQuery,
    response: correctionListSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, reportingPolicies.decideCorrections);
      return { items: await listCorrections(db, query) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/data/due',
    summary: 'Open periods where the unit still owes values; overdue after the period ends',
    tags: ['reporting'],
    query: dueQuery,
    response: dueListSchema,
    handler: async ({ principal, query }) => {
      const unitId = query.unitId ?? principal.unitId;
      if (!unitId) throw new AppError('VALIDATION_FAILED', 'query.unitId: 请指定单位 / give a unit', [{ path: 'query.unitId', message: 'required' }]);
      authorize(principal, reportingPolicies.readUnit, { unitId }, OWN_DATA);
      return { items: await data.findDue(db, principal, unitId, today(ctx)) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/data/template.xlsx',
    produces: [XLSX_MIME],
    summary: "The grid as an Excel sheet to fill in and upload",
    tags: ['reporting'],
    query: gridQuerySchema,
    handler: async ({ principal, query, reply, lang }) => {
      authorize(principal, reportingPolicies.readGrid, { unitId: query.unitId }, OWN_DATA);
      const { grid, file } = await gridTemplate(db, principal, query.unitId, query.periodId, lang);
      return sendXlsx(reply, `填报-${grid.period.label}.xlsx`, file);
    },
  });

  defineRoute<Buffer, z.infer<typeof gridQuerySchema>, Record<string, never>, Grid>(app, {
    method: 'POST',
    url: '/api/data/import',
    summary: 'Upload a filled template; any wrong row (number out of range, wrong events) imports nothing and is reported',
    tags: ['reporting'],
    query: gridQuerySchema,
    rawBody: true,
    response: gridSchema,
    handler: async ({ principal, query, body, audit }) => {
      authorize(principal, reportingPolicies.enterGrid, { unitId: query.unitId }, ENTER_UNIT);
      return importGrid(db, principal, query.unitId, query.periodId, body, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/values/:id/corrections',
    successStatus: 201,
    summary: 'Ask to correct a value of a closed or locked period; the office decides',
    tags: ['reporting'],
    params: idParams,
    body: correctionRequestSchema,
    response: correctionSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, reportingPolicies.enterValue, await loadValueParty(db, params.id), '无权更正该数据 / you may not correct this value');
      return data.requestCorrection(db, principal, params.id, body, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/corrections/:id/decide',
    summary: 'Approve (apply) or reject a correction',
    tags: ['reporting'],
    params: idParams,
    body: correctionDecisionSchema,
    response: correctionSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, reportingPolicies.decideCorrections);
      return data.decideCorrection(db, principal, params.id, body.decision, body.note ?? null, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/schemes/:id/indicators/:code/last-year',
    summary: "Last year's value (上年值) of a leaf indicator for each unit it applies to: from the scheme or entered by its data-source unit",
    tags: ['reporting'],
    params: leafParams,
    response: lastYearTableSchema,
    handler: async ({ principal, params }) => {
      authorize(principal, reportingPolicies.readLastYear, await findLeaf(db, leafRef(params)), READ_LAST_YEAR);
      return getLastYear(db, principal, leafRef(params));
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/schemes/:id/indicators/:code/last-year',
    summary: "Enter last year's values (the data-source unit or the office); null clears an entered one; a value the scheme gives cannot change",
    tags: ['reporting'],
    params: leafParams,
    body: lastYearSaveSchema,
    response: lastYearTableSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, reportingPolicies.enterLastYear, await findLeaf(db, leafRef(params)), ENTER_LAST_YEAR);
      return saveLastYear(db, principal, leafRef(params), body.values, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/schemes/:id/indicators/:code/last-year.xlsx',
    produces: [XLSX_MIME],
    summary: "Last year's values as an Excel sheet to fill in and upload",
    tags: ['reporting'],
    params: leafParams,
    handler: async ({ principal, params, reply }) => {
      authorize(principal, reportingPolicies.readLastYear, await findLeaf(db, leafRef(params)), READ_LAST_YEAR);
      const { table, file } = await lastYearTemplate(db, principal, leafRef(params));
      return sendXlsx(reply, `上年值-${table.indicator.code}.xlsx`, file);
    },
  });

  defineRoute<Buffer, Record<string, never>, z.infer<typeof leafParams>, LastYearTable>(app, {
    method: 'POST',
    url: '/api/schemes/:id/indicators/:code/last-year/import',
    summary: "Upload a filled last-year sheet; any wrong row imports nothing and is reported",
    tags: ['reporting'],
    params: leafParams,
    rawBody: true,
    response: lastYearTableSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, reportingPolicies.enterLastYear, await findLeaf(db, leafRef(params)), ENTER_LAST_YEAR);
      return importLastYear(db, principal, leafRef(params), body, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/values/:id/evidence',
    summary: 'Evidence files of a value',
    tags: ['reporting'],
    params: idParams,
    response: valueEvidenceListSchema,
    handler: async ({ principal, params }) => {
      authorize(principal, reportingPolicies.readValue, await loadValueParty(db, params.id));
      return { items: await listEvidence(db, params.id) };
    },
  });

  defineRoute<Buffer, Record<string, never>, z.infer<typeof idParams>, ValueEvidence>(app, {
    method: 'POST',
    url: '/api/values/:id/evidence',
    successStatus: 201,
    summary: 'Upload one evidence file (PDF, JPEG, PNG, Word, Excel; ≤ 10 MB) as the body; name in x-filename',
    tags: ['reporting'],
    params: idParams,
    rawBody: true,
    accepts: ASSESSMENT_EVIDENCE_TYPES,
    response: valueEvidenceSchema,
    handler: async ({ principal, params, body, req, audit }) => {
      authorize(principal, reportingPolicies.enterValue, await loadValueParty(db, params.id), '只能为本单位填报的数据上传佐证 / upload evidence for values you enter');
      return addEvidence(db, principal, params.id, { filename: filenameHeader(req.headers['x-filename'], 'evidence'), mime: String(req.headers['content-type'] ?? ''), bytes: body }, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/evidence/:id',
    produces: ASSESSMENT_EVIDENCE_TYPES,
    summary: 'Download an evidence file',
    tags: ['reporting'],
    params: idParams,
    handler: async ({ principal, params, reply }) => {
      authorize(principal, reportingPolicies.readValue, await loadEvidenceParty(db, params.id));
      return sendFile(reply, await getEvidenceFile(db, params.id));
    },
  });
}
