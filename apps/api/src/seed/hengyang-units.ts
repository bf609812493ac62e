import type { UnitKind } from '@kaoping/shared';

/** Assessment groups of the Hengyang demo, in display order. */
export const DEMO_GROUPS: { code: string; name: string; nameEn: string; kind: UnitKind }[] = [
  { code: 'XS', name: '县市', nameEn: 'Counties and county-level cities', kind: 'county' },
  { code: 'CQ', name: '城区', nameEn: 'Urban districts', kind: 'district' },
  { code: 'YQ', name: '园区', nameEn: 'Parks', kind: 'park' },
  { code: 'ZH', name: '综合经济部门', nameEn: 'Economic departments', kind: 'municipal' },
  { code: 'SF', name: '社会发展部门', nameEn: 'Social development departments', kind: 'municipal' },
  { code: 'DQ', name: '党群部门', nameEn: 'Party and mass organisations', kind: 'municipal' },
  { code: 'ZF', name: '执法监管部门', nameEn: 'Law-enforcement and regulatory departments', kind: 'municipal' },
  { code: 'ZS', name: '中央省驻衡单位', nameEn: 'Central and provincial units in Hengyang', kind: 'municipal' },
];

// GB/T 2260 codes (DOMAIN.md §7): the code of a county-level unit is its administrative division code.
const COUNTIES: [string, string][] = [
  ['430421', '衡阳县'],
  ['430422', '衡南县'],
  ['430423', '衡山县'],
  ['430424', '衡东县'],
  ['430426', '祁东县'],
  ['430481', '耒阳市'],
  ['430482', '常宁市'],
];
const DISTRICTS: [string, string][] = [
  ['430405', '珠晖区'],
  ['430406', '雁峰区'],
  ['430407', '石鼓区'],
  ['430408', '蒸湘区'],
  ['430412', '南岳区'],
];
const PARKS = ['衡阳高新技术产业开发区', '衡阳松木经济开发区', '衡阳白沙洲工业园区', '衡阳综合保税区'];
const PARK_SHORT = ['衡阳高新区', '松木经开区', '白沙洲工业园区', '综合保税区'];

const MUNICIPAL: Record<string, string[]> = {
  ZH: [
    '市发展和改革委员会', '市工业和信息化局', '市财政局', '市自然资源和规划局', '市住房和城乡建设局',
    '市交通运输局', '市水利局', '市农业农村局', '市商务局', '市国有资产监督管理委员会',
    '市统计局', '市地方金融监督管理局', '市科学技术局', '市林业局', '市机关事务管理局',
    '市供销合作社', '市住房公积金管理中心', '市行政审批服务局', '市重点建设项目事务中心', '市投资促进事务中心',
  ],
  SF: [
    '市教育局', '市民政局', '市人力资源和社会保障局', '市文化旅游广电体育局', '市卫生健康委员会',
    '市退役军人事务局', '市医疗保障局', '市生态环境局', '市城市管理和综合执法局', '市信访局',
    '市人民防空办公室', '市民族宗教事务局', '市乡村振兴局', '市公共资源交易中心', '市广播电视台',
    '衡阳日报社', '市人民政府研究室', '市人民政府办公室', '市档案馆', '市疾病预防控制中心',
  ],
  DQ: [
    '市纪委监委', '市委办公室', '市委组织部', '市委宣传部', '市委统战部', '市委政法委', '市委政策研究室',
    '市委机构编制委员会办公室', '市直机关工委', '市委网信办', '市委老干部局', '市委党校', '市委巡察办',
    '市总工会', '团市委', '市妇联', '市科协', '市文联', '市工商联', '市残联', '市红十字会',
  ],
  ZF: [
    '市公安局', '市司法局', '市市场监督管理局', '市应急管理局', '市审计局', '市中级人民法院',
    '市人民检察院', '市消防救援支队', '市交通运输综合行政执法支队', '市生态环境保护综合行政执法支队',
    '市农业综合行政执法支队', '市文化市场综合行政执法支队',
  ],
  ZS: [
    '国家税务总局衡阳市税务局', '衡阳海关', '国家统计局衡阳调查队', '市气象局', '市烟草专卖局',
    '市邮政管理局', '中国人民银行衡阳市分行', '国网衡阳供电公司',
  ],
};

export interface DemoUnit {
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  groupCode: string;
  adcode: string | null;
}

/** The 97 units of the 2021 Hengyang public evaluation: 7 counties/cities, 5 districts, 4 parks, 81 departments. */
export function demoUnits(): DemoUnit[] {
  const units: DemoUnit[] = [
    ...COUNTIES.map(([code, name]) => ({ code, name, shortName: null, kind: 'county' as const, groupCode: 'XS', adcode: code })),
    ...DISTRICTS.map(([code, name]) => ({ code, name, shortName: null, kind: 'district' as const, groupCode: 'CQ', adcode: code })),
    ...PARKS.map((name, i) => ({ code: `YQ${String(i + 1).padStart(2, '0')}`, name, shortName: PARK_SHORT[i] ?? null, kind: 'park' as const, groupCode: 'YQ', adcode: null })),
  ];
  for (const [group, names] of Object.entries(MUNICIPAL)) {
    names.forEach((name, i) =>
      units.push({ code: `${group}${String(i + 1).padStart(2, '0')}`, name, shortName: null, kind: 'municipal', groupCode: group, adcode: null }),
    );
  }
  return units;
}
