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

const READ_OWN = '只能查看发给本单位的通报 / You can only read bulletins addressed to your unit';
const OFFICE_ONLY = '只有该系列的发文办公室可以修改通报 / Only the series’ office changes its bulletins';

export function registerBulletinRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db, zone } = ctx;

  defineRoute(app, {
    method: 'GET',
    url: '/api/bulletin-series',
    summary: 'Bulletin series (绩效工作旬通报, 督查通报 …): number prefix, issuer, 主送/抄送, signer, sections',
    tags: ['bulletins'],
    response: bulletinSeriesListSchema,
    handler: async ({ principal }) => {
      authorize(principal, bulletinPolicies.readAll);
      return bulletins.listSeries(db);
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/bulletin-series/:id',
    summary: "Change a series: name, number prefix, issuer, 主送 units, 抄送, signer, default sections (the series' office)",
    tags: ['bulletins'],
    params: idParams,
    body: bulletinSeriesUpdateSchema,
    response: bulletinSeriesSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, bulletinPolicies.editSeries, await bulletins.loadSeries(db, params.id));
      return bulletins.updateSeries(db, params.id, body, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/bulletins',
    summary: 'The archive: search by series, number or title words, date and unit mentioned; a unit sees the issued bulletins addressed to it',
    tags: ['bulletins'],
    query: bulletinListQuerySchema,
    response: bulletinListSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, bulletinPolicies.list);
      return bulletins.listBulletins(db, bulletinPolicies.listScope(principal), query);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/bulletins/pending',
    summary: "What waits on the caller: drafts to approve or issue and units not yet signed (office), bulletins to sign for (a unit's people)",
    tags: ['bulletins'],
    response: bulletinPendingSchema,
    handler: async ({ principal }) => {
      authorize(principal, bulletinPolicies.pending);
      return bulletins.pendingBulletins(db, principal);
    },
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
      authorize(principal, bulletinPolicies.manage, await bulletins.loadSeries(db, body.seriesId), '只有该系列的发文办公室可以起草通报 / Only the series’ office drafts its bulletins');
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
    handler: async ({ principal, params }) => {
      authorize(principal, bulletinPolicies.read, await bulletins.loadBulletinParty(db, params.id), READ_OWN);
      return bulletins.getBulletin(db, principal, params.id);
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/bulletins/:id',
    summary: 'Edit a draft: title, 总体情况, 下步工作要求 (一、（一）1.（1） headings), sections on or off, 主送 units, 抄送',
    tags: ['bulletins'],
    params: idParams,
    body: bulletinUpdateSchema,
    response: bulletinSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, bulletinPolicies.manage, await bulletins.loadBulletinParty(db, params.id), OFFICE_ONLY);
      return bulletins.updateBulletin(db, principal, params.id, body, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/bulletins/:id/build',
    summary: 'Rebuild the figures from live data as of the bulletin’s date; answers with what changed',
    tags: ['bulletins'],
    params: idParams,
    response: bulletinSchema,
    handler: async ({ principal, params, audit, lang }) => {
      authorize(principal, bulletinPolicies.manage, await bulletins.loadBulletinParty(db, params.id), OFFICE_ONLY);
      return bulletins.rebuildBulletin(db, principal, params.id, audit, { lang, zone });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/bulletins/:id/approve',
    summary: "Approve a draft (the series' designated signer)",
    tags: ['bulletins'],
    params: idParams,
    response: bulletinSchema,
    handler: async ({ principal, params, audit }) => {
      const b = await bulletins.loadBulletinParty(db, params.id);
      authorize(principal, bulletinPolicies.approve, b, `只有签发人${b.signer_name ?? ''}可以审批 / Only the designated signer approves`);
      return bulletins.approveBulletin(db, principal, params.id, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/bulletins/:id/issue',
    summary: 'Issue an approved bulletin: numbered (prefix〔year〕n号), locked, delivered to its units (inbox, email, SMS)',
    tags: ['bulletins'],
    params: idParams,
    response: bulletinSchema,
    handler: async ({ principal, params, audit, lang }) => {
      authorize(principal, bulletinPolicies.manage, await bulletins.loadBulletinParty(db, params.id), OFFICE_ONLY);
      return bulletins.issueBulletin(db, principal, params.id, audit, { lang, zone });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/bulletins/:id/sign',
    summary: "Sign for an issued bulletin (签收) for the caller's unit",
    tags: ['bulletins'],
    params: idParams,
    response: bulletinSchema,
    handler: async ({ principal, params, audit }) => {
      authorize(principal, bulletinPolicies.sign, await bulletins.loadBulletinParty(db, params.id), '只能签收发给本单位的已印发通报 / You can only sign for issued bulletins addressed to your unit');
      return bulletins.signBulletin(db, principal, params.id, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/bulletins/:id/remind',
    summary: 'Remind the units that have not signed (all, or those named) through the inbox and the reminder channels',
    tags: ['bulletins'],
    params: idParams,
    body: bulletinRemindSchema,
    response: bulletinRemindResultSchema,
    handler: async ({ principal, params, body, audit, lang }) => {
      authorize(principal, bulletinPolicies.manage, await bulletins.loadBulletinParty(db, params.id), OFFICE_ONLY);
      return bulletins.remindUnsigned(db, principal, params.id, body.unitIds, audit, { lang, zone });
    },
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
      authorize(principal, bulletinPolicies.read, await bulletins.loadBulletinParty(db, params.id), READ_OWN);
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
      authorize(principal, bulletinPolicies.read, await bulletins.loadBulletinParty(db, params.id), READ_OWN);
      const { name, doc } = await bulletins.bulletinDocumentOf(db, principal, params.id, zone);
      if (!doc.body.some((b) => b.kind === 'table')) throw new AppError('NOTHING_TO_DO', '该通报没有数据表 / The bulletin has no tables');
      return replyWithDocument(reply, doc, `${name}-附表`, 'xlsx');
    },
  });
}
