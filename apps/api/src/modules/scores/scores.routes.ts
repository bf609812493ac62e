import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { sendXlsx } from '../../lib/download.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { findSchemeById } from '../schemes/schemes.repository.js';
import { notFound } from '../../errors.js';
import { scorePolicies } from './scores.policy.js';
import * as scores from './scores.service.js';

const runBody = z.strictObject({ asOf: z.iso.date().optional() });
const compareQuery = z.strictObject({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() });
const trendQuery = z.strictObject({ unitId: z.coerce.number().int().positive().optional() });
const scorecardParams = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647), unitId: z.coerce.number().int().positive().max(2_147_483_647) });
const seeAny = () => true;

export function registerScoreRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  defineRoute(app, {
    method: 'POST',
    url: '/api/schemes/:id/runs',
    summary: 'Compute and store a score run as of a date (default: today in the scheme year, else its last day)',
    tags: ['scores'],
    params: idParams,
    body: runBody,
    handler: async ({ principal, params, body, audit, reply }) => {
      authorize(principal, scorePolicies.run);
      const scheme = await findSchemeById(db, params.id);
      if (!scheme) throw notFound('考核方案 / Scheme');
      const asOf = body.asOf ?? scores.defaultAsOf(scheme.year, ctx.zone.date());
      reply.code(201);
      return scores.runScores(db, params.id, { asOf, trigger: 'manual', userId: principal.userId }, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/schemes/:id/runs',
    summary: "A scheme's score runs, newest first",
    tags: ['scores'],
    params: idParams,
    handler: async ({ principal, params }) => {
      authorize(principal, seeAny);
      return { items: await scores.listRuns(db, params.id) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/schemes/:id/trend',
    summary: 'Totals and ranks across the runs of a scheme',
    tags: ['scores'],
    params: idParams,
    query: trendQuery,
    handler: async ({ principal, params, query }) => ({ items: await scores.getTrend(db, principal, params.id, query.unitId) }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/runs/compare',
    summary: 'What changed between two runs, unit by unit and indicator by indicator, and why',
    tags: ['scores'],
    query: compareQuery,
    handler: async ({ principal, query, lang }) => scores.compareRuns(db, principal, query.from, query.to, lang),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/runs/:id',
    summary: 'Rankings of a run, per group (a unit sees its own line)',
    tags: ['scores'],
    params: idParams,
    handler: async ({ principal, params, lang }) => scores.getRankings(db, principal, params.id, lang),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/runs/:id/export.xlsx',
    summary: 'Rankings of a run as Excel',
    tags: ['scores'],
    params: idParams,
    handler: async ({ principal, params, reply }) => sendXlsx(reply, `排名-${params.id}.xlsx`, await scores.exportRankings(db, principal, params.id)),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/runs/:id/progress',
    summary: '时序进度: completion against the expected line for progress indicators, lagging units flagged',
    tags: ['scores'],
    params: idParams,
    handler: async ({ principal, params, lang }) => scores.getProgress(db, principal, params.id, lang),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/runs/:id/units/:unitId',
    summary: "A unit's scorecard: every indicator's score with its explanation",
    tags: ['scores'],
    params: scorecardParams,
    handler: async ({ principal, params, lang }) => scores.getScorecard(db, principal, params.id, params.unitId, lang),
  });
}
