import { z } from 'zod';
import { runSchema } from './scores.js';

const id = z.number().int().positive().max(2_147_483_647);

/** The answers a citizen gives a unit (DOMAIN.md §3); 不了解 is never counted. */
export const ANSWERS = ['satisfied', 'basicallySatisfied', 'dissatisfied', 'unaware'] as const;
export type CampaignAnswer = (typeof ANSWERS)[number];

export const VERIFICATION_MODES = ['invitation', 'sms', 'open'] as const;
export type VerificationMode = (typeof VERIFICATION_MODES)[number];

/** Invited respondents (市民代表) are tallied apart from open ones (热心市民). */
export const RESPONDENT_CLASSES = ['invited', 'open'] as const;
export type RespondentClass = (typeof RESPONDENT_CLASSES)[number];

const weight = z.number().min(0).max(100);

/** The questionnaire: labels and weights of the answers, and optional extra questions. */
export const questionnaireSchema = z.strictObject({
  intro: z.string().max(2000).default(''),
  answers: z
    .strictObject({
      satisfied: z.strictObject({ label: z.string().min(1).max(20).default('满意'), weight: weight.default(100) }),
      basicallySatisfied: z.strictObject({ label: z.string().min(1).max(20).default('基本满意'), weight: weight.default(60) }),
      dissatisfied: z.strictObject({ label: z.string().min(1).max(20).default('不满意'), weight: weight.default(0) }),
      unaware: z.strictObject({ label: z.string().min(1).max(20).default('不了解') }),
    })
    .default({
      satisfied: { label: '满意', weight: 100 },
      basicallySatisfied: { label: '基本满意', weight: 60 },
      dissatisfied: { label: '不满意', weight: 0 },
      unaware: { label: '不了解' },
    }),
  /** 不满意 asks the citizen why. */
  reasonOnDissatisfied: z.boolean().default(true),
  extraQuestions: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,30}$/, '只能含字母、数字和下划线 / letters, digits and _ only'),
        text: z.string().min(1).max(200),
        options: z.array(z.string().min(1).max(50)).min(2).max(10),
      }),
    )
    .max(10)
    .default([]),
});
export type Questionnaire = z.infer<typeof questionnaireSchema>;

/** How the classes combine into a unit's satisfaction: pooled, or weighted by class. */
export const campaignRuleSchema = z
  .strictObject({
    combine: z.enum(['pooled', 'weighted']).default('pooled'),
    classWeights: z.strictObject({ invited: z.number().min(0).max(1), open: z.number().min(0).max(1) }).optional(),
  })
  .refine((r) => r.combine === 'pooled' || (r.classWeights && Math.abs(r.classWeights.invited + r.classWeights.open - 1) < 1e-9), {
    message: '按类别加权时两类权重之和须为 1 / class weights must add up to 1',
    path: ['classWeights'],
  });
export type CampaignRule = z.infer<typeof campaignRuleSchema>;

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{2,39}$/, '3–40 个小写字母、数字或连字符 / 3–40 lowercase letters, digits or hyphens');
const instant = z.iso.datetime({ offset: true });

export const campaignCreateSchema = z
  .strictObject({
    slug,
    name: z.string().trim().min(1).max(120),
    year: z.number().int().min(2000).max(2100),
    startsAt: instant,
    endsAt: instant,
    modes: z.array(z.enum(VERIFICATION_MODES)).min(1).max(3),
    questionnaire: questionnaireSchema.default(questionnaireSchema.parse({})),
    rule: campaignRuleSchema.default({ combine: 'pooled' }),
    /** The scheme whose public-evaluation component this campaign feeds (by scheme code, any version of the year). */
    schemeCode: z.string().max(40).nullish(),
    /** The units scored; all active units when left out. */
    unitIds: z.array(id).min(1).max(1000).optional(),
  })
  .refine((c) => Date.parse(c.endsAt) > Date.parse(c.startsAt), { message: '结束时间须晚于开始时间 / must end after it starts', path: ['endsAt'] });
export type CampaignCreate = z.infer<typeof campaignCreateSchema>;

export const campaignUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  startsAt: instant.optional(),
  endsAt: instant.optional(),
  modes: z.array(z.enum(VERIFICATION_MODES)).min(1).max(3).optional(),
  questionnaire: questionnaireSchema.optional(),
  rule: campaignRuleSchema.optional(),
  schemeCode: z.string().max(40).nullish(),
});

export const unitCardSchema = z.strictObject({
  duties: z.string().max(2000),
  highlights: z.string().max(4000),
});

export const invitationIssueSchema = z.strictObject({
  count: z.number().int().min(1).max(20_000),
  batch: z.string().trim().min(1).max(60),
});

export const smsRequestSchema = z.strictObject({
  phone: z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号 / enter an 11-digit mobile number'),
});

const verificationSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('invitation'), token: z.string().min(10).max(100) }),
  z.strictObject({ mode: z.literal('sms'), phone: smsRequestSchema.shape.phone, code: z.string().regex(/^\d{6}$/, '6 位数字 / 6 digits') }),
  z.strictObject({ mode: z.literal('open'), deviceId: z.string().min(16).max(100) }),
]);

/** What the citizens' page submits: answers for any subset of the campaign's units. */
export const responseSubmitSchema = z.strictObject({
  verification: verificationSchema,
  /** Chosen by the page once per questionnaire, so a retry is recognised and gets the same receipt. */
  submissionKey: z.string().min(16).max(64),
  /**
   * The token the questionnaire was served with (GET /api/p/:slug?key=<submissionKey>): when the page
   * was served, sealed by the server, so the "too fast" rule measures with the server's clock.
   */
  served: z
    .string({ error: '问卷页面已过期，请刷新页面后再提交（已填写的答案保存在本机） / the page has expired: reload it and submit again (your answers are kept)' })
    .min(1)
    .max(100),
  /** Not used: the time the page says it started is the client's to choose; `served` is measured by the server. */
  startedAt: instant.optional(),
  answers: z
    .array(
      z.strictObject({
        unitId: id,
        answer: z.enum(ANSWERS),
        reason: z.string().trim().max(500).optional(),
        suggestion: z.string().trim().max(1000).optional(),
      }),
    )
    .min(1)
    .max(200),
  extra: z.record(z.string().max(31), z.string().max(50)).optional(),
});
export type ResponseSubmit = z.infer<typeof responseSubmitSchema>;

export const exclusionSchema = z.strictObject({
  responseIds: z.array(id).min(1).max(10_000),
  excluded: z.boolean(),
  reason: z.string().trim().min(2, '请写明原因 / give a reason').max(500),
  flag: z.string().max(40).optional(),
});

export const SUGGESTION_CATEGORIES = ['clear', 'vague', 'duplicate', 'praise', 'abusive'] as const;
export type SuggestionCategory = (typeof SUGGESTION_CATEGORIES)[number];

export const suggestionSortSchema = z
  .strictObject({
    ids: z.array(id).min(1).max(1000),
    category: z.enum(SUGGESTION_CATEGORIES),
    duplicateOf: id.optional(),
  })
  .refine((s) => s.category !== 'duplicate' || s.duplicateOf !== undefined, { message: '重复建议须指明与哪条重复 / name the suggestion it duplicates', path: ['duplicateOf'] });

const isoDate = z.iso.date();

/** Forwarding sends clear suggestions to their units as one 《绩效改进通知书》 per unit. */
export const suggestionForwardSchema = z.strictObject({
  ids: z.array(id).min(1).max(1000),
  deadline: isoDate,
});

export const suggestionReplySchema = z.strictObject({ reply: z.string().trim().min(5, '答复至少 5 个字 / at least 5 characters').max(4000) });

export const suggestionReviewSchema = z
  .strictObject({ decision: z.enum(['accept', 'return']), reason: z.string().trim().max(500).optional() })
  .refine((r) => r.decision === 'accept' || (r.reason?.length ?? 0) > 0, { message: '退回须填写原因 / a return needs a reason', path: ['reason'] });

/** GET /api/p/:slug query: the submission key of the page's questionnaire, to be served a token for. */
export const publicCampaignQuerySchema = z.strictObject({ key: z.string().min(16).max(64).optional() });

/** GET /api/p/:slug: a campaign as citizens see it, with the token of the questionnaire served. */
export const publicCampaignSchema = z.object({
  slug: z.string(),
  name: z.string(),
  year: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  accepting: z.boolean(),
  modes: z.array(z.enum(VERIFICATION_MODES)),
  questionnaire: z.object({
    intro: z.string(),
    answers: z.object({ satisfied: z.string(), basicallySatisfied: z.string(), dissatisfied: z.string(), unaware: z.string() }),
    reasonOnDissatisfied: z.boolean(),
    extraQuestions: z.array(z.object({ key: z.string(), text: z.string(), options: z.array(z.string()) })),
  }),
  groups: z.array(z.object({ code: z.string(), name: z.string(), units: z.array(z.object({ id: z.number(), name: z.string(), duties: z.string(), highlights: z.string() })) })),
  /** The deployment's zone: the page shows the window in it, whatever the phone's zone. */
  timeZone: z.string(),
  /** Sent back with the answers; null when no submission key was given. */
  served: z.string().nullable(),
});
export type PublicCampaign = z.infer<typeof publicCampaignSchema>;

/** GET /api/tickets/:ticket: a citizen's suggestions and the replies accepted so far. */
export const ticketStatusSchema = z.object({
  campaign: z.string().nullable(),
  submittedAt: z.string(),
  suggestions: z.array(z.object({ unit: z.string(), body: z.string(), status: z.string(), reply: z.string().nullable(), repliedAt: z.string().nullable() })),
  /** The deployment's zone, in which the page shows the dates. */
  timeZone: z.string(),
});
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

/** Patterns fraud review flags (DOMAIN.md §3); `reused-page` is one served questionnaire answered more than once. */
export const FLAG_KINDS = ['address-burst', 'device-burst', 'number-range-burst', 'identical-burst', 'too-fast', 'reused-page'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/** GET /api/campaigns/:id/flags: a page of flags (of one kind, or all), from `offset`, at most `limit`. */
export const fraudFlagsQuerySchema = z.strictObject({
  kind: z.enum(FLAG_KINDS).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type FraudFlagsQuery = z.infer<typeof fraudFlagsQuerySchema>;

/**
 * GET /api/campaigns/:id/flags: one page of the flags of the campaign's latest scan, each with its
 * evidence written in the caller's language and the deployment's zone; the totals cover every flag.
 */
export const fraudReportSchema = z.object({
  rules: z.object({
    windowMinutes: z.number(),
    burstMin: z.object({ address: z.number(), device: z.number(), numberRange: z.number(), identical: z.number() }),
    minSecondsPerUnit: z.number(),
    minSeconds: z.number(),
    identicalMinUnits: z.number(),
  }),
  responses: z.number(),
  /** Every excluded response of the campaign, flagged or not. */
  excluded: z.number(),
  /** Responses in at least one flag. */
  flagged: z.number(),
  /** When the flags were found: at close, on demand, or on a read after new responses came in. */
  scannedAt: z.string(),
  /** Flags of each kind found (kinds without any are left out). */
  kinds: z.partialRecord(z.enum(FLAG_KINDS), z.number()),
  /** Flags matching the query (of the kind asked for, or all); `items` is the page from `offset`. */
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
  items: z.array(
    z.object({
      kind: z.enum(FLAG_KINDS),
      key: z.string(),
      from: z.string(),
      to: z.string(),
      responseIds: z.array(z.number()),
      evidence: z.string(),
      excluded: z.number(),
    }),
  ),
});
export type FraudReport = z.infer<typeof fraudReportSchema>;

/** POST /api/campaigns/:id/flags/scan: the new scan's time and figures. */
export const flagScanSchema = z.object({ scannedAt: z.string(), responses: z.number(), flagged: z.number() });
export type FlagScan = z.infer<typeof flagScanSchema>;
export type FraudFlag = FraudReport['items'][number];

export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A public-evaluation campaign as the API lists it and answers its changes. */
export const campaignSchema = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  year: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  modes: z.array(z.enum(VERIFICATION_MODES)),
  questionnaire: questionnaireSchema,
  rule: campaignRuleSchema,
  schemeCode: z.string().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type CampaignDto = z.infer<typeof campaignSchema>;
/** GET /api/campaigns. */
export const campaignListSchema = z.object({ items: z.array(campaignSchema) });

/** POST /api/campaigns/:id/close: the closed campaign and the score run its results fed (null when its scheme was not scored). */
export const campaignClosedSchema = campaignSchema.extend({ scoreRun: runSchema.nullable() });

/** GET /api/campaigns/:id/participation: the only figures shown while a campaign is open. */
export const participationSchema = z.object({ responses: z.number(), invited: z.number(), open: z.number(), answers: z.number(), suggestions: z.number() });
export type Participation = z.infer<typeof participationSchema>;

/** GET /api/campaigns/:id: one campaign with its units and their public cards, participation and invitations issued. */
export const campaignDetailSchema = campaignSchema.extend({
  units: z.array(
    z.object({ unitId: z.number(), code: z.string(), name: z.string(), groupCode: z.string().nullable(), duties: z.string().nullable(), highlights: z.string().nullable() }),
  ),
  participation: participationSchema,
  invitations: z.array(z.object({ batch: z.string(), issued: z.number(), used: z.number() })),
  portalUrl: z.string(),
});
export type CampaignDetail = z.infer<typeof campaignDetailSchema>;
export type CampaignUnit = CampaignDetail['units'][number];
export type InvitationBatch = CampaignDetail['invitations'][number];

const answerCounts = z.object({ satisfied: z.number(), basicallySatisfied: z.number(), dissatisfied: z.number(), unaware: z.number() });

/** A unit's satisfaction by respondent class and combined by the campaign's rule, with how it was reached. */
export const unitResultSchema = z.object({
  unitId: z.number(),
  code: z.string(),
  name: z.string(),
  groupCode: z.string().nullable(),
  counts: z.object({ invited: answerCounts, open: answerCounts }),
  satisfaction: z.object({ invited: z.number().nullable(), open: z.number().nullable(), combined: z.number().nullable() }),
  explanation: z.array(z.string()),
});
export type UnitResult = z.infer<typeof unitResultSchema>;

/** GET /api/campaigns/:id/results: sealed (409) until the campaign closes. */
export const campaignResultsSchema = z.object({ campaign: campaignSchema, excluded: z.number(), units: z.array(unitResultSchema) });
export type CampaignResults = z.infer<typeof campaignResultsSchema>;

/** POST /api/campaigns/:id/exclusions: how many responses changed. */
export const exclusionResultSchema = z.object({ changed: z.number() });

/** GET /api/sms-outbox: what the development SMS provider would have sent, numbers masked. */
export const smsOutboxSchema = z.object({
  provider: z.string(),
  items: z.array(z.object({ id: z.number(), phone: z.string(), body: z.string(), at: z.string() })),
});
export type SmsMessage = z.infer<typeof smsOutboxSchema>['items'][number];

/** PUT /api/campaigns/:id/cards/:unitId: the card was saved. */
export const cardSavedSchema = z.object({ ok: z.literal(true) });

/** GET /api/p/:slug/invitations/:token. */
export const invitationCheckSchema = z.object({ valid: z.boolean(), used: z.boolean() });
export type InvitationCheck = z.infer<typeof invitationCheckSchema>;

/** POST /api/p/:slug/sms-codes. */
export const smsCodeSentSchema = z.object({ sent: z.literal(true), expiresInMinutes: z.number() });
export type SmsCodeSent = z.infer<typeof smsCodeSentSchema>;

/** POST /api/p/:slug/responses: the receipt (a retry of a stored submission gets the same one, `repeated`). */
export const receiptSchema = z.object({
  receipt: z.string(),
  submittedAt: z.string(),
  units: z.number(),
  suggestions: z.number(),
  /** True when this was a retry of a submission already stored. */
  repeated: z.boolean(),
});
export type Receipt = z.infer<typeof receiptSchema>;
