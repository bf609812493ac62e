import { SCHEME_FORMAT, type SchemeDocument, type SchemeIndicator } from '@kaoping/shared';
import { DEMO_GROUPS, demoUnits } from './hengyang-units.js';

/*
 * The assessment scheme of the Hengyang demo for 2021: 千分制 — 重点工作 700, 公众评估 150,
 * 领导评价 150 — over the eight groups of hengyang-units.ts. Every indicator, weight and target
 * is fictional; the shapes follow docs/examples/scheme-example.yaml and use every scoring method.
 */

/** Economic size of each county, district and park (fictional), which scales its amount targets. */
const SIZE: Record<string, number> = {
  '430421': 1.2, // 衡阳县
  '430422': 1.15, // 衡南县
  '430423': 0.7, // 衡山县
  '430424': 0.9, // 衡东县
  '430426': 1.0, // 祁东县
  '430481': 1.3, // 耒阳市
  '430482': 1.05, // 常宁市
  '430405': 0.6, // 珠晖区
  '430406': 0.45, // 雁峰区
  '430407': 0.5, // 石鼓区
  '430408': 0.55, // 蒸湘区
  '430412': 0.2, // 南岳区
  YQ01: 1.3, // 衡阳高新区
  YQ02: 1.0, // 松木经开区
  YQ03: 0.8, // 白沙洲工业园区
  YQ04: 0.6, // 综合保税区
};

/** A stable number in [0, 1) for a unit code and a salt (FNV-1a, then mixed), so targets differ by unit but never change. */
function hash01(code: string, salt: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${salt}:${code}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  // final avalanche (murmur3 fmix32), so that similar codes land far apart
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

const unitsOf = (groups: string[]): string[] => demoUnits().filter((u) => groups.includes(u.groupCode)).map((u) => u.code);

/** Per-unit targets: `f(code)` for every unit of the groups, the rounded mean as default. */
function targets(groups: string[], f: (code: string) => number): NonNullable<SchemeIndicator['targets']> {
  const byUnit = Object.fromEntries(unitsOf(groups).map((c) => [c, f(c)]));
  const values = Object.values(byUnit);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { default: round(mean, values.every(Number.isInteger) ? 0 : 2), byUnit };
}

/** A target scaled by the unit's economic size. */
const bySize = (base: number, digits = 1) => (code: string) => round(base * (SIZE[code] ?? 1), digits);
/** A rate target in [low, high] in steps of `step`, by unit. */
const spread = (low: number, high: number, step: number, salt: string) => (code: string) =>
  round(low + Math.floor(hash01(code, salt) * ((high - low) / step + 1)) * step, 2);

const COUNTY = ['XS', 'CQ'];
const PARK = ['YQ'];
const DEPARTMENTS = ['ZH', 'SF', 'DQ', 'ZF', 'ZS'];
const ALL = DEMO_GROUPS.map((g) => g.code);

const SCORE_BANDS = [
  { from: 90, share: 1, label: '优' },
  { from: 85, to: 90, share: 0.85, label: '良' },
  { from: 80, to: 85, share: 0.7, label: '中' },
  { to: 80, share: 0.5, label: '差' },
];

const SAFETY_RULES = [
  { kind: 'general-accident', label: '一般生产安全事故', perEvent: 2 },
  { kind: 'major-accident', label: '较大生产安全事故', perEvent: 10 },
  { kind: 'criticism', label: '被上级通报批评', perEvent: 3 },
];
const ENVIRONMENT_RULES = [
  { kind: 'central-inspection', label: '中央环保督察交办件整改不到位', perEvent: 4 },
  { kind: 'provincial-notice', label: '被省生态环境厅通报', perEvent: 2 },
  { kind: 'verified-complaint', label: '环境信访件经查属实', perEvent: 0.5 },
];
const PETITION_RULES = [
  { kind: 'beijing-petition', label: '进京非正常上访', perEvent: 2 },
  { kind: 'provincial-group-petition', label: '赴省集体上访', perEvent: 1 },
  { kind: 'overdue-case', label: '信访积案未按期化解', perEvent: 1.5 },
];

/** The fictional 2021 scheme of the Hengyang demo. */
export function hengyangScheme2021(): SchemeDocument {
  const counties = new Set(unitsOf(['XS']));
  const countyAndDistrict: SchemeIndicator[] = [
    {
      code: 'A',
      name: '经济发展',
      points: 260,
      component: 'key',
      groups: COUNTY,
      children: [
        {
          code: 'A01',
          name: '地区生产总值增速',
          points: 50,
          unit: '%',
          frequency: 'quarter',
          dataSource: 'ZH11',
          description: '累计增速，按季度由市统计局核定；超额完成最多按 120% 计分。',
          method: { type: 'ratio', cap: 1.2 },
          targets: targets(COUNTY, (c) => (counties.has(c) ? spread(7.5, 8.5, 0.5, 'gdp')(c) : spread(7, 8, 0.5, 'gdp')(c))),
        },
        {
          code: 'A02',
          name: '固定资产投资增速',
          points: 40,
          unit: '%',
          frequency: 'month',
          dataSource: 'ZH11',
          method: { type: 'ratio', cap: 1.2 },
          targets: targets(COUNTY, spread(10, 12, 0.5, 'fai')),
        },
        {
          code: 'A03',
          name: '一般公共预算收入',
          points: 40,
          unit: '亿元',
          frequency: 'month',
          dataSource: 'ZH03',
          description: '年度累计完成数与年度目标之比，按时序进度计分。',
          method: { type: 'progress' },
          targets: targets(COUNTY, bySize(20)),
        },
        {
          code: 'A04',
          name: '招商引资实际到位资金',
          points: 40,
          unit: '亿元',
          frequency: 'month',
          aggregate: 'sum',
          dataSource: 'ZH20',
          description: '按月报送当月到位资金，年内累计后组内排名。',
          method: { type: 'rank', floor: 0.6 },
        },
        {
          code: 'A05',
          name: '规模以上工业增加值增速',
          points: 30,
          unit: '%',
          frequency: 'month',
          dataSource: 'ZH11',
          method: { type: 'rank', floor: 0.6 },
        },
        {
          code: 'A06',
          name: '社会消费品零售总额增速',
          points: 30,
          unit: '%',
          frequency: 'month',
          dataSource: 'ZH11',
          description: '按增速完成率分档。',
          method: {
            type: 'bands',
            measure: 'completion',
            bands: [
              { from: 1, share: 1, label: '完成' },
              { from: 0.9, to: 1, share: 0.8, label: '基本完成' },
              { from: 0.8, to: 0.9, share: 0.6, label: '差距较小' },
              { to: 0.8, share: 0.3, label: '差距较大' },
            ],
          },
          targets: targets(COUNTY, spread(9, 10.5, 0.5, 'retail')),
        },
        {
          code: 'A07',
          name: '外贸进出口总额',
          points: 20,
          unit: '亿元',
          frequency: 'month',
          dataSource: 'ZS02',
          method: { type: 'progress' },
          targets: targets(COUNTY, bySize(30)),
        },
        {
          code: 'A08',
          name: '万元地区生产总值能耗',
          points: 10,
          unit: '吨标准煤/万元',
          direction: 'lower',
          frequency: 'year',
          dataSource: 'ZH11',
          description: '越低越好：目标值 ÷ 实际值。',
          method: { type: 'ratio' },
          targets: targets(COUNTY, spread(0.4, 0.6, 0.05, 'energy')),
        },
      ],
    },
    {
      code: 'B',
      name: '项目建设',
      points: 140,
      component: 'key',
      groups: COUNTY,
      children: [
        {
          code: 'B01',
          name: '重大项目投资完成率',
          points: 60,
          unit: '亿元',
          frequency: 'tenDay',
          description: '一旬一调度：各县市区自报累计完成投资（附形象进度佐证），与年度计划之比对照时序进度计分。',
          method: { type: 'progress' },
          targets: targets(COUNTY, bySize(60)),
        },
        {
          code: 'B02',
          name: '重大项目开工率',
          points: 40,
          unit: '%',
          frequency: 'month',
          dataSource: 'ZH01',
          description: '截至当月已开工项目数 ÷ 截至当月计划开工项目数。',
          method: {
            type: 'bands',
            bands: [
              { from: 95, share: 1, label: '优' },
              { from: 85, to: 95, share: 0.8, label: '良' },
              { from: 70, to: 85, share: 0.6, label: '中' },
              { to: 70, share: 0.3, label: '差' },
            ],
          },
        },
        {
          code: 'B03',
          name: '专项债券资金支付率',
          points: 40,
          unit: '%',
          frequency: 'month',
          dataSource: 'ZH03',
          description: '完成率低于 60% 的不得分。',
          method: { type: 'ratio', zeroBelow: 0.6 },
          targets: { default: 90 },
        },
      ],
    },
    {
      code: 'C',
      name: '安全稳定与生态环保',
      points: 150,
      component: 'key',
      groups: COUNTY,
      children: [
        { code: 'C01', name: '安全生产', points: 50, frequency: 'month', dataSource: 'ZF04', method: { type: 'deduct', rules: SAFETY_RULES } },
        { code: 'C02', name: '环保督察问题整改', points: 50, frequency: 'month', dataSource: 'SF08', method: { type: 'deduct', rules: ENVIRONMENT_RULES } },
        { code: 'C03', name: '信访稳定', points: 50, frequency: 'month', dataSource: 'SF10', method: { type: 'deduct', rules: PETITION_RULES } },
      ],
    },
    {
      code: 'D',
      name: '民生保障与城乡发展',
      points: 150,
      component: 'key',
      groups: COUNTY,
      children: [
        {
          code: 'D01',
          name: '城镇新增就业',
          points: 30,
          unit: '人',
          frequency: 'month',
          aggregate: 'sum',
          dataSource: 'SF03',
          description: '累计新增就业对照按时序进度折算的目标。',
          method: { type: 'formula', expression: 'P * clamp(actual / (target * elapsed), 0, 1)' },
          targets: targets(COUNTY, (c) => Math.round((5000 * (SIZE[c] ?? 1)) / 100) * 100),
        },
        {
          code: 'D02',
          name: '城乡环境卫生综合达标率',
          points: 30,
          unit: '%',
          frequency: 'month',
          dataSource: 'SF09',
          description: '达到目标得满分，每低 1 个百分点扣 5% 的分值。',
          method: { type: 'formula', expression: 'P * clamp(1 - (target - actual) * 0.05, 0, 1)' },
          targets: { default: 95 },
        },
        { code: 'D03', name: '乡村振兴重点任务', points: 50, groups: ['XS'], frequency: 'quarter', dataSource: 'SF13', method: { type: 'grade' } },
        {
          code: 'D04',
          name: '粮食播种面积',
          points: 40,
          groups: ['XS'],
          unit: '万亩',
          frequency: 'quarter',
          dataSource: 'ZH08',
          method: { type: 'ratio' },
          targets: targets(['XS'], bySize(110, 0)),
        },
        { code: 'D05', name: '城市更新与文明创建', points: 50, groups: ['CQ'], frequency: 'quarter', dataSource: 'ZH05', method: { type: 'grade' } },
        {
          code: 'D06',
          name: '数字城管案件结案率',
          points: 40,
          groups: ['CQ'],
          unit: '%',
          frequency: 'month',
          aggregate: 'avg',
          dataSource: 'SF09',
          method: {
            type: 'bands',
            bands: [
              { from: 98, share: 1, label: '优' },
              { from: 95, to: 98, share: 0.85, label: '良' },
              { from: 90, to: 95, share: 0.7, label: '中' },
              { to: 90, share: 0.5, label: '差' },
            ],
          },
        },
      ],
    },
  ];

  const parks: SchemeIndicator[] = [
    {
      code: 'P',
      name: '产业发展',
      points: 400,
      component: 'key',
      groups: PARK,
      children: [
        {
          code: 'P01',
          name: '规模以上工业增加值增速',
          points: 80,
          unit: '%',
          frequency: 'month',
          dataSource: 'ZH11',
          method: { type: 'ratio', cap: 1.2 },
          targets: targets(PARK, spread(9, 12, 0.5, 'park-industry')),
        },
        { code: 'P02', name: '亩均税收', points: 70, unit: '万元/亩', frequency: 'quarter', dataSource: 'ZS01', description: '年内累计，组内排名。', method: { type: 'rank', floor: 0.6 } },
        {
          code: 'P03',
          name: '园区固定资产投资完成率',
          points: 80,
          unit: '亿元',
          frequency: 'month',
          description: '园区自报累计完成投资，附项目台账佐证。',
          method: { type: 'progress' },
          targets: targets(PARK, bySize(80)),
        },
        {
          code: 'P04',
          name: '招商引资实际到位资金',
          points: 70,
          unit: '亿元',
          frequency: 'month',
          aggregate: 'sum',
          dataSource: 'ZH20',
          method: { type: 'rank', floor: 0.6 },
        },
        {
          code: 'P05',
          name: '高新技术产业增加值占比',
          points: 50,
          unit: '%',
          frequency: 'quarter',
          dataSource: 'ZH13',
          method: { type: 'ratio' },
          targets: targets(PARK, spread(45, 65, 5, 'hitech')),
        },
        {
          code: 'P06',
          name: '外贸进出口总额',
          points: 50,
          unit: '亿元',
          frequency: 'month',
          dataSource: 'ZS02',
          method: { type: 'progress' },
          targets: targets(PARK, bySize(40)),
        },
      ],
    },
    {
      code: 'Q',
      name: '园区建设与管理',
      points: 300,
      component: 'key',
      groups: PARK,
      children: [
        {
          code: 'Q01',
          name: '签约项目开工率',
          points: 60,
          unit: '%',
          frequency: 'month',
          dataSource: 'ZH20',
          method: {
            type: 'bands',
            bands: [
              { from: 90, share: 1, label: '优' },
              { from: 80, to: 90, share: 0.8, label: '良' },
              { from: 60, to: 80, share: 0.6, label: '中' },
              { to: 60, share: 0.3, label: '差' },
            ],
          },
        },
        { code: 'Q02', name: '园区安全生产', points: 60, frequency: 'month', dataSource: 'ZF04', method: { type: 'deduct', rules: SAFETY_RULES } },
        { code: 'Q03', name: '园区环保督察问题整改', points: 60, frequency: 'month', dataSource: 'SF08', method: { type: 'deduct', rules: ENVIRONMENT_RULES } },
        { code: 'Q04', name: '园区营商环境评价', points: 60, unit: '分', frequency: 'quarter', dataSource: 'ZH01', method: { type: 'bands', bands: SCORE_BANDS } },
        {
          code: 'Q05',
          name: '亩均效益综合达标率',
          points: 60,
          unit: '%',
          frequency: 'quarter',
          dataSource: 'ZH02',
          description: '达到目标得满分，每低 1 个百分点扣 4% 的分值。',
          method: { type: 'formula', expression: 'P * clamp(1 - (target - actual) * 0.04, 0, 1)' },
          targets: { default: 90 },
        },
      ],
    },
  ];

  const departments: SchemeIndicator[] = [
    {
      code: 'M',
      name: '职能工作',
      points: 420,
      component: 'key',
      groups: DEPARTMENTS,
      children: [
        {
          code: 'M01',
          name: '职能工作目标完成情况',
          points: 260,
          frequency: 'quarter',
          description: '市绩效办会同分管市领导按季度评定等次。',
          method: { type: 'grade', shares: { 优: 1, 良: 0.85, 中: 0.7, 差: 0.5 } },
        },
        {
          code: 'M02',
          name: '牵头经济指标序时完成率',
          points: 160,
          groups: ['ZH'],
          unit: '%',
          frequency: 'quarter',
          dataSource: 'ZH11',
          method: { type: 'ratio' },
          targets: { default: 100 },
        },
        {
          code: 'M03',
          name: '重点民生实事项目完成',
          points: 160,
          groups: ['SF'],
          unit: '项',
          frequency: 'month',
          description: '牵头单位自报已完工项目数，附验收材料。',
          method: { type: 'progress' },
          targets: targets(['SF'], (c) => 6 + Math.floor(hash01(c, 'livelihood') * 10)),
        },
        { code: 'M04', name: '党建重点任务落实', points: 160, groups: ['DQ'], frequency: 'quarter', dataSource: 'DQ03', method: { type: 'grade' } },
        {
          code: 'M05',
          name: '行政执法案卷评查合格率',
          points: 160,
          groups: ['ZF'],
          unit: '%',
          frequency: 'quarter',
          dataSource: 'ZF02',
          method: {
            type: 'bands',
            bands: [
              { from: 98, share: 1, label: '优' },
              { from: 95, to: 98, share: 0.85, label: '良' },
              { from: 90, to: 95, share: 0.7, label: '中' },
              { to: 90, share: 0.5, label: '差' },
            ],
          },
        },
        { code: 'M06', name: '服务地方经济社会发展', points: 160, groups: ['ZS'], frequency: 'quarter', dataSource: 'ZH01', method: { type: 'grade' } },
      ],
    },
    {
      code: 'N',
      name: '共性工作',
      points: 280,
      component: 'key',
      groups: DEPARTMENTS,
      children: [
        { code: 'N01', name: '营商环境评价', points: 70, unit: '分', frequency: 'quarter', dataSource: 'ZH01', method: { type: 'bands', bands: SCORE_BANDS } },
        {
          code: 'N02',
          name: '政务服务“好差评”好评率',
          points: 50,
          unit: '%',
          frequency: 'month',
          aggregate: 'avg',
          dataSource: 'ZH18',
          method: {
            type: 'bands',
            bands: [
              { from: 99.5, share: 1, label: '优' },
              { from: 99, to: 99.5, share: 0.9, label: '良' },
              { from: 98, to: 99, share: 0.75, label: '中' },
              { to: 98, share: 0.5, label: '差' },
            ],
          },
        },
        { code: 'N03', name: '依法行政考核', points: 50, unit: '分', frequency: 'quarter', aggregate: 'avg', dataSource: 'ZF02', method: { type: 'rank', floor: 0.7 } },
        {
          code: 'N04',
          name: '安全生产与平安建设',
          points: 40,
          frequency: 'month',
          dataSource: 'DQ06',
          method: {
            type: 'deduct',
            rules: [
              { kind: 'criticism', label: '被上级通报批评', perEvent: 3 },
              { kind: 'general-accident', label: '行业领域发生一般生产安全事故', perEvent: 2 },
            ],
          },
        },
        { code: 'N05', name: '党风廉政建设责任制', points: 30, frequency: 'year', dataSource: 'DQ01', method: { type: 'grade' } },
        { code: 'N06', name: '信访维稳', points: 40, frequency: 'month', dataSource: 'SF10', method: { type: 'deduct', rules: PETITION_RULES } },
      ],
    },
  ];

  const everyone: SchemeIndicator[] = [
    {
      code: 'L',
      name: '领导评价',
      points: 150,
      component: 'leader',
      children: [
        // Leaders' grades are collected and entered by the two general offices, never by the unit graded.
        { code: 'L01', name: '市委、市政府主要领导评价', points: 90, frequency: 'quarter', dataSource: 'DQ02', method: { type: 'grade' } },
        { code: 'L02', name: '分管市领导评价', points: 60, frequency: 'quarter', dataSource: 'SF18', method: { type: 'grade' } },
      ],
    },
    {
      code: 'X01',
      name: '争资争项',
      points: 20,
      component: 'key',
      groups: [...COUNTY, ...PARK],
      frequency: 'quarter',
      dataSource: 'ZH01',
      description: '争取到中央、省预算内投资和专项资金、列入国家或省重大项目；同一事项按最高级别计一次。',
      method: {
        type: 'bonus',
        levels: [
          { level: 'city', label: '市级', points: 2 },
          { level: 'province', label: '省级', points: 5 },
          { level: 'nation', label: '国家级', points: 10 },
        ],
      },
    },
    {
      code: 'X02',
      name: '创新争先',
      points: 15,
      component: 'key',
      frequency: 'quarter',
      description: '获上级表彰、工作经验被上级推广；同一事项按最高级别计一次。',
      method: {
        type: 'bonus',
        levels: [
          { level: 'city', label: '市级', points: 1 },
          { level: 'province', label: '省级', points: 3 },
          { level: 'nation', label: '国家级', points: 5 },
        ],
      },
    },
    {
      code: 'V01',
      name: '一票否决事项',
      points: 0,
      component: 'key',
      frequency: 'month',
      description: '发生重大安全事故、严重违纪违法等情形的，年度等次不高于“较差”。',
      method: { type: 'veto' },
    },
  ];

  return {
    format: SCHEME_FORMAT,
    code: 'HY-JX-2021',
    name: '衡阳市2021年度绩效考核方案（演示）',
    year: 2021,
    total: 1000,
    groups: ALL,
    components: [
      { code: 'key', name: '重点工作', points: 700 },
      { code: 'public', name: '公众评估', points: 150, source: 'public' },
      { code: 'leader', name: '领导评价', points: 150 },
    ],
    bonusCap: 30,
    deductionCap: 100,
    grading: {
      scale: [
        { name: '优秀', minShare: 0.9 },
        { name: '良好', minShare: 0.8 },
        { name: '一般', minShare: 0.6 },
        { name: '较差', minShare: 0 },
      ],
      quotas: [{ grade: '优秀', maxShare: 0.3 }],
      vetoCap: '较差',
    },
    indicators: [...countyAndDistrict, ...parks, ...departments, ...everyone],
  };
}
