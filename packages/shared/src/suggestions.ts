import { z } from 'zod';
import { SUGGESTION_CATEGORIES } from './campaigns.js';

/** How far a citizen's suggestion has been handled: sorted, forwarded to its unit, answered, accepted or returned. */
export const SUGGESTION_STATUSES = ['new', 'sorted', 'forwarded', 'replied', 'accepted', 'returned'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

// ---------- what the API returns (dates as ISO strings) ----------

/** A citizen's suggestion and how far it has been handled; nobody sees who wrote it. */
export const suggestionDtoSchema = z.object({
  id: z.number(),
  source: z.enum(['campaign', 'open311']),
  campaignId: z.number().nullable(),
  unit: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  body: z.string(),
  category: z.enum(SUGGESTION_CATEGORIES).nullable(),
  duplicateOf: z.number().nullable(),
  status: z.enum(SUGGESTION_STATUSES),
  noticeNo: z.string().nullable(),
  deadline: z.string().nullable(),
  /** Forwarded or returned, and past the deadline. */
  overdue: z.boolean(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  reviewReason: z.string().nullable(),
  address: z.string().nullable(),
  createdAt: z.string(),
});
export type SuggestionDto = z.infer<typeof suggestionDtoSchema>;

/** GET /api/suggestions: a page of suggestions and how many match in all. */
export const suggestionListSchema = z.object({ items: z.array(suggestionDtoSchema), total: z.number() });
export type SuggestionList = z.infer<typeof suggestionListSchema>;

/** POST /api/suggestions/sort: how many suggestions changed category. */
export const suggestionSortResultSchema = z.object({ changed: z.number() });

/** One 《绩效改进通知书》 made by forwarding: its number, the unit and the suggestions it carries. */
export const suggestionNoticeSchema = z.object({ noticeNo: z.string(), unit: z.string(), suggestions: z.array(z.number()) });
export type SuggestionNotice = z.infer<typeof suggestionNoticeSchema>;

/** POST /api/suggestions/forward: one notice per unit. */
export const suggestionForwardResultSchema = z.object({ notices: z.array(suggestionNoticeSchema) });

/** GET /api/campaigns/:id/stats: participants, comments, praise, and the suggestions by category ("unsorted" too) and by status. */
export const campaignStatsSchema = z.object({
  participants: z.number(),
  comments: z.number(),
  praise: z.number(),
  byCategory: z.record(z.string(), z.number()),
  byStatus: z.record(z.string(), z.number()),
});
export type CampaignStats = z.infer<typeof campaignStatsSchema>;
