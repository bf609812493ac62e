import { generatePeriods, toDayNumber, daysInYear, type Period } from '@kaoping/scoring';
import { valueLimits, type SchemeDocument, type SchemeIndicator } from '@kaoping/shared';
import { flattenIndicators } from '../modules/schemes/scheme-validate.js';
import { rngFor, type Rng } from './demo-random.js';

/*
 * A year of fictional data for the demo scheme: one row per (leaf, unit of its groups, period of
 * its frequency). Each unit has a standing (strong … weak) that shows through every indicator,
 * so rankings spread out and some units fall behind 时序进度. Everything is drawn from a seeded
 * generator: the same seed gives the same rows.
 */

export type DemoEvent = Record<string, string | number | boolean | null>;

export interface DemoDataPoint {
  indicatorCode: string;
  unitCode: string;
  periodKey: string;
  value?: number;
  grade?: string;
  events?: DemoEvent[];
  note?: string;
}

export const DEFAULT_DEMO_SEED = 2021;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** How the values of an indicator behave, where the method alone does not say enough. */
type Profile =
  /** A rate judged against the unit's target (growth, share): target × (1 + bias + spread·standing) ± noise. */
  | { kind: 'rate'; spread: number; noise: number; bias?: number; digits?: number }
  /** A level with no target (a score, a percentage): base + spread·standing ± noise, within [min, max]. */
  | { kind: 'level'; base: number; spread: number; noise: number; min?: number; max?: number; digits?: number }
  /** A year-to-date total: the annual figure (the target, or `annual`) × the share of the year, ahead of or behind it. */
  | { kind: 'cumulative'; annual?: (unit: string) => number; spread?: number; digits?: number; season?: (t: number) => number }
  /** Amounts per period that add up over the year to about the annual figure. */
  | { kind: 'flow'; annual?: (unit: string) => number; spread?: number; digits?: number };

/** Economic size of the counties, districts and parks (as in the scheme), for figures with no target. */
const SIZE: Record<string, number> = {
  '430421': 1.2, '430422': 1.15, '430423': 0.7, '430424': 0.9, '430426': 1.0, '430481': 1.3, '430482': 1.05,
  '430405': 0.6, '430406': 0.45, '430407': 0.5, '430408': 0.55, '430412': 0.2,
  YQ01: 1.3, YQ02: 1.0, YQ03: 0.8, YQ04: 0.6,
};
const size = (unit: string) => SIZE[unit] ?? 1;

const PROFILES: Record<string, Profile> = {
  A01: { kind: 'rate', spread: 0.08, noise: 0.35, digits: 1 }, // 地区生产总值增速
  A02: { kind: 'rate', spread: 0.14, noise: 1.2, digits: 1 }, // 固定资产投资增速
  A04: { kind: 'flow', annual: (u) => 95 * size(u), digits: 2 }, // 招商引资实际到位资金
  A05: { kind: 'level', base: 8.6, spread: 1.8, noise: 0.9, digits: 1 }, // 规模以上工业增加值增速
  A06: { kind: 'rate', spread: 0.1, noise: 0.6, digits: 1 }, // 社会消费品零售总额增速
  A08: { kind: 'rate', spread: 0.06, noise: 0.01, digits: 3 }, // 万元地区生产总值能耗 (lower is better)
  B02: { kind: 'level', base: 88, spread: 9, noise: 3, max: 100, digits: 1 }, // 重大项目开工率
  B03: { kind: 'level', base: 85, spread: 9, noise: 4, max: 100, digits: 1 }, // 专项债券资金支付率
  D02: { kind: 'level', base: 94.5, spread: 3, noise: 1, max: 100, digits: 1 }, // 城乡环境卫生综合达标率
  // 粮食播种面积: early rice in spring, middle and late rice by summer, so the total is in by Q3.
  D04: { kind: 'cumulative', spread: 0.04, digits: 1, season: (t) => (t <= 0.25 ? 0.32 : t <= 0.5 ? 0.74 : 1) },
  D06: { kind: 'level', base: 96.2, spread: 2.4, noise: 1.1, max: 100, digits: 1 }, // 数字城管案件结案率
  P01: { kind: 'rate', spread: 0.12, noise: 0.9, digits: 1 }, // 规模以上工业增加值增速（园区）
  P02: { kind: 'cumulative', annual: (u) => 22 * size(u) + 6, spread: 0.1, digits: 2 }, // 亩均税收
  P04: { kind: 'flow', annual: (u) => 70 * size(u), digits: 2 }, // 招商引资实际到位资金（园区）
  P05: { kind: 'rate', spread: 0.08, noise: 1.5, bias: -0.04, digits: 1 }, // 高新技术产业增加值占比
  Q01: { kind: 'level', base: 82, spread: 11, noise: 4, max: 100, digits: 1 }, // 签约项目开工率
  Q04: { kind: 'level', base: 87, spread: 6, noise: 2, max: 100, digits: 1 }, // 园区营商环境评价
  Q05: { kind: 'level', base: 88.5, spread: 5, noise: 2, max: 100, digits: 1 }, // 亩均效益综合达标率
  M02: { kind: 'level', base: 97, spread: 6, noise: 3, max: 115, digits: 1 }, // 牵头经济指标序时完成率
  M03: { kind: 'cumulative', spread: 0.12, digits: 0 }, // 重点民生实事项目完成（项）
  M05: { kind: 'level', base: 95.6, spread: 3.2, noise: 1.4, max: 100, digits: 1 }, // 行政执法案卷评查合格率
  N01: { kind: 'level', base: 87.5, spread: 6, noise: 2, max: 100, digits: 1 }, // 营商环境评价
  N02: { kind: 'level', base: 99.15, spread: 0.6, noise: 0.25, max: 100, digits: 2 }, // 政务服务“好差评”好评率
  N03: { kind: 'level', base: 90, spread: 5, noise: 2, max: 100, digits: 1 }, // 依法行政考核
};

/** What a leaf without its own profile gets, judged from its method and fields. */
function defaultProfile(node: SchemeIndicator): Profile {
  const m = node.method!;
  if (m.type === 'progress') return { kind: 'cumulative', digits: 2 };
  if (node.aggregate === 'sum') return { kind: 'flow', digits: 2 };
  if (m.type === 'rank') return { kind: 'level', base: 80, spread: 8, noise: 3, digits: 1 };
  if (node.targets) return { kind: 'rate', spread: 0.08, noise: 0.5, digits: 2 };
  return { kind: 'level', base: 88, spread: 6, noise: 2, max: 100, digits: 1 };
}

const GRADE_STEPS: [number, string][] = [
  [0.45, '优'],
  [-0.15, '良'],
  [-0.75, '中'],
];
const BONUS_ITEMS: Record<string, string[]> = {
  X01: ['争取中央预算内投资', '争取地方政府专项债券额度', '项目列入省重点建设项目', '争取省级产业发展专项资金', '争取国家农业产业强镇项目', '争取省级园区提质升级专项资金'],
  X02: ['获评全省营商环境评价先进单位', '改革经验获省里推广', '获评全国文明单位', '入选省级创新试点', '获评全省平安建设先进单位', '数字政府建设获省级表彰'],
};
const BONUS_LEVEL_WEIGHTS: [string, number][] = [
  ['city', 0.55],
  ['province', 0.37],
  ['nation', 0.08],
];
const EVENT_RATES: Record<string, { p: number; maxCount?: number }> = {
  'general-accident': { p: 0.045 },
  'major-accident': { p: 0.004 },
  criticism: { p: 0.025 },
  'central-inspection': { p: 0.02 },
  'provincial-notice': { p: 0.03 },
  'verified-complaint': { p: 0.09, maxCount: 3 },
  'beijing-petition': { p: 0.03 },
  'provincial-group-petition': { p: 0.035 },
  'overdue-case': { p: 0.03 },
};

/** The share of the year gone at the end of a period (as yearProgress counts it). */
function yearShare(p: Period, year: number): number {
  return (toDayNumber(p.end) - toDayNumber(`${year}-01-01`) + 1) / daysInYear(year);
}

function gradeFor(score: number): string {
  for (const [min, g] of GRADE_STEPS) if (score >= min) return g;
  return '差';
}

/**
 * A year of fictional data for every leaf of `doc`, every unit of its groups and every period of
 * its frequency: values (cumulative where the indicator is), grades, and events for 扣分, 加分
 * and 一票否决 (one or two vetoes in the year).
 */
export function generateDemoData(
  doc: SchemeDocument,
  units: { code: string; groupCode: string }[],
  opts: { seed?: number } = {},
): DemoDataPoint[] {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const year = doc.year;
  const leaves = flattenIndicators(doc).filter((f) => f.isLeaf && f.node.method && f.node.frequency);

  // Each unit's standing in [−1, 1]: strong units lead on most indicators, weak ones lag.
  const standing = new Map(units.map((u) => [u.code, rngFor(seed, 'standing', u.code).signed()]));
  const vetoes = chooseVetoes(seed, year, leaves, units);
  const out: DemoDataPoint[] = [];

  for (const leaf of leaves) {
    const node = leaf.node;
    const method = node.method!;
    const periods = generatePeriods(year, node.frequency!);
    const profile = PROFILES[node.code] ?? defaultProfile(node);
    for (const unit of units.filter((u) => leaf.groups.includes(u.groupCode))) {
      const rng = rngFor(seed, node.code, unit.code);
      const s = standing.get(unit.code) ?? 0;
      const target = node.targets?.byUnit?.[unit.code] ?? node.targets?.default ?? null;
      const row = (p: Period, fields: Omit<DemoDataPoint, 'indicatorCode' | 'unitCode' | 'periodKey'>): DemoDataPoint => ({
        indicatorCode: node.code,
        unitCode: unit.code,
        periodKey: p.key,
        ...fields,
      });

      switch (method.type) {
        case 'grade': {
          // The assessors' view follows the unit's standing, with some movement between periods.
          const bias = s * 0.8 + rng.signed() * 0.25;
          for (const p of periods) out.push(row(p, { grade: gradeFor(bias + rng.signed() * 0.35) }));
          break;
        }
        case 'deduct': {
          const weakness = 1.5 - (s + 1) / 2;
          const rules = method.rules ?? [];
          for (const p of periods) {
            const events: DemoEvent[] = [];
            for (const r of rules) {
              const rate = EVENT_RATES[r.kind] ?? { p: 0.03 };
              if (rng.chance(rate.p * weakness)) {
                events.push({ kind: r.kind, count: rng.int(1, rate.maxCount ?? 1), note: `${r.label}（演示，虚构）` });
              }
            }
            const veto = vetoes.find((v) => v.unit === unit.code && v.period === p.key && v.accident);
            if (veto && rules.some((r) => r.kind === 'major-accident')) {
              events.push({ kind: 'major-accident', count: 1, note: `${veto.date} ${veto.reason}` });
            }
            out.push(row(p, { events, ...(events.length ? { note: '演示数据：已核实扣分事项' } : {}) }));
          }
          break;
        }
        case 'bonus': {
          const items = BONUS_ITEMS[node.code] ?? ['获上级表彰'];
          const levels = method.levels?.map((l) => l.level) ?? ['city', 'province', 'nation'];
          const earned: { item: string; level: string }[] = [];
          const base = node.code === 'X01' ? 0.3 : 0.12;
          for (const p of periods) {
            const events: DemoEvent[] = [];
            if (rng.chance(base * (1 + 0.6 * s))) {
              let level = 'city';
              let r = rng.next();
              for (const [l, w] of BONUS_LEVEL_WEIGHTS) {
                if (r < w) {
                  level = l;
                  break;
                }
                r -= w;
              }
              if (!levels.includes(level)) level = levels[0]!;
              const lower = earned.find((e) => levels.indexOf(e.level) < levels.length - 1);
              if (lower && rng.chance(0.25)) {
                // The same achievement recognised again higher up: it counts once, at the higher level.
                level = levels[levels.indexOf(lower.level) + 1]!;
                events.push({ item: lower.item, level, note: '同一事项获更高级别认可（演示，虚构）' });
                lower.level = level;
              } else {
                const item = rng.pick(items);
                earned.push({ item, level });
                events.push({ item, level, note: '演示，虚构' });
              }
            }
            out.push(row(p, { events }));
          }
          break;
        }
        case 'veto': {
          for (const p of periods) {
            const events = vetoes.filter((v) => v.unit === unit.code && v.period === p.key).map((v) => ({ reason: v.reason, date: v.date }));
            out.push(row(p, { events, ...(events.length ? { note: '演示数据：一票否决事项（虚构）' } : {}) }));
          }
          break;
        }
        default:
          for (const [p, value, note] of numericSeries(profile, node, unit.code, s, target, periods, year, rng)) {
            out.push(row(p, { value, ...(note ? { note } : {}) }));
          }
      }
    }
  }
  return out;
}

/** The values of a numeric leaf for one unit over the year's periods. */
function numericSeries(
  profile: Profile,
  node: SchemeIndicator,
  unit: string,
  s: number,
  target: number | null,
  periods: Period[],
  year: number,
  rng: Rng,
): [Period, number, string | undefined][] {
  // Lower-is-better indicators: a strong unit has the lower value.
  const sign = node.direction === 'lower' ? -1 : 1;
  // Whole numbers where the unit of measure counts (人, 项 …), as entry requires.
  const digits = Math.min(profile.digits ?? 2, valueLimits(node).decimals ?? Infinity);
  const n = periods.length;
  switch (profile.kind) {
    case 'rate': {
      const base = target ?? 10;
      const own = base * (1 + sign * ((profile.bias ?? 0) + profile.spread * s)) + rng.signed() * profile.noise * 0.5;
      // Year-to-date rates move a lot early in the year and settle by its end.
      return periods.map((p, i) => {
        const settle = 1 - (0.6 * i) / Math.max(1, n - 1);
        return [p, round(Math.max(0, own + rng.signed() * profile.noise * settle), digits), undefined];
      });
    }
    case 'level': {
      const own = profile.base + sign * profile.spread * s + rng.signed() * profile.noise * 0.5;
      return periods.map((p) => [p, round(clamp(own + rng.signed() * profile.noise, profile.min ?? 0, profile.max ?? Infinity), digits), undefined]);
    }
    case 'cumulative': {
      const annual = profile.annual?.(unit) ?? target ?? 100;
      // Pace against the year: above 1 ahead of 时序进度, below 1 behind it.
      const pace = 1.02 + (profile.spread ?? 0.1) * s + rng.signed() * 0.03;
      let last = 0;
      return periods.map((p) => {
        const t = yearShare(p, year);
        const share = profile.season ? profile.season(t) : t;
        const value = Math.max(last, round(annual * share * pace * (1 + rng.signed() * 0.02), digits));
        last = value;
        const behind = pace < 0.95 && p.index === Math.ceil(n * 0.75);
        return [p, value, behind ? '演示数据：部分项目受要素保障影响进度滞后，正在加快推进' : undefined];
      });
    }
    case 'flow': {
      const annual = (profile.annual?.(unit) ?? target ?? 100) * (1.02 + (profile.spread ?? 0.1) * s);
      // Slow in the Spring-Festival months, a push before the half-year and year end.
      const weights = periods.map((p) => {
        const month = Number(p.start.slice(5, 7));
        return (month <= 2 ? 0.6 : month === 6 || month === 12 ? 1.3 : 1) * (1 + rng.signed() * 0.25);
      });
      const total = weights.reduce((a, b) => a + b, 0);
      return periods.map((p, i) => [p, round((annual * weights[i]!) / total, digits), undefined]);
    }
  }
}

interface DemoVeto {
  unit: string;
  period: string;
  date: string;
  reason: string;
  accident: boolean;
}

/**
 * The year's vetoes: a major accident in a county, district or park, and a serious disciplinary
 * case in a municipal department — both fictional.
 */
function chooseVetoes(seed: number, year: number, leaves: ReturnType<typeof flattenIndicators>, units: { code: string; groupCode: string }[]): DemoVeto[] {
  const rng = rngFor(seed, 'veto');
  const out: DemoVeto[] = [];
  const vetoLeaves = leaves.filter((l) => l.node.method?.type === 'veto');
  const covered = (u: { groupCode: string }) => vetoLeaves.some((l) => l.groups.includes(u.groupCode));
  const at = (month: number, frequency: Period['frequency'] | undefined) => {
    const day = rng.int(3, 26);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const period = generatePeriods(year, frequency ?? 'month').find((p) => p.start <= date && date <= p.end)!;
    return { date, period: period.key };
  };
  const frequency = vetoLeaves[0]?.node.frequency;
  const local = units.filter((u) => ['XS', 'CQ', 'YQ'].includes(u.groupCode) && covered(u));
  if (local.length) {
    out.push({ unit: rng.pick(local).code, ...at(rng.int(5, 9), frequency), reason: '辖区内发生重大生产安全事故（演示，虚构）', accident: true });
  }
  const municipal = units.filter((u) => !['XS', 'CQ', 'YQ'].includes(u.groupCode) && covered(u));
  if (municipal.length) {
    out.push({ unit: rng.pick(municipal).code, ...at(rng.int(3, 10), frequency), reason: '单位发生严重违纪违法案件并被通报（演示，虚构）', accident: false });
  }
  return out;
}
