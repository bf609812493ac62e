import {
  campaignClosedSchema,
  campaignCreateSchema,
  campaignDetailSchema,
  campaignListSchema,
  campaignResultsSchema,
  campaignSchema,
  campaignUpdateSchema,
  cardSavedSchema,
  exclusionResultSchema,
  exclusionSchema,
  flagScanSchema,
  fraudFlagsQuerySchema,
  fraudReportSchema,
  invitationIssueSchema,
  participationSchema,
  smsOutboxSchema,
  unitCardSchema,
} from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { sendXlsx } from '../../lib/download.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { campaignPolicies } from './campaigns.policy.js';
import * as repo from './campaigns.repository.js';
import * as campaigns from './campaigns.service.js';
import { listOutboxMessages } from '../sms/sms.repository.js';
import { recordReceivedResponses } from './vote-ledger.js';
import { XLSX_MIME } from '../../lib/excel.js';


const cardParams = z.strictObject({ id: idParams.shape.id, unitId: idParams.shape.id });
const resultsQuery = z.strictObject({ exclusions: z.enum(['apply', 'ignore']).default('apply') });

export function registerCampaignRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  defineRoute(app, {
    method: 'GET',
    url: '/api/campaigns',
    summary: 'Public-evaluation campaigns',
    tags: ['campaigns'],
    response: campaignListSchema,
    handler: async ({ principal }) => {
      authorize(principal, campaignPolicies.read);
      return { items: (await repo.findCampaigns(db)).map(campaigns.toCampaignDto) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/campaigns',
    successStatus: 201,
    summary: 'Create a campaign: window, units, questionnaire, verification modes, rule',
    tags: ['campaigns'],
    body: campaignCreateSchema,
    response: campaignSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, campaignPolicies.manage);
      return campaigns.createCampaign(db, body, principal.userId, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/campaigns/:id',
    summary: 'A campaign with its units and public cards, live participation and invitations issued',
    tags: ['campaigns'],
    params: idParams,
    response: campaignDetailSchema,
    handler: async ({ principal, params }) => {
      authorize(principal, campaignPolicies.read);
      const c = await campaigns.loadCampaign(db, params.id);
      const [units, { participation, invitations }] = await Promise.all([repo.findCampaignUnits(db, c.id), campaigns.campaignCounts(db, c)]);
      return {
        ...campaigns.toCampaignDto(c),
        units: units.map((u) => ({ unitId: u.unit_id, code: u.code, name: u.name, groupCode: u.group_code, duties: u.duties, highlights: u.highlights })),
        participation,
        invitations,
        portalUrl: `${ctx.config.publicUrl}/p/${c.slug}`,
      };
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/campaigns/:id',
    summary: 'Change a campaign (questionnaire, rule and modes only before it opens)',
    tags: ['campaigns'],
    params: idParams,
    body: campaignUpdateSchema,
    response: campaignSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, campaignPolicies.manage);
      return campaigns.updateCampaign(db, params.id, body, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/campaigns/:id/open',
    summary: 'Open a campaign to citizens',
    tags: ['campaigns'],
    params: idParams,
    response: campaignSchema,
    handler: async ({ principal, params, audit }) => {
      authorize(principal, campaignPolicies.manage);
      return campaigns.setStatus(db, params.id, 'open', audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/campaigns/:id/close',
    summary: 'Close a campaign: results are unsealed',
    tags: ['campaigns'],
    params: idParams,
    response: campaignClosedSchema,
    handler: async ({ principal, params, audit }) => {
      authorize(principal, campaignPolicies.manage);
      // Every response taken so far is in the audit log before the results are unsealed.
      await recordReceivedResponses(db);
      const campaign = await campaigns.setStatus(db, params.id, 'closed', audit);
      // What a closed campaign shows never changes: count it once and keep it.
      await campaigns.keepClosingFigures(db, campaign.id);
      // Closing feeds the assessment: the scores module answers with the run it made, if any.
      const answers = await ctx.events.emit('campaign.closed', { campaignId: campaign.id, schemeCode: campaign.schemeCode, year: campaign.year, principal, audit });
      return { ...campaign, scoreRun: answers.find((a) => a !== null) ?? null };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/campaigns/:id/cards/:unitId',
    summary: "A unit's public card: its duties and the year's highlights",
    tags: ['campaigns'],
    params: cardParams,
    body: unitCardSchema,
    response: cardSavedSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, campaignPolicies.manage);
      await campaigns.updateCard(db, params.id, params.unitId, body, audit);
      return { ok: true as const };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/campaigns/:id/invitations',
    produces: [XLSX_MIME],
    summary: 'Issue single-use invitation links; returns them once as Excel with QR codes',
    tags: ['campaigns'],
    params: idParams,
    body: invitationIssueSchema,
    handler: async ({ principal, params, body, audit, reply }) => {
      authorize(principal, campaignPolicies.manage);
      const buf = await campaigns.issueInvitations(db, params.id, body, ctx.config.publicUrl, audit);
      return sendXlsx(reply, `邀请链接-${body.batch}.xlsx`, buf);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/campaigns/:id/participation',
    summary: 'Live participation counts (the only figures shown while a campaign is open)',
    tags: ['campaigns'],
    params: idParams,
    response: participationSchema,
    handler: async ({ principal, params }) => {
      authorize(principal, campaignPolicies.read);
      await campaigns.loadCampaign(db, params.id);
      return repo.participation(db, params.id);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/campaigns/:id/results',
    summary: 'Satisfaction per unit and respondent class, with or without exclusions; sealed until the campaign closes',
    tags: ['campaigns'],
    params: idParams,
    query: resultsQuery,
    response: campaignResultsSchema,
    revalidates: true,
    handler: async ({ principal, params, query, lang, reply }) => {
      authorize(principal, campaignPolicies.read);
      const apply = query.exclusions === 'apply';
      const results = () => campaigns.campaignResults(db, params.id, apply, lang, ctx.reads);
      const key = await campaigns.resultsKey(params.id, apply, lang, ctx.reads);
      return key ? ctx.kept.answer(reply, key, results) : results();
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/campaigns/:id/flags',
    summary: 'Fraud flags: bursts by address, device, number range or identical answers, and impossibly fast completion',
    tags: ['campaigns'],
    params: idParams,
    query: fraudFlagsQuerySchema,
    response: fraudReportSchema,
    handler: async ({ principal, params, query, lang }) => {
      authorize(principal, campaignPolicies.review);
      return campaigns.campaignFlags(db, params.id, { lang, zone: ctx.zone }, query, ctx.reads);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/campaigns/:id/flags/scan',
    summary: 'Scan the responses for fraud flags again now (reads use the latest scan, made at close or when responses came in)',
    tags: ['campaigns'],
    params: idParams,
    response: flagScanSchema,
    handler: async ({ principal, params }) => {
      authorize(principal, campaignPolicies.review);
      await campaigns.loadCampaign(db, params.id);
      const scan = await campaigns.scanFlags(db, params.id);
      return { scannedAt: new Date(scan.scanned_at).toISOString(), responses: scan.responses, flagged: scan.flagged };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/campaigns/:id/exclusions',
    summary: 'Exclude or restore responses, with a reason',
    tags: ['campaigns'],
    params: idParams,
    body: exclusionSchema,
    response: exclusionResultSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, campaignPolicies.review);
      return campaigns.setExclusions(db, params.id, body, principal.userId, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/sms-outbox',
    summary: 'Messages the development SMS provider would have sent (numbers masked)',
    tags: ['campaigns'],
    response: smsOutboxSchema,
    handler: async ({ principal }) => {
      authorize(principal, campaignPolicies.readSmsOutbox);
      const rows = await listOutboxMessages(db);
      return { provider: ctx.sms.name, items: rows.map((r) => ({ id: r.id, phone: r.phone_masked, body: r.body, at: new Date(r.created_at).toISOString() })) };
    },
  });
}
