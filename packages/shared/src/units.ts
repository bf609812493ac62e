import { z } from 'zod';

/** Kinds of assessed unit; a unit is ranked only inside its group (考核组别). */
export const UNIT_KINDS = ['county', 'district', 'park', 'municipal'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, { zh: string; en: string }> = {
  county: { zh: '县市', en: 'County / county-level city' },
  district: { zh: '城区', en: 'Urban district' },
  park: { zh: '园区', en: 'Park' },
  municipal: { zh: '市直单位', en: 'Municipal department' },
};

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,19}$/, '代码为 2–20 位字母、数字、- 或 _ / 2–20 letters, digits, - or _');
const name = z.string().trim().min(1).max(60);

export const unitCreateSchema = z.strictObject({
  code,
  name,
  shortName: z.string().trim().max(20).nullish(),
  kind: z.enum(UNIT_KINDS),
  groupId: z.number().int().positive(),
  adcode: z.string().regex(/^\d{6}$/, 'GB/T 2260 代码为 6 位数字 / six digits').nullish(),
  active: z.boolean().optional(),
});
export type UnitCreate = z.infer<typeof unitCreateSchema>;

export const unitUpdateSchema = unitCreateSchema.partial();
export type UnitUpdate = z.infer<typeof unitUpdateSchema>;

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const unitListQuerySchema = z.strictObject({
  q: z.string().max(60).optional(),
  groupId: z.coerce.number().int().positive().optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  active: boolQuery.optional(),
});

export const groupCreateSchema = z.strictObject({
  code,
  name,
  nameEn: z.string().trim().max(80).nullish(),
  kind: z.enum(UNIT_KINDS),
  sortOrder: z.number().int().min(0).max(10000).optional(),
});
export const groupUpdateSchema = groupCreateSchema.partial();

/** What the API returns for a unit. */
export const unitSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(UNIT_KINDS),
  adcode: z.string().nullable(),
  active: z.boolean(),
  group: z.object({ id: z.number().int(), code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
});
export type UnitDto = z.infer<typeof unitSchema>;
export const unitListSchema = z.object({ items: z.array(unitSchema) });

export const groupSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.enum(UNIT_KINDS),
  sortOrder: z.number().int(),
  unitCount: z.number().int(),
});
export type GroupDto = z.infer<typeof groupSchema>;
export const groupListSchema = z.object({ items: z.array(groupSchema) });

/** What a spreadsheet import of units, users or projects did. */
export const importResultSchema = z.object({ created: z.number().int(), updated: z.number().int() });
