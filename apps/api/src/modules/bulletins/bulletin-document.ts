import { BULLETIN_SECTION_LABELS, PROJECT_RATE_LABELS, type BulletinSection, type BulletinSnapshot, type ProjectRateName } from '@kaoping/shared';
import { parseNarrative, type DocBlock, type OfficialDocument } from '../../lib/documents/index.js';

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const points = (lag: number) => `${Math.round(-lag * 1000) / 10}`;
const RED = 'F8CBAD';
const YELLOW = 'FFF2CC';

export interface BulletinDocInput {
  issuer: string;
  docNumber: string | null;
  title: string;
  addressees: string[];
  copyTo: string[];
  sections: { key: BulletinSection; enabled: boolean }[];
  overview: string;
  requirements: string;
  snapshot: BulletinSnapshot;
  issueDate: string;
  draft: boolean;
  photos: Map<number, Buffer>;
}

/** A narrative the office wrote: its own 一、 headings are kept; a text without one gets the section's heading. */
function narrative(heading: string, text: string): DocBlock[] {
  const blocks = parseNarrative(text);
  if (!blocks.length) return [];
  return blocks[0]!.kind === 'heading' && blocks[0]!.level === 1 ? blocks : [{ kind: 'heading', level: 1, text: heading }, ...blocks];
}

/** The figure sections of a bulletin as blocks: a sentence that says what the table shows, then the table. */
function figureBlocks(key: BulletinSection, s: BulletinSnapshot, heading: string, tableNo: () => number, photos: Map<number, Buffer>): DocBlock[] {
  const h: DocBlock = { kind: 'heading', level: 1, text: heading };
  switch (key) {
    case 'rankings': {
      if (!s.rankings.length) return [h, { kind: 'paragraph', text: '截至本期，暂无计分结果。' }];
      return [
        h,
        { kind: 'paragraph', text: `根据截至${s.run!.asOf}的考核数据计分，各组别排名如下。` },
        ...s.rankings.flatMap((g, i): DocBlock[] => [
          { kind: 'heading', level: 2, text: `（${CN_NUM[i] ?? i + 1}）${g.name}` },
          {
            kind: 'table',
            caption: `表${tableNo()}  ${g.name}考核排名`,
            columns: [{ header: '排名', width: 0.6 }, { header: '单位', width: 2.4 }, { header: '总分', width: 1 }, { header: '等次', width: 0.7 }, { header: '上期排名', width: 0.8 }, { header: '得分变化', width: 0.9 }],
            rows: g.units.map((u) => [u.rank, u.name, u.total, u.grade, u.prevRank, u.change]),
          },
        ]),
      ];
    }
    case 'progress': {
      const red = s.progress.reduce((n, u) => n + u.red.length, 0);
      const yellow = s.progress.reduce((n, u) => n + u.yellow.length, 0);
      if (!s.progress.length) return [h, { kind: 'paragraph', text: '本期各单位时序进度类指标均达到时序进度。' }];
      const rows = s.progress.flatMap((u) => [...u.red.map((x) => ({ u, x, c: 'red' })), ...u.yellow.map((x) => ({ u, x, c: 'yellow' }))]);
      return [
        h,
        { kind: 'paragraph', text: `共有${s.progress.length}个单位的${red + yellow}项指标落后于时序进度，其中落后10个百分点及以上（红色）${red}项，落后10个百分点以内（黄色）${yellow}项。` },
        {
          kind: 'table',
          caption: `表${tableNo()}  落后于时序进度的指标`,
          columns: [{ header: '单位', width: 2 }, { header: '指标', width: 2.4 }, { header: '完成率', width: 0.9 }, { header: '时序进度', width: 0.9 }, { header: '落后（百分点）', width: 1 }],
          rows: rows.map(({ u, x }) => [u.name, `${x.code} ${x.name}`, pct(x.completion), pct(x.expected), Number(points(x.lag))]),
          rowFill: rows.map((r) => (r.c === 'red' ? RED : YELLOW)),
        },
      ];
    }
    case 'tasks': {
      const t = s.tasks.totals;
      const blocks: DocBlock[] = [
        h,
        { kind: 'paragraph', text: `截至${s.asOf}，在办督办事项绿灯${t.green}项、蓝灯${t.blue}项、黄灯${t.yellow}项、红灯${t.red}项，其中超期未办结${t.overdue}项。` },
      ];
      if (s.tasks.units.length)
        blocks.push({
          kind: 'table',
          caption: `表${tableNo()}  各单位督办事项亮灯情况`,
          columns: [{ header: '单位', width: 2.4 }, { header: '绿灯' }, { header: '蓝灯' }, { header: '黄灯' }, { header: '红灯' }, { header: '超期' }],
          rows: s.tasks.units.map((u) => [u.name, u.green, u.blue, u.yellow, u.red, u.overdue]),
          rowFill: s.tasks.units.map((u) => (u.red ? RED : u.yellow ? YELLOW : null)),
        });
      if (s.tasks.overdue.length)
        blocks.push(
          { kind: 'paragraph', text: '超期未办结事项及责任领导（实名制）如下：' },
          {
            kind: 'table',
            caption: `表${tableNo()}  超期未办结督办事项`,
            columns: [{ header: '事项', width: 3 }, { header: '牵头单位', width: 1.6 }, { header: '责任领导', width: 1 }, { header: '办理期限', width: 1.1 }],
            rows: s.tasks.overdue.map((o) => [o.title, o.unit, o.leader, o.deadline]),
            rowFill: s.tasks.overdue.map(() => RED),
          },
        );
      return blocks;
    }
    case 'ledger': {
      const l = s.ledger;
      const blocks: DocBlock[] = [h, { kind: 'paragraph', text: `${s.from}至${s.asOf}，新挂账问题${l.opened}个，销号${l.closed}个；截至${s.asOf}，尚未销号${l.open}个，其中超过整改期限${l.overdue}个。` }];
      if (l.units.length)
        blocks.push({
          kind: 'table',
          caption: `表${tableNo()}  各单位问题挂账销号情况`,
          columns: [{ header: '单位', width: 2.4 }, { header: '本期挂账' }, { header: '本期销号' }, { header: '未销号' }, { header: '超期' }],
          rows: l.units.map((u) => [u.name, u.opened, u.closed, u.open, u.overdue]),
          rowFill: l.units.map((u) => (u.overdue ? RED : null)),
        });
      return blocks;
    }
    case 'inspections': {
      if (!s.inspections.length) return [h, { kind: 'paragraph', text: '本期未开展暗访督查。' }];
      const blocks: DocBlock[] = [h];
      let photoNo = 0;
      s.inspections.forEach((i, n) => {
        blocks.push({ kind: 'heading', level: 2, text: `（${CN_NUM[n] ?? n + 1}）${i.date} ${i.title}` });
        i.findings.forEach((f, k) => {
          blocks.push({ kind: 'paragraph', text: `${k + 1}.${f.unit ? `${f.unit}：` : ''}${f.description}${f.place ? `（${f.place}）` : ''}` });
          for (const id of f.mediaIds.slice(0, 1)) {
            const data = photos.get(id);
            if (data) blocks.push({ kind: 'image', data, mime: 'image/jpeg', caption: `图${++photoNo}  ${f.unit || i.title}`, widthMm: 90 });
          }
        });
      });
      return blocks;
    }
    case 'projects': {
      if (!s.projects.units.length) return [h, { kind: 'paragraph', text: '本期无重大项目数据。' }];
      const labels = (r: string[]) => r.map((x) => PROJECT_RATE_LABELS[x as ProjectRateName] ?? x).join('、');
      return [
        h,
        { kind: 'paragraph', text: `按${s.asOf.slice(0, 7)}月报，时序进度为${pct(s.projects.schedule)}。各单位重大项目四率如下，落后于时序进度的标色。` },
        {
          kind: 'table',
          caption: `表${tableNo()}  重大项目四率`,
          columns: [{ header: '单位', width: 2 }, { header: '项目数', width: 0.7 }, { header: '开工率' }, { header: '资金到位率' }, { header: '资金支付率' }, { header: '投资完成率' }, { header: '落后', width: 1.4 }],
          rows: s.projects.units.map((u) => [u.name, u.projectCount, pct(u.start), pct(u.funding), pct(u.payment), pct(u.investment), labels(u.lagging) || '—']),
          rowFill: s.projects.units.map((u) => (u.lagging.length ? YELLOW : null)),
        },
      ];
    }
    case 'participation':
      if (!s.participation.length) return [];
      return [
        h,
        ...s.participation.map((c): DocBlock => ({ kind: 'paragraph', text: `${c.name}正在进行，截至${s.asOf}已有${c.responses}人参与评价，提出意见建议${c.suggestions}条。` })),
      ];
    default:
      return [];
  }
}

/** A bulletin as a 公文: the enabled sections in order, numbered 一、二、… as they come. */
export function bulletinDocument(b: BulletinDocInput): OfficialDocument {
  const body: DocBlock[] = [];
  let heading = 0;
  let table = 0;
  const next = (key: BulletinSection) => `${CN_NUM[heading++] ?? heading}、${BULLETIN_SECTION_LABELS[key].zh}`;
  for (const { key, enabled } of b.sections) {
    if (!enabled) continue;
    if (key === 'overview' || key === 'requirements') {
      const text = key === 'overview' ? b.overview : b.requirements;
      const blocks = narrative('', text);
      if (!blocks.length) continue;
      // The office's own heading keeps its words; its number follows the bulletin's order.
      const [first, ...rest] = blocks;
      const title = first!.kind === 'heading' && first!.text ? first!.text.replace(/^[一二三四五六七八九十]+、/, '') : BULLETIN_SECTION_LABELS[key].zh;
      body.push({ kind: 'heading', level: 1, text: `${CN_NUM[heading++] ?? heading}、${title}` }, ...rest);
      continue;
    }
    const blocks = figureBlocks(key, b.snapshot, '', () => ++table, b.photos);
    if (!blocks.length) continue;
    blocks[0] = { kind: 'heading', level: 1, text: next(key) };
    body.push(...blocks);
  }
  return {
    style: 'document',
    issuerMark: b.issuer,
    docNumber: b.docNumber,
    title: b.title,
    addressees: b.addressees,
    body,
    signature: { issuer: b.issuer, date: b.issueDate },
    copyTo: b.copyTo,
    printed: { by: b.issuer, date: b.issueDate },
    draft: b.draft,
  };
}
