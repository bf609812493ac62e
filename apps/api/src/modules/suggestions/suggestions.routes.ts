import {
  SUGGESTION_CATEGORIES,
  SUGGESTION_STATUSES,
  campaignStatsSchema,
  suggestionDtoSchema,
  suggestionForwardResultSchema,
  suggestionForwardSchema,
  suggestionListSchema,
  suggestionReplySchema,
  suggestionReviewSchema,
  suggestionSortResultSchema,
  suggestionSortSchema,
} from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { today, type AppContext } from '../../app-context.js';
import { DOCX_OR_PDF, docxOrPdfQuery, replyWithDocument } from '../../lib/documents/index.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { loadCampaign } from '../campaigns/campaigns.service.js';
import { suggestionPolicies } from './suggestions.policy.js';
import * as repo from './suggestions.repository.js';
import * as suggestions from './suggestions.service.js';

const listQuery = z.strictObject({
  campaignId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  unitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  status: z.enum(SUGGESTION_STATUSES).optional(),
  category: z.enum([...SUGGESTION_CATEGORIES, 'unsorted']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export function registerSuggestionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  defineRoute(app, {
    method: 'GET',
    url: '/api/suggestions',
    summary: "Citizens' suggestions: all for the office, those forwarded to it for a unit",
    tags: ['suggestions'],
    query: listQuery,
    response: suggestionListSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, suggestionPolicies.list);
      return suggestions.listSuggestions(db, suggestionPolicies.listScope(principal), query, today(ctx));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/suggestions/:id',
    summary: 'One suggestion with its handling',
    tags: ['suggestions'],
    params: idParams,
    response: suggestionDtoSchema,
    handler: async ({ principal, params }) => {
      const s = await suggestions.loadSuggestion(db, params.id);
      authorize(principal, suggestionPolicies.read, s);
      return suggestions.suggestionDto(s, today(ctx));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/suggestions/:id/notice',
    produces: DOCX_OR_PDF,
    summary: 'The 绩效改进通知书 the suggestion was forwarded with, as .docx (GB/T 9704) or PDF',
    tags: ['suggestions'],
    params: idParams,
    query: docxOrPdfQuery('docx'),
    handler: async ({ principal, params, query, reply }) => {
      const s = await suggestions.loadSuggestion(db, params.id);
      authorize(principal, suggestionPolicies.read, s);
      const { name, doc } = await suggestions.getNoticeDocument(db, s);
      return replyWithDocument(reply, doc, name, query.format);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/suggestions/sort',
    summary: 'Sort suggestions: clear target, vague, duplicate, praise or abusive',
    tags: ['suggestions'],
    body: suggestionSortSchema,
    response: suggestionSortResultSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, suggestionPolicies.handle);
      return suggestions.sortSuggestions(db, body, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/suggestions/forward',
    summary: 'Forward clear suggestions to their units as 绩效改进通知书 with a deadline',
    tags: ['suggestions'],
    body: suggestionForwardSchema,
    response: suggestionForwardResultSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, suggestionPolicies.handle);
      return suggestions.forwardSuggestions(db, body, audit, today(ctx));
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/suggestions/:id/reply',
    summary: "The unit head's answer to a forwarded suggestion",
    tags: ['suggestions'],
    params: idParams,
    body: suggestionReplySchema,
    response: suggestionDtoSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, suggestionPolicies.reply, await suggestions.loadSuggestion(db, params.id), '只有承办单位负责人可以答复 / only the head of the unit it was sent to may answer');
      return suggestions.replySuggestion(db, principal, params.id, body.reply, audit, today(ctx));
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/suggestions/:id/review',
    summary: "Accept a unit's answer (the citizen can then read it) or return it with a reason",
    tags: ['suggestions'],
    params: idParams,
    body: suggestionReviewSchema,
    response: suggestionDtoSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, suggestionPolicies.handle);
      return suggestions.reviewReply(db, params.id, body, audit, today(ctx));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/campaigns/:id/stats',
    summary: 'Campaign statistics: participants, comments, praise, and how the suggestions stand',
    tags: ['suggestions'],
    params: idParams,
    response: campaignStatsSchema,
    handler: async ({ principal, params }) => {
      authorize(principal, suggestionPolicies.readAll);
      await loadCampaign(db, params.id);
      const s = await repo.campaignStats(db, params.id);
      return { participants: s.participants, comments: s.comments, praise: s.praise, byCategory: s.by_category ?? {}, byStatus: s.by_status ?? {} };
    },
  });
}
