import { z } from 'zod';

/*
 * What an indicator's data may be: the range and decimals of a number, and the shapes of the events
 * recorded for 扣分 (deduct), 加分 (bonus) and 一票否决 (veto). Entry, Excel import, corrections and
 * score runs all check data with these, so a value that passes entry can always be scored.
 */

/**
 * The largest magnitude a reported number may have unless the scheme says less: values and the sum
 * of a year of them (366 days) stay exact to the unit and finite in every score, far inside the
 * database column (double precision).
 */
export const VALUE_LIMIT = 1e15;

/** Units of measure that count whole things: a value in one of these is a whole number ≥ 0 unless the scheme says otherwise. */
export const COUNT_UNITS = ['个', '次', '件', '起', '项', '家', '户', '人', '名', '宗', '座', '所', '处', '辆', '台', '套', '条', '例', '场', '篇', '份', '张', '批'] as const;

/** The most decimals a scheme may ask for. */
export const MAX_DECIMALS = 6;

/** Where a value must lie: [min, max], with at most `decimals` decimals (null: any). */
export interface ValueLimits {
  min: number;
  max: number;
  decimals: number | null;
  /** True when the unit of measure counts whole things (个, 次, 人 …). */
  count: boolean;
}

/** The limits of an indicator's values: what the scheme declares, else the defaults for its unit of measure. */
export function valueLimits(indicator: { unit?: string | null; min?: number | null; max?: number | null; decimals?: number | null }): ValueLimits {
  const count = (COUNT_UNITS as readonly string[]).includes((indicator.unit ?? '').trim());
  return {
    min: indicator.min ?? (count ? 0 : -VALUE_LIMIT),
    max: indicator.max ?? VALUE_LIMIT,
    decimals: indicator.decimals ?? (count ? 0 : null),
    count,
  };
}

/** A number as a person reads it in a message: 1,000,000,000,000,000 rather than 1e+15. */
export function showNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1e21 ? String(x) : x.toLocaleString('en-US', { maximumFractionDigits: 10 });
}

/** What the limits allow, in words (Chinese / English). */
export function describeLimits(l: ValueLimits): string {
  const digits = l.decimals === null ? '' : l.decimals === 0 ? '的整数' : `、最多 ${l.decimals} 位小数的数`;
  const digitsEn = l.decimals === null ? 'a number' : l.decimals === 0 ? 'a whole number' : `a number with at most ${l.decimals} decimals`;
  return `允许 ${showNumber(l.min)} 至 ${showNumber(l.max)} ${digits || '之间的数'} / allowed: ${digitsEn} from ${showNumber(l.min)} to ${showNumber(l.max)}`;
}

/** True when `x` has at most `decimals` decimals (a tolerance absorbs binary fractions such as 0.1 + 0.2). */
export function hasAtMostDecimals(x: number, decimals: number): boolean {
  const scaled = x * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) <= 1e-6;
}

/** Why a value does not fit its indicator's limits, or null when it does. */
export function valueProblem(value: number, l: ValueLimits): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${String(value)} 不是有限数值 / not a finite number；${describeLimits(l)}`;
  if (value < l.min || value > l.max) {
    const what = l.count && value < 0 ? '计数不能为负数 / a count cannot be negative' : '超出允许范围 / out of range';
    return `${showNumber(value)} ${what}；${describeLimits(l)}`;
  }
  if (l.decimals !== null && !hasAtMostDecimals(value, l.decimals)) {
    return `${showNumber(value)} ${l.decimals === 0 ? '须为整数 / must be a whole number' : `小数位数过多 / more than ${l.decimals} decimals`}；${describeLimits(l)}`;
  }
  return null;
}

// ---------- events of 扣分 / 加分 / 一票否决 ----------

const note = z.string().max(200);

/**
 * A 扣分 event: `kind` names one of the indicator's penalty rules (e.g. `criticism` 上级通报批评), or any
 * kind with an explicit `penalty` per occurrence; `count` occurrences (default 1).
 */
export const deductEventSchema = z
  .strictObject({
    kind: z.string().trim().min(1).max(40),
    count: z.number().int().min(1).max(1000).optional(),
    penalty: z.number().min(0).max(1000).optional(),
    note: note.optional(),
  })
  .meta({
    title: 'DeductEvent',
    description: '扣分事项：kind 为方案中扣分规则的事项代码（或另给 penalty 每次扣分），count 为次数（默认 1）/ a deduction: a rule kind (or any kind with its penalty), count occurrences',
    examples: [{ kind: 'criticism', count: 2, note: '省政府通报批评 2 次' }, { kind: 'major-accident' }],
  });
export type DeductEvent = z.infer<typeof deductEventSchema>;

/**
 * A 加分 event: the `item` (the same item counts once, at its highest level) with a `level` of the
 * indicator (default city / province / nation) or explicit `points`.
 */
export const bonusEventSchema = z
  .strictObject({
    item: z.string().trim().min(1).max(200),
    level: z.string().trim().min(1).max(20).optional(),
    points: z.number().min(0).max(1000).optional(),
    note: note.optional(),
  })
  .refine((e) => e.level !== undefined || e.points !== undefined, { message: '须给出级别 level 或加分值 points / give a level or points' })
  .meta({
    title: 'BonusEvent',
    description: '加分事项：item 为事项名称（同一事项只按最高级别计一次），level 为级别（默认 city 市级、province 省级、nation 国家级）或给出 points / a recognition: its item and level (or points)',
    examples: [{ item: '全国文明城市', level: 'nation' }, { item: '省级创新试点', level: 'province', note: '省发改委文件' }],
  });
export type BonusEvent = z.infer<typeof bonusEventSchema>;

/** A 一票否决 event: the `reason`, and the `date` it happened (ISO). */
export const vetoEventSchema = z
  .strictObject({
    reason: z.string().trim().min(1).max(200),
    date: z.iso.date().optional(),
  })
  .meta({
    title: 'VetoEvent',
    description: '一票否决事项：reason 为原因，date 为发生日期 / a veto: its reason and date',
    examples: [{ reason: '辖区内发生重大生产安全事故', date: '2021-06-12' }],
  });
export type VetoEvent = z.infer<typeof vetoEventSchema>;

/** Methods whose data are events rather than a number or a grade. */
export const EVENT_METHODS = ['deduct', 'bonus', 'veto'] as const;
export type EventMethod = (typeof EVENT_METHODS)[number];
export const isEventMethod = (method: string): method is EventMethod => (EVENT_METHODS as readonly string[]).includes(method);

const EVENT_SCHEMAS = { deduct: deductEventSchema, bonus: bonusEventSchema, veto: vetoEventSchema } as const;

/** What an event indicator accepts: its method, and the kinds (扣分) or levels (加分) its scheme defines. */
export interface EventRules {
  method: EventMethod;
  kinds?: readonly { kind: string; label: string }[];
  levels?: readonly { level: string; label: string }[];
}

/** The shape an event of this indicator must have, with the choices it offers, for messages. */
export function describeEventShape(r: EventRules): string {
  switch (r.method) {
    case 'deduct': {
      const kinds = (r.kinds ?? []).map((k) => `${k.kind}（${k.label}）`).join('、');
      return `扣分事项应为 {"kind": 事项代码, "count": 次数, "penalty"?: 每次扣分, "note"?: 说明}${kinds ? `，事项代码可选：${kinds}（其他代码须给出 penalty）` : '，须给出 penalty'} / a deduction is {kind, count?, penalty?, note?}`;
    }
    case 'bonus': {
      const levels = (r.levels ?? []).map((l) => `${l.level}（${l.label}）`).join('、');
      return `加分事项应为 {"item": 事项名称, "level": 级别, "note"?: 说明}${levels ? `，级别可选：${levels}` : ''}（或以 "points" 给出加分值）/ a recognition is {item, level or points, note?}`;
    }
    case 'veto':
      return '一票否决事项应为 {"reason": 原因, "date"?: "YYYY-MM-DD"} / a veto is {reason, date?}';
  }
}

/** Problems of one event's parse, in a line: unknown and missing fields named, then the rest. */
function parseIssues(error: z.ZodError, event: unknown): string {
  const given = typeof event === 'object' && event !== null ? (event as Record<string, unknown>) : {};
  return error.issues
    .map((i) => {
      if (i.code === 'unrecognized_keys') return `未知字段 ${i.keys.join('、')} / unknown fields`;
      const field = String(i.path[0] ?? '');
      if (i.code === 'invalid_type' && field && given[field] === undefined) return `缺少 ${field} / ${field} missing`;
      return `${field ? `${i.path.join('.')}: ` : ''}${i.message}`;
    })
    .join('；');
}

/**
 * Why a list of events does not fit its indicator, one line per wrong event (empty when all fit):
 * the shape of the method's events, a 扣分 kind without a rule or a penalty, an unknown 加分 level.
 */
export function eventsProblems(r: EventRules, events: readonly unknown[]): string[] {
  const problems: string[] = [];
  events.forEach((e, i) => {
    const at = `第 ${i + 1} 项 ${JSON.stringify(e)}`;
    const parsed = EVENT_SCHEMAS[r.method].safeParse(e);
    if (!parsed.success) {
      problems.push(`${at}：${parseIssues(parsed.error, e)}`);
      return;
    }
    const ev = parsed.data as Partial<DeductEvent & BonusEvent>;
    if (r.method === 'deduct' && ev.penalty === undefined && !(r.kinds ?? []).some((k) => k.kind === ev.kind)) {
      problems.push(`${at}：未知的扣分事项「${ev.kind}」且未给出 penalty / unknown kind without a penalty`);
    }
    if (r.method === 'bonus' && ev.points === undefined && ev.level !== undefined && !(r.levels ?? []).some((l) => l.level === ev.level)) {
      problems.push(`${at}：未定义的级别「${ev.level}」/ unknown level`);
    }
  });
  return problems;
}
