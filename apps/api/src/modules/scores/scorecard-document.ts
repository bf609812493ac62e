import { chineseDate, PERFORMANCE_OFFICE, type DocBlock, type OfficialDocument } from '../../lib/documents/index.js';
import type { Scorecard } from '@kaoping/shared';

const fmt = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(n * 100) / 100);
/** Indicators behind 时序进度 are shaded, as on the page. */
const LAGGING = 'FBE3E4';
const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnNumber = (n: number): string => (n <= 10 ? CN_NUMBERS[n - 1]! : n < 20 ? `十${CN_NUMBERS[n - 11]!}` : `${CN_NUMBERS[Math.floor(n / 10) - 1]!}十${n % 10 ? CN_NUMBERS[(n % 10) - 1]! : ''}`);

/** One unit's part: the summary sentence, its components and every indicator with how it was scored. */
function unitBlocks(card: Scorecard, index: number | null): DocBlock[] {
  const u = card.unit;
  const componentName = new Map(u.components.map((c) => [c.code, c.name]));
  const summary =
    `截至${chineseDate(card.run.asOf)}，${u.name}总分${fmt(u.total)}分，在${u.group}（${u.groupSize}个单位）中排名第${u.rank}，等次为“${u.grade}”` +
    `${u.vetoed ? '（一票否决）' : ''}；其中加分${fmt(u.bonus)}分，扣分${fmt(u.deductions)}分。`;
  const lagging = card.indicators.filter((i) => (i.lag ?? 0) > 0).length;
  return [
    ...(index === null ? [] : [{ kind: 'heading' as const, level: 1 as const, text: `${cnNumber(index)}、${u.name}`, pageBreakBefore: index > 1 }]),
    { kind: 'paragraph', text: summary + (lagging ? `有${lagging}项指标落后于时序进度（表中底色标出）。` : '') },
    {
      kind: 'table',
      caption: `${u.name}得分构成`,
      columns: [{ header: '构成', width: 2 }, { header: '满分' }, { header: '得分' }, { header: '说明', width: 3 }],
      rows: [
        ...u.components.map((c) => [c.name, fmt(c.max), fmt(c.points), c.note ?? '']),
        ['加分', null, fmt(u.bonus), ''],
        ['扣分', null, fmt(-u.deductions), ''],
        ['总分', null, fmt(u.total), u.vetoed ? '一票否决' : ''],
      ],
    },
    {
      kind: 'table',
      caption: `${u.name}指标得分`,
      columns: [{ header: '指标', width: 2.6 }, { header: '所属', width: 1.2 }, { header: '满分', width: 0.8 }, { header: '得分', width: 0.9 }, { header: '完成值', width: 1.1 }, { header: '目标值', width: 1.1 }, { header: '计分过程', width: 3.2 }],
      rows: card.indicators.map((i) => [
        `${i.code} ${i.name}`,
        componentName.get(i.component) ?? i.component,
        fmt(i.maxPoints),
        fmt(i.points),
        fmt(i.actual),
        fmt(i.target),
        i.explanation ? (i.explanation.steps.at(-1) ?? i.explanation.rule) : '',
      ]),
      rowFill: card.indicators.map((i) => ((i.lag ?? 0) > 0 ? LAGGING : null)),
    },
  ];
}

/**
 * Scorecards of a score run as a document of the performance office: one unit, or every unit of a
 * group (each from a new page, after the group's ranking), through the same renderers as any 公文.
 */
export function scorecardDocument(input: { scheme: { name: string; year: number }; cards: Scorecard[]; group?: string }): OfficialDocument {
  const { scheme, cards, group } = input;
  const run = cards[0]!.run;
  const subject = group ?? cards[0]!.unit.name;
  const lead: DocBlock = { kind: 'paragraph', text: `依据《${scheme.name}》，按截至${chineseDate(run.asOf)}的数据计分（计分批次${run.id}，方案第${run.schemeVersion}版）。` };
  const ranking: DocBlock[] = group
    ? [
        {
          kind: 'table',
          caption: `${group}排名`,
          columns: [{ header: '排名', width: 0.7 }, { header: '单位', width: 2.5 }, { header: '总分' }, { header: '等次' }],
          rows: cards.map((c) => [c.unit.rank, c.unit.name, fmt(c.unit.total), c.unit.grade + (c.unit.vetoed ? '（否决）' : '')]),
        },
      ]
    : [];
  return {
    style: 'document',
    issuerMark: PERFORMANCE_OFFICE,
    docNumber: null,
    title: `${subject}${scheme.year}年度绩效考核记分卡`,
    addressees: [],
    body: [lead, ...ranking, ...cards.flatMap((c, i) => unitBlocks(c, group ? i + 1 : null))],
    signature: { issuer: PERFORMANCE_OFFICE, date: run.asOf },
    copyTo: [],
    printed: { by: PERFORMANCE_OFFICE, date: run.asOf },
  };
}
