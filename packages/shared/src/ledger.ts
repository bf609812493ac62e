import { z } from 'zod';

const id = z.number().int().positive().max(2_147_483_647);
const isoDate = z.iso.date();
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);
const bothOrNeither = (v: { latitude?: number; longitude?: number }) => (v.latitude === undefined) === (v.longitude === undefined);
const coordsMessage = { message: '经纬度须同时填写 / give both latitude and longitude', path: ['longitude'] };

/** Where a problem on the ledger (挂账) was found. */
export const PROBLEM_SOURCES = ['inspection', 'assessment', 'audit'] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];

export const PROBLEM_STATUSES = ['open', 'rectifying', 'submitted', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** The rectification checklist (清单式): one line per requirement. */
const requirements = z.array(z.string().trim().min(2).max(1000)).min(1).max(50);

export const problemCreateSchema = z
  .strictObject({
    title: z.string().trim().min(2).max(200),
    description: z.string().max(4000).default(''),
    source: z.enum(PROBLEM_SOURCES),
    /** Assessment problems: the scheme and indicator that showed it. */
    schemeId: id.optional(),
    indicatorId: id.optional(),
    /** Audit problems: the audit report's reference, e.g. 衡审报〔2021〕8号. */
    auditRef: z.string().trim().min(1).max(200).optional(),
    place: z.string().trim().max(200).default(''),
    latitude: latitude.optional(),
    longitude: longitude.optional(),
    unitId: id,
    /** 实名制: the leader answerable for the rectification, by name. */
    responsibleLeader: z.string().trim().min(2).max(60),
    /** When it is put on the ledger; today (China time) when left out. */
    startDate: isoDate.optional(),
    deadline: isoDate,
    requirements,
  })
  .refine(bothOrNeither, coordsMessage)
  .refine((p) => p.startDate === undefined || p.deadline >= p.startDate, { message: '整改期限不能早于挂账日期 / the deadline is before the start', path: ['deadline'] })
  .refine((p) => p.indicatorId === undefined || p.schemeId !== undefined, { message: '关联指标时须同时关联考核方案 / give the scheme of the indicator', path: ['schemeId'] });
export type ProblemCreate = z.infer<typeof problemCreateSchema>;

/** The unit reports on one requirement: done or not, and what was done. */
export const requirementReportSchema = z.strictObject({
  done: z.boolean(),
  report: z.string().trim().min(1).max(4000),
});

export const problemActionSchema = z.strictObject({
  /** submit: the unit head says it is done; close (销号), return and reopen: the supervision office. */
  action: z.enum(['submit', 'close', 'return', 'reopen']),
  note: z.string().trim().max(4000).optional(),
  /** On return or reopen: the requirements that are not met (marked not done again). */
  requirementIds: z.array(id).max(50).optional(),
});

export const inspectionCreateSchema = z
  .strictObject({
    inspectedOn: isoDate,
    place: z.string().trim().min(2).max(200),
    latitude: latitude.optional(),
    longitude: longitude.optional(),
    inspector: z.string().trim().min(2).max(100),
    notes: z.string().max(4000).default(''),
  })
  .refine(bothOrNeither, coordsMessage);

export const findingCreateSchema = z
  .strictObject({
    title: z.string().trim().min(2).max(200),
    description: z.string().max(4000).default(''),
    unitId: id.optional(),
    place: z.string().trim().max(200).default(''),
    latitude: latitude.optional(),
    longitude: longitude.optional(),
    observedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine(bothOrNeither, coordsMessage);

/** Puts a finding on the ledger in one step; title, place and coordinates come from the finding unless given. */
export const findingProblemSchema = z.strictObject({
  title: z.string().trim().min(2).max(200).optional(),
  description: z.string().max(4000).optional(),
  unitId: id.optional(),
  responsibleLeader: z.string().trim().min(2).max(60),
  deadline: isoDate,
  requirements,
});
