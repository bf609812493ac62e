import {
  invitationCheckSchema,
  publicCampaignQuerySchema,
  publicCampaignSchema,
  receiptSchema,
  responseSubmitSchema,
  smsCodeSentSchema,
  smsRequestSchema,
  ticketStatusSchema,
} from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { defineRoute } from '../../lib/route.js';
import * as portal from './portal.service.js';

const slugParams = z.strictObject({ slug: z.string().min(1).max(40) });
const invitationParams = z.strictObject({ slug: slugParams.shape.slug, token: z.string().min(1).max(100) });
const ticketParams = z.strictObject({ ticket: z.string().min(1).max(20) });

/** The citizens' side: public routes, no account; identity comes from the verification in each request. */
export function registerPortalRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  defineRoute(app, {
    method: 'GET',
    url: '/api/p/:slug',
    summary: "A campaign as citizens see it: questionnaire and units with their public cards; with ?key=<submission key>, the token of the questionnaire served now",
    tags: ['portal'],
    public: true,
    params: slugParams,
    query: publicCampaignQuerySchema,
    response: publicCampaignSchema,
    handler: async ({ params, query }) => portal.publicCampaign(db, ctx, params.slug, query.key),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/p/:slug/invitations/:token',
    summary: 'Whether an invitation link is valid and still unused',
    tags: ['portal'],
    public: true,
    params: invitationParams,
    response: invitationCheckSchema,
    handler: async ({ params }) => portal.checkInvitation(db, params.slug, params.token),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/p/:slug/sms-codes',
    errors: ['FORBIDDEN', 'CAMPAIGN_NOT_STARTED', 'CAMPAIGN_CLOSED', 'RATE_LIMITED'],
    summary: 'Send a one-time code to a phone (rate-limited per phone and per address)',
    tags: ['portal'],
    public: true,
    params: slugParams,
    body: smsRequestSchema,
    response: smsCodeSentSchema,
    handler: async ({ params, body, req }) => portal.requestSmsCode(db, { privacy: ctx.privacy, sms: ctx.sms, guard: ctx.smsGuard, clock: ctx.clock }, params.slug, body.phone, req.ip),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/p/:slug/responses',
    successStatus: 201,
    errors: ['FORBIDDEN', 'CAMPAIGN_NOT_STARTED', 'CAMPAIGN_CLOSED', 'ALREADY_DONE', 'RATE_LIMITED'],
    summary: "Submit a citizen's answers; a retry with the same submission key returns the same receipt",
    tags: ['portal'],
    public: true,
    params: slugParams,
    body: responseSubmitSchema,
    response: receiptSchema,
    handler: async ({ params, body, req, reply }) => {
      const receipt = await portal.submitResponse(db, ctx, params.slug, body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? '' });
      // A retry of an accepted submission is answered with its first receipt, 200 instead of 201.
      if (receipt.repeated) reply.code(200);
      return receipt;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/tickets/:ticket',
    summary: "A citizen's suggestions and the units' replies, by ticket code",
    tags: ['portal'],
    public: true,
    params: ticketParams,
    response: ticketStatusSchema,
    handler: async ({ params }) => portal.ticketStatus(db, ctx.zone, params.ticket),
  });
}
