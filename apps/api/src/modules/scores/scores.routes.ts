import { progressViewSchema, rankingsSchema, runComparisonSchema, runListSchema, runSchema, scorecardSchema, trendSchema } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { today, type AppContext } from '../../app-context.js';
import { sendXlsx } from '../../lib/download.js';
import { DOCX_OR_PDF, docxOrPdfQuery, replyWithDocument } from '../../lib/documents/index.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { findSchemeById } from '../schemes/schemes.repository.js';
import { notFound } from '../../errors.js';
import { findRunFailure } from './run-failures.js';
import { scorePolicies } from './scores.policy.js';
import { subscribeScoreReactions } from './scores.reactions.js';
import * as scores from './scores.service.js';
import { XLSX_MIME } from '../../lib/excel.js';

const runBody = z.strictObject({ asOf: z.iso.date().optional() });
const compareQuery = z.strictObject({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() });
const trendQuery = z.strictObject({ unitId: z.coerce.number().int().positive().optional() });
const scorecardParams = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647), unitId: z.coerce.number().int().positive().max(2_147_483_647) });
const groupParams = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647), group: z.string().min(1).max(40) });
const OWN = '只能查看本单位的考核结果 / You can only see your own unit’s results';

export function registerScoreRoutes(app: FastifyInstance, ctx: AppContext): void {
  subscribeScoreReactions(ctx);
  const { db } = ctx;

  defineRoute(app, {
    method: 'POST',
    url: '/api/schemes/:id/runs',
    summary:
      'Compute and store a score run as of a date (default: today in the scheme year, else its last day). Approved data the scheme cannot score (stored before entry checked it) is answered 422 UNSCORABLE_INPUT, details listing each input: unit, indicator, period, value, reason',
    tags: ['scores'],
    params: idParams,
    body: runBody,
    response: runSchema,
    successStatus: 201,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, scorePolicies.run);
      const scheme = await findSchemeById(db, params.id);
      if (!scheme) throw notFound('考核方案 / Scheme');
      const asOf = body.asOf ?? scores.defaultAsOf(scheme.year, today(ctx));
      return scores.runScores(db, params.id, { asOf, trigger: 'manual', userId: principal.userId }, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/schemes/:id/runs',
    summary: "A scheme's score runs, newest first, and the latest scheduled run that could not score since (failure; null when none)",
    tags: ['scores'],
    params: idParams,
    response: runListSchema,
    handler: async ({ principal, params }) => {
      authorize(principal, scorePolicies.read);
      return { items: await scores.listRuns(db, params.id), failure: scorePolicies.run(principal) ? await findRunFailure(db, params.id) : null };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/schemes/:id/trend',
    summary: 'Totals and ranks across the runs of a scheme',
    tags: ['scores'],
    params: idParams,
    query: trendQuery,
    response: trendSchema,
    handler: async ({ principal, params, query }) => {
      authorize(principal, scorePolicies.read);
      if (query.unitId !== undefined) authorize(principal, scorePolicies.seeUnit, { unitId: query.unitId }, OWN);
      return { items: await scores.getTrend(db, principal, params.id, query.unitId) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/runs/compare',
    summary: 'What changed between two runs, unit by unit and indicator by indicator, and why',
    tags: ['scores'],
    query: compareQuery,
    response: runComparisonSchema,
    handler: async ({ principal, query, lang }) => {
      authorize(principal, scorePolicies.read);
      return scores.compareRuns(db, principal, query.from, query.to, lang);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/runs/:id',
    summary: 'Rankings of a run, per group (a unit sees its own line)',
    tags: ['scores'],
    params: idParams,
    response: rankingsSchema,
    revalidates: true,
    handler: async ({ principal, params, lang, reply }) => {
      authorize(principal, scorePolicies.read);
      return ctx.kept.answer(reply, await scores.rankingsKey(db, principal, params.id, lang), () => scores.getRankings(db, principal, params.id, lang));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/runs/:id/export.xlsx',
    produces: [XLSX_MIME],
    summary: 'Rankings of a run as Excel',
    tags: ['scores'],
    params: idParams,
    handler: async ({ principal, params, reply }) => {
      authorize(principal, scorePolicies.read);
      return sendXlsx(reply, `排名-${params.id}.xlsx`, await scores.exportRankings(db, principal, params.id));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/runs/:id/progress',
    summary: '时序进度: completion against the expected line for progress indicators, lagging units flagged, each row with its basis (month or day)',
    tags: ['scores'],
    params: idParams,
    response: progressViewSchema,
    handler: async ({ principal, params, lang }) => {
      authorize(principal, scorePolicies.read);
      return scores.getProgress(db, principal, params.id, lang);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/runs/:id/progress.xlsx',
    produces: [XLSX_MIME],
    summary: '时序进度 of a run as Excel, each row saying how 时序进度 was counted',
    tags: ['scores'],
    params: idParams,
    handler: async ({ principal, params, reply }) => {
      authorize(principal, scorePolicies.read);
      return sendXlsx(reply, `时序进度-${params.id}.xlsx`, await scores.exportProgress(db, principal, params.id));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/runs/:id/units/:unitId',
    summary: "A unit's scorecard: every indicator's score with its explanation, target and last year's value",
    tags: ['scores'],
    params: scorecardParams,
    response: scorecardSchema,
    revalidates: true,
    handler: async ({ principal, params, lang, reply }) => {
      authorize(principal, scorePolicies.seeUnit, { unitId: params.unitId }, OWN);
      return ctx.kept.answer(reply, await scores.scorecardKey(db, params.id, params.unitId, lang), () => scores.getScorecard(db, principal, params.id, params.unitId, lang));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/runs/:id/units/:unitId/scorecard',
    produces: DOCX_OR_PDF,
    summary: "A unit's scorecard as a document: PDF (default) or .docx in the GB/T 9704 layout",
    tags: ['scores'],
    params: scorecardParams,
    query: docxOrPdfQuery('pdf'),
    handler: async ({ principal, params, query, reply }) => {
      authorize(principal, scorePolicies.seeUnit, { unitId: params.unitId }, OWN);
      const { name, doc } = await scores.getScorecardDocument(db, principal, params.id, params.unitId);
      return replyWithDocument(reply, doc, name, query.format);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/runs/:id/groups/:group/scorecards',
    produces: DOCX_OR_PDF,
    summary: 'The scorecards of every unit of a group in one document, after the group ranking: PDF (default) or .docx',
    tags: ['scores'],
    params: groupParams,
    query: docxOrPdfQuery('pdf'),
    handler: async ({ principal, params, query, reply }) => {
      authorize(principal, scorePolicies.seeAll, undefined, OWN);
      const { name, doc } = await scores.getGroupScorecardsDocument(db, principal, params.id, params.group);
      return replyWithDocument(reply, doc, name, query.format);
    },
  });
}
