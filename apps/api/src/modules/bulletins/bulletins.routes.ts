import {
  bulletinCreateSchema,
  bulletinListQuerySchema,
  bulletinListSchema,
  bulletinPendingSchema,
  bulletinRemindResultSchema,
  bulletinRemindSchema,
  bulletinSchema,
  bulletinSeriesListSchema,
  bulletinSeriesSchema,
  bulletinSeriesUpdateSchema,
  bulletinUpdateSchema,
} from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../errors.js';
import { DOCX_OR_PDF, docxOrPdfQuery, replyWithDocument } from '../../lib/documents/index.js';
import { XLSX_MIME } from '../../lib/excel.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { bulletinPolicies } from './bulletins.policy.js';
import * as bulletins from './bulletins.service.js';

export function registerBulletinRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db, zone } = ctx;

  defineRoute(app, {
    method: 'GET',
    url: '/api/bulletin-series',
    summary: 'Bulletin series (绩效工作旬通报, 督查通报 …): number prefix, issuer, 主送/抄送, signer, sections',
    tags: ['bulletins'],
    response: bulletinSeriesListSchema,
    handler: async ({ principal }) => bulletins.listSeries(db, principal),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/bulletin-series/:id',
    summary: "Change a series: name, number prefix, issuer, 主送 units, 抄送, signer, default sections (the series' office)",
    tags: ['bulletins'],
    params: idParams,
    body: bulletinSeriesUpdateSchema,
    response: bulletinSeriesSchema,
    handler: async ({ principal, params, body, audit }) => bulletins.updateSeries(db, principal, params.id, body, audit),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/bulletins',
    summary: 'The archive: search by series, number or title words, date and unit mentioned; a unit sees the issued bulletins addressed to it',
    tags: ['bulletins'],
    query: bulletinListQuerySchema,
    response: bulletinListSchema,
    handler: async ({ principal, query }) => bulletins.listBulletins(db, principal, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/bulletins/pending',
    summary: "What waits on the caller: drafts to approve or issue and units not yet signed (office), bulletins to sign for (a unit's people)",
    tags: ['bulletins'],
    response: bulletinPendingSchema,
    handler: async ({ principal }) => bulletins.pendingBulletins(db, principal),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/bulletins',
    summary: 'Draft a bulletin of a series as of a date: its figures are built from live data and frozen',
    tags: ['bulletins'],
    body: bulletinCreateSchema,
    response: bulletinSchema,
    successStatus: 201,
    handler: async ({ principal, body, audit, lang }) => {
      authorize(principal, bulletinPolicies.draftAny);
      return (await bulletins.createBulletin(db, principal, body, audit, { lang, zone }, ctx.clock.now()))!;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/bulletins/:id',
    summary: 'A bulletin: sections, narrative, frozen figures, what changed at the last rebuild, receipts (签收)',
    tags: ['bulletins'],
    params: idParams,
    response: bulletinSchema,
    handler: async ({ principal, params }) => bulletins.getBulletin(db, principal, params.id),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/bulletins/:id',
    summary: 'Edit a draft: title, 总体情况, 下步工作要求 (一、（一）1.（1） headings), sections on or off, 主送 units, 抄送',
    tags: ['bulletins'],
    params: idParams,
    body: bulletinUpdateSchema,
    response: bulletinSchema,
    handler: async ({ principal, params, body, audit }) => bulletins.updateBulletin(db, principal, params.id, body, audit),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/bulletins/:id/build',
    summary: 'Rebuild the figures from live data as of the bulletin’s date; answers with what changed',
    tags: ['bulletins'],
    params: idParams,
    response: bulletinSchema,
    handler: async ({ principal, params, audit, lang }) => bulletins.rebuildBulletin(db, principal, params.id, audit, { lang, zone }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/bulletins/:id/approve',
    summary: "Approve a draft (the series' designated signer)",
    tags: ['bulletins'],
    params: idParams,
    response: bulletinSchema,
    handler: async ({ principal, params, audit }) => bulletins.approveBulletin(db, principal, params.id, audit),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/bulletins/:id/issue',
    summary: 'Issue an approved bulletin: numbered (prefix〔year〕n号), locked, delivered to its units (inbox, email, SMS)',
    tags: ['bulletins'],
    params: idParams,
    response: bulletinSchema,
    handler: async ({ principal, params, audit, lang }) => bulletins.issueBulletin(db, principal, params.id, audit, { lang, zone }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/bulletins/:id/sign',
    summary: "Sign for an issued bulletin (签收) for the caller's unit",
    tags: ['bulletins'],
    params: idParams,
    response: bulletinSchema,
    handler: async ({ principal, params, audit }) => bulletins.signBulletin(db, principal, params.id, audit),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/bulletins/:id/remind',
    summary: 'Remind the units that have not signed (all, or those named) through the inbox and the reminder channels',
    tags: ['bulletins'],
    params: idParams,
    body: bulletinRemindSchema,
    response: bulletinRemindResultSchema,
    handler: async ({ principal, params, body, audit, lang }) => bulletins.remindUnsigned(db, principal, params.id, body.unitIds, audit, { lang, zone }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/bulletins/:id/document',
    summary: 'The bulletin as .docx (GB/T 9704) or PDF; a draft is marked 草稿',
    tags: ['bulletins'],
    params: idParams,
    query: docxOrPdfQuery('docx'),
    produces: DOCX_OR_PDF,
    handler: async ({ principal, params, query, reply }) => {
      const { name, doc } = await bulletins.bulletinDocumentOf(db, principal, params.id, zone);
      return replyWithDocument(reply, doc, name, query.format);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/bulletins/:id/annex',
    summary: "The bulletin's tables as an .xlsx annex",
    tags: ['bulletins'],
    params: idParams,
    produces: [XLSX_MIME],
    handler: async ({ principal, params, reply }) => {
      const { name, doc } = await bulletins.bulletinDocumentOf(db, principal, params.id, zone);
      if (!doc.body.some((b) => b.kind === 'table')) throw new AppError('NOTHING_TO_DO', '该通报没有数据表 / The bulletin has no tables');
      return replyWithDocument(reply, doc, `${name}-附表`, 'xlsx');
    },
  });
}
