import { z } from 'zod';
import { streamUrlSchema } from './projects.js';
import type { TaskLight, TaskLightState } from './tasks.js';

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
    /** 连线项目现场: a live stream of the place (HLS .m3u8). */
    streamUrl: streamUrlSchema.optional(),
  })
  .refine(bothOrNeither, coordsMessage);

/** What may change of an inspection once recorded: its live-stream address (empty or null clears it). */
export const inspectionUpdateSchema = z.strictObject({ streamUrl: streamUrlSchema });

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

// ---------- what the API returns (dates as ISO strings) ----------

/** The steps of a problem's flow (挂账销号). */
export type ProblemAction = 'report' | 'submit' | 'close' | 'return' | 'reopen';

/** A problem on the ledger as the list shows it. */
export interface ProblemDto {
  id: number;
  title: string;
  description: string;
  source: ProblemSource;
  sourceLabel: string;
  findingId: number | null;
  schemeId: number | null;
  indicatorId: number | null;
  auditRef: string | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  unit: { id: number; code: string; name: string };
  responsibleLeader: string;
  startDate: string;
  deadline: string;
  status: ProblemStatus;
  statusLabel: string;
  returned: boolean;
  requirements: { done: number; total: number };
  /** Share of requirements done, 0–100: what the light measures against 时序进度. */
  progress: number;
  /** The light of an open problem (DOMAIN.md §5); null once it is closed out. */
  light: TaskLightState;
  createdAt: string;
  closedAt: string | null;
}

/** An evidence file of one requirement. */
export interface ProblemEvidenceDto {
  id: number;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

/** One requirement of a problem's checklist, with the unit's report and evidence. */
export interface ProblemRequirementDto {
  id: number;
  position: number;
  text: string;
  done: boolean;
  report: string | null;
  reportedAt: string | null;
  evidence: ProblemEvidenceDto[];
}

/** One step taken on a problem (also 挂账 "create" and 上传佐证 "evidence"). */
export interface ProblemEventDto {
  id: number;
  action: string;
  label: string;
  from: ProblemStatus;
  to: ProblemStatus;
  requirementId: number | null;
  actor: string | null;
  note: string | null;
  at: string;
}

/** A photo or video of the finding a problem came from. */
export interface FindingMediaRef {
  id: number;
  kind: 'image' | 'video';
  filename: string;
  takenAt: string | null;
  latitude: number | null;
  longitude: number | null;
  url: string;
  thumbnailUrl: string | null;
}

/** One problem: its checklist with reports and evidence, its steps, and the steps open to the caller. */
export interface ProblemDetail extends ProblemDto {
  finding: { id: number; inspectionId: number; title: string; mediaIds: number[]; media: FindingMediaRef[] } | null;
  checklist: ProblemRequirementDto[];
  events: ProblemEventDto[];
  actions: ProblemAction[];
}

export interface ProblemList {
  items: ProblemDto[];
  counts: Record<TaskLight | 'alert', number>;
}
