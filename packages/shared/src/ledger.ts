import { z } from 'zod';
import { streamUrlSchema } from './projects.js';
import { evidenceFileSchema, lightCountsSchema, taskLightStateSchema } from './tasks.js';

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
/** What the page sends to record an inspection. */
export type InspectionCreate = z.input<typeof inspectionCreateSchema>;

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
export type FindingCreate = z.input<typeof findingCreateSchema>;

/** Puts a finding on the ledger in one step; title, place and coordinates come from the finding unless given. */
export const findingProblemSchema = z.strictObject({
  title: z.string().trim().min(2).max(200).optional(),
  description: z.string().max(4000).optional(),
  unitId: id.optional(),
  responsibleLeader: z.string().trim().min(2).max(60),
  deadline: isoDate,
  requirements,
});
export type FindingProblemInput = z.input<typeof findingProblemSchema>;

// ---------- what the API returns (dates as ISO strings) ----------

/** The steps of a problem's flow (挂账销号). */
export const PROBLEM_ACTIONS = ['report', 'submit', 'close', 'return', 'reopen'] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];

const unitRef = z.object({ id: z.number(), code: z.string(), name: z.string() });

/** A problem on the ledger as the list shows it. */
export const problemDtoSchema = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  source: z.enum(PROBLEM_SOURCES),
  sourceLabel: z.string(),
  findingId: z.number().nullable(),
  schemeId: z.number().nullable(),
  indicatorId: z.number().nullable(),
  auditRef: z.string().nullable(),
  place: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  unit: unitRef,
  responsibleLeader: z.string(),
  startDate: z.string(),
  deadline: z.string(),
  status: z.enum(PROBLEM_STATUSES),
  statusLabel: z.string(),
  returned: z.boolean(),
  requirements: z.object({ done: z.number(), total: z.number() }),
  /** Share of requirements done, 0–100: what the light measures against 时序进度. */
  progress: z.number(),
  /** The light of an open problem (DOMAIN.md §5); null once it is closed out. */
  light: taskLightStateSchema,
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type ProblemDto = z.infer<typeof problemDtoSchema>;

/** An evidence file of one requirement. */
export const problemEvidenceDtoSchema = evidenceFileSchema;
export type ProblemEvidenceDto = z.infer<typeof problemEvidenceDtoSchema>;

/** POST …/requirements/:requirementId/evidence: the file stored, with the requirement it is evidence of. */
export const problemEvidenceUploadSchema = problemEvidenceDtoSchema.extend({ requirementId: z.number() });
export type ProblemEvidenceUpload = z.infer<typeof problemEvidenceUploadSchema>;

/** One requirement of a problem's checklist, with the unit's report and evidence. */
export const problemRequirementDtoSchema = z.object({
  id: z.number(),
  position: z.number(),
  text: z.string(),
  done: z.boolean(),
  report: z.string().nullable(),
  reportedAt: z.string().nullable(),
  evidence: z.array(problemEvidenceDtoSchema),
});
export type ProblemRequirementDto = z.infer<typeof problemRequirementDtoSchema>;

/** One step taken on a problem (also 挂账 "create" and 上传佐证 "evidence"). */
export const problemEventDtoSchema = z.object({
  id: z.number(),
  action: z.string(),
  label: z.string(),
  from: z.enum(PROBLEM_STATUSES),
  to: z.enum(PROBLEM_STATUSES),
  requirementId: z.number().nullable(),
  actor: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export type ProblemEventDto = z.infer<typeof problemEventDtoSchema>;

/** A photo or video of the finding a problem came from. */
export const findingMediaRefSchema = z.object({
  id: z.number(),
  kind: z.enum(['image', 'video']),
  filename: z.string(),
  takenAt: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
});
export type FindingMediaRef = z.infer<typeof findingMediaRefSchema>;

/** One problem: its checklist with reports and evidence, its steps, and the steps open to the caller. */
export const problemDetailSchema = problemDtoSchema.extend({
  finding: z.object({ id: z.number(), inspectionId: z.number(), title: z.string(), mediaIds: z.array(z.number()), media: z.array(findingMediaRefSchema) }).nullable(),
  checklist: z.array(problemRequirementDtoSchema),
  events: z.array(problemEventDtoSchema),
  actions: z.array(z.enum(PROBLEM_ACTIONS)),
});
export type ProblemDetail = z.infer<typeof problemDetailSchema>;

export const problemListSchema = z.object({ items: z.array(problemDtoSchema), counts: lightCountsSchema });
export type ProblemList = z.infer<typeof problemListSchema>;

// ---------- inspections (暗访) ----------

/** An inspection as listed, with how many findings it has and how many went on the ledger. */
export const inspectionDtoSchema = z.object({
  id: z.number(),
  inspectedOn: z.string(),
  place: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  inspector: z.string(),
  notes: z.string(),
  /** 连线项目现场: a live stream of the place (HLS .m3u8), or null. */
  streamUrl: z.string().nullable(),
  findings: z.number(),
  problems: z.number(),
  createdAt: z.string(),
});
export type InspectionDto = z.infer<typeof inspectionDtoSchema>;

export const inspectionListSchema = z.object({ items: z.array(inspectionDtoSchema) });
export type InspectionList = z.infer<typeof inspectionListSchema>;

const SOURCES_OF_META = ['file', 'client'] as const;

/** A photo or video of a finding; time and place are read from the file where it has them. */
export const mediaDtoSchema = z.object({
  id: z.number(),
  findingId: z.number(),
  kind: z.enum(['image', 'video']),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  takenAt: z.string().nullable(),
  /** Where the time came from: the file itself (EXIF, the movie header) or the phone's upload. */
  takenAtSource: z.enum(SOURCES_OF_META).nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  locationSource: z.enum(SOURCES_OF_META).nullable(),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
  uploadedAt: z.string(),
});
export type MediaDto = z.infer<typeof mediaDtoSchema>;

/** The problem a finding was put on the ledger as. */
const findingProblemRef = z.object({ id: z.number(), status: z.enum(PROBLEM_STATUSES) }).nullable();

export const findingDtoSchema = z.object({
  id: z.number(),
  inspectionId: z.number(),
  title: z.string(),
  description: z.string(),
  unitId: z.number().nullable(),
  place: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  observedAt: z.string().nullable(),
  problem: findingProblemRef,
  media: z.array(mediaDtoSchema),
});
export type FindingDto = z.infer<typeof findingDtoSchema>;

export const inspectionDetailSchema = inspectionDtoSchema.extend({ items: z.array(findingDtoSchema) });
export type InspectionDetail = z.infer<typeof inspectionDetailSchema>;

/** A finding with a place on the map: its own, or that of its first located photo or video. */
export const mapPointSchema = z.object({
  id: z.number(),
  inspectionId: z.number(),
  inspectedOn: z.string(),
  title: z.string(),
  unitId: z.number().nullable(),
  place: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  locatedBy: z.enum(['finding', 'media']),
  observedAt: z.string().nullable(),
  mediaCount: z.number(),
  thumbnailUrl: z.string().nullable(),
  problem: findingProblemRef,
});
export type MapPoint = z.infer<typeof mapPointSchema>;

export const findingMapSchema = z.object({ items: z.array(mapPointSchema) });
export type FindingMap = z.infer<typeof findingMapSchema>;
