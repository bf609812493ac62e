import type { Role, TaskSource } from '@kaoping/shared';
import type { Database } from '../db/database.js';
import type { Locale } from '../lib/language.js';
import type { Principal } from '../lib/principal.js';
import { TimeZone } from '../lib/time-zone.js';
import type { AuditContext } from '../modules/audit/audit.service.js';
import { recordAudit } from '../modules/audit/audit.service.js';
import { addFinding, createInspection, findingToProblem } from '../modules/ledger/inspections.service.js';
import * as ledger from '../modules/ledger/ledger.service.js';
import * as tasks from '../modules/tasks/tasks.service.js';
import { rngFor } from './demo-random.js';

/*
 * The supervision demo (visibly fictional, "（演示）"): Hengyang's 2021 supervised tasks and problem
 * ledger, closed-out history in 2021 and the open items dated around today so that every light —
 * green, blue, yellow, red — shows on first start. Everything goes through the services, so each
 * step has its event and its audit entry; the steps' times are then set to the days the story
 * gives them (a demo loaded today would otherwise have every step taken today).
 */

const SEED = 2021;
const DAY = 86_400_000;

/** Who takes a step: the supervision office, the city leader, or the lead unit's head or reporter. */
export type Actor = 'supervisor' | 'leader' | 'head' | 'reporter';

export interface PlannedStep {
  action: 'submit' | 'approve' | 'reject' | 'sign' | 'report' | 'feedback' | 'accept' | 'return';
  by: Actor;
  /** The day the step is taken (China date). */
  on: string;
  note?: string;
  progress?: number;
}

export interface PlannedTask {
  title: string;
  description: string;
  source: TaskSource;
  originRef?: string;
  leadUnit: string;
  coUnits: string[];
  leader: string;
  startDate: string;
  deadline: string;
  steps: PlannedStep[];
}

export type ProblemStepKind = 'report' | 'submit' | 'close' | 'return';

export interface PlannedProblemStep {
  kind: ProblemStepKind;
  on: string;
  /** report: the requirement (0-based) reported done with evidence. */
  requirement?: number;
  note?: string;
}

export interface PlannedProblem {
  title: string;
  description: string;
  source: 'inspection' | 'assessment' | 'audit';
  auditRef?: string;
  /** Inspection problems: the inspection (index) and its finding this problem comes from. */
  inspection?: number;
  place: string;
  /** Where the place is, for an inspection's finding (else the inspection's own position). */
  latitude?: number;
  longitude?: number;
  unit: string;
  leader: string;
  startDate: string;
  deadline: string;
  requirements: string[];
  steps: PlannedProblemStep[];
}

export interface PlannedInspection {
  inspectedOn: string;
  place: string;
  latitude: number;
  longitude: number;
  inspector: string;
  notes: string;
}

export interface SupervisionPlan {
  tasks: PlannedTask[];
  problems: PlannedProblem[];
  inspections: PlannedInspection[];
}

/** Adds days to a date (YYYY-MM-DD). */
export const shiftDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

const LEADERS = ['刘副市长（演示）', '陈副市长（演示）', '周副市长（演示）', '吴秘书长（演示）', '郑副市长（演示）'];

/** Lead and co-units by code: counties, districts, parks and departments. */
const UNITS = ['430421', '430422', '430481', '430405', '430407', 'YQ01', 'ZH01', 'ZH05', 'ZH06', 'SF01', 'SF05', 'SF08', 'SF09', 'ZF01', 'ZF03'];

const TOPICS: { title: string; description: string; source: TaskSource; ref?: string }[] = [
  { title: '城区背街小巷提质改造', description: '市领导批示：年内完成 30 条背街小巷提质改造，做到路平、灯亮、水畅。（演示）', source: 'instruction', ref: '衡领批〔2021〕12号' },
  { title: '中心城区内涝点整治', description: '汛期前完成 12 处易涝点整治，建立一点一策台账。（演示）', source: 'instruction', ref: '衡领批〔2021〕18号' },
  { title: '农村饮水安全巩固提升', description: '完成农村集中供水工程提质改造，水质检测全覆盖。（演示）', source: 'key_work' },
  { title: '“一件事一次办”扩围增效', description: '新增 20 项“一件事一次办”主题服务，网上可办率达到 100%。（演示）', source: 'meeting', ref: '市政府常务会议纪要〔2021〕7号' },
  { title: '老旧小区改造年度任务', description: '完成 26 个老旧小区改造，同步加装电梯与充电设施。（演示）', source: 'key_work' },
  { title: '中小学校学位扩容', description: '新建改扩建中小学 3 所，秋季开学前投入使用。（演示）', source: 'key_work' },
  { title: '企业开办压缩至一个工作日', description: '市政府专题会议决定：企业开办全流程压缩至 1 个工作日。（演示）', source: 'meeting', ref: '专题会议纪要〔2021〕15号' },
  { title: '群众反映公交班次少', description: '群众建议：早高峰公交等车超过半小时，建议加密班次。（演示）', source: 'suggestion' },
  { title: '群众反映路灯夜间不亮', description: '群众建议：部分路段路灯夜间不亮，存在安全隐患。（演示）', source: 'suggestion' },
  { title: '农贸市场周边占道经营整治', description: '暗访发现农贸市场周边占道经营严重，限期整治并建立长效机制。（演示）', source: 'inspection' },
  { title: '建筑工地扬尘管控', description: '督查发现部分工地未落实“六个百分之百”，限期整改。（演示）', source: 'inspection' },
  { title: '专项资金使用审计整改', description: '审计发现专项资金拨付滞后，按审计意见限期整改。（演示）', source: 'audit', ref: '衡审报〔2021〕8号' },
  { title: '政府投资项目结算审计整改', description: '审计指出项目结算超概算，完善制度并追回多付资金。（演示）', source: 'audit', ref: '衡审报〔2021〕11号' },
  { title: '重点项目集中开工', description: '会议决定：二季度重点项目集中开工率达到 95% 以上。（演示）', source: 'meeting', ref: '重点项目调度会纪要〔2021〕4号' },
  { title: '河长制巡河问题整改', description: '市领导批示：对巡河发现的排污口问题逐一销号。（演示）', source: 'instruction', ref: '衡领批〔2021〕25号' },
  { title: '政务服务“好差评”差评整改', description: '对差评事项逐件回访整改，整改率 100%。（演示）', source: 'key_work' },
];

const REPORTS = ['已完成现场排查，制定整改方案（演示）', '完成工程量约一半，正在加紧推进（演示）', '主体工程已完工，正在组织验收（演示）', '已召开专题推进会，落实责任分工（演示）'];
const RETURNS = ['佐证材料不完整，缺少验收照片，请补充后重新反馈（演示）', '整改结果与批示要求不符，请对照要求逐项落实（演示）', '反馈内容过于笼统，请说明具体完成数量（演示）'];

interface Shape {
  /** Where the task ends up. */
  kind: 'closed2021' | 'closedLate2021' | 'closedReturned2021' | 'green' | 'blue' | 'yellowLag' | 'yellowReturned' | 'red' | 'redSilent' | 'feedback' | 'issued' | 'review' | 'draft';
  count: number;
}

const SHAPES: Shape[] = [
  { kind: 'closed2021', count: 7 },
  { kind: 'closedLate2021', count: 3 },
  { kind: 'closedReturned2021', count: 2 },
  { kind: 'green', count: 6 },
  { kind: 'blue', count: 4 },
  { kind: 'yellowLag', count: 4 },
  { kind: 'yellowReturned', count: 2 },
  { kind: 'red', count: 3 },
  { kind: 'redSilent', count: 3 },
  { kind: 'feedback', count: 2 },
  { kind: 'issued', count: 2 },
  { kind: 'review', count: 1 },
  { kind: 'draft', count: 1 },
];

/** The opening steps every issued task takes: 立项提交, 领导审核, 签收. */
const opening = (start: string): PlannedStep[] => [
  { action: 'submit', by: 'supervisor', on: shiftDate(start, -2) },
  { action: 'approve', by: 'leader', on: shiftDate(start, -1), note: '同意，请抓紧落实（演示）' },
  { action: 'sign', by: 'reporter', on: start },
];

function taskSteps(kind: Shape['kind'], start: string, deadline: string, today: string, pick: (xs: readonly string[]) => string): PlannedStep[] {
  const report = (on: string, progress: number): PlannedStep => ({ action: 'report', by: 'reporter', on, progress, note: pick(REPORTS) });
  switch (kind) {
    case 'draft':
      return [];
    case 'review':
      return [{ action: 'submit', by: 'supervisor', on: shiftDate(today, -1) }];
    case 'issued':
      return opening(start).slice(0, 2);
    case 'closed2021':
    case 'closedLate2021':
    case 'closedReturned2021': {
      const end = kind === 'closedLate2021' ? shiftDate(deadline, 6) : shiftDate(deadline, -5);
      const steps = [...opening(start), report(shiftDate(start, 20), 60), { action: 'feedback', by: 'head', on: shiftDate(end, -4), note: '已全部完成，附验收材料（演示）' } as PlannedStep];
      if (kind === 'closedReturned2021') {
        steps.push({ action: 'return', by: 'supervisor', on: shiftDate(end, -3), note: pick(RETURNS) }, { action: 'feedback', by: 'head', on: shiftDate(end, -1), note: '已补充验收照片和数量清单（演示）' });
      }
      steps.push({ action: 'accept', by: 'supervisor', on: end, note: '经复核，同意办结销号（演示）' });
      return steps;
    }
    case 'green':
      return [...opening(start), report(shiftDate(today, -3), 70)];
    case 'blue':
      return [...opening(start), report(shiftDate(today, -1), 99)];
    case 'yellowLag':
      return [...opening(start), report(shiftDate(today, -12), 15)];
    case 'yellowReturned':
      return [
        ...opening(start),
        report(shiftDate(today, -15), 60),
        { action: 'feedback', by: 'head', on: shiftDate(today, -6), note: '已完成整改（演示）' },
        { action: 'return', by: 'supervisor', on: shiftDate(today, -4), note: pick(RETURNS) },
      ];
    case 'red':
      return [...opening(start), report(shiftDate(deadline, -20), 50), report(shiftDate(today, -2), 75)];
    case 'redSilent':
      return [...opening(start), report(shiftDate(deadline, -30), 30)];
    case 'feedback':
      return [...opening(start), report(shiftDate(today, -10), 80), { action: 'feedback', by: 'head', on: shiftDate(today, -1), note: '已全部完成，请复核（演示）' }];
  }
}

/** Start and deadline of a task of each kind: 2021 for the history, around `today` for open work. */
function taskDates(kind: Shape['kind'], i: number, today: string): [string, string] {
  switch (kind) {
    case 'closed2021':
    case 'closedLate2021':
    case 'closedReturned2021': {
      const start = shiftDate('2021-03-01', i * 17);
      return [start, shiftDate(start, 60 + (i % 4) * 10)];
    }
    case 'green':
      return [shiftDate(today, -20 - i), shiftDate(today, 40 + i * 3)];
    case 'blue':
      return [shiftDate(today, -60), shiftDate(today, 1 + (i % 3))];
    case 'yellowLag':
      return [shiftDate(today, -45), shiftDate(today, 30 + i)];
    case 'yellowReturned':
      return [shiftDate(today, -50), shiftDate(today, 20)];
    case 'red':
      return [shiftDate(today, -90), shiftDate(today, -6 - i * 4)];
    case 'redSilent':
      return [shiftDate(today, -100), shiftDate(today, -10 - i * 7)];
    case 'feedback':
      return [shiftDate(today, -40), shiftDate(today, 10)];
    case 'issued':
      return [shiftDate(today, 1), shiftDate(today, 45)];
    case 'review':
    case 'draft':
      return [shiftDate(today, 3), shiftDate(today, 60)];
  }
}

const REQUIREMENTS = [
  ['立即清理现场，恢复原状（演示）', '查明原因，追究相关人员责任（演示）', '建立日常巡查机制，防止问题反弹（演示）'],
  ['制定整改方案并报市督查室备案（演示）', '完成设施修复并组织验收（演示）'],
  ['按审计意见追回或调整资金（演示）', '修订完善资金管理制度（演示）', '对相关责任人进行约谈（演示）'],
  ['对照考评扣分事项逐项整改（演示）', '整改情况在单位网站公示（演示）'],
];

/** `at`: the unit responsible for the place and where it is, for the findings of inspections. */
const PROBLEMS: { title: string; source: PlannedProblem['source']; place: string; at?: [string, number, number]; auditRef?: string; req: number }[] = [
  { title: '农贸市场周边垃圾未及时清运', source: 'inspection', place: '雁峰区先锋路农贸市场', at: ['430406', 26.8836, 112.6131], req: 0 },
  { title: '社区服务中心窗口无人值守', source: 'inspection', place: '石鼓区人民路社区服务中心', at: ['430407', 26.9027, 112.6089], req: 0 },
  { title: '河道排污口未按期封堵', source: 'inspection', place: '湘江珠晖段', at: ['430405', 26.8925, 112.6402], req: 1 },
  { title: '建筑工地围挡破损、裸土未覆盖', source: 'inspection', place: '蒸湘区解放大道工地', at: ['430408', 26.8921, 112.5861], req: 0 },
  { title: '公共厕所设施损坏', source: 'inspection', place: '衡阳县西渡镇汽车站', at: ['430421', 26.9738, 112.3781], req: 1 },
  { title: '专项资金拨付滞后', source: 'audit', place: '', auditRef: '衡审报〔2021〕8号', req: 2 },
  { title: '项目结算超概算未报批', source: 'audit', place: '', auditRef: '衡审报〔2021〕11号', req: 2 },
  { title: '公务用车管理不规范', source: 'audit', place: '', auditRef: '衡审报〔2021〕14号', req: 2 },
  { title: '政务服务事项网上办理深度不足', source: 'assessment', place: '', req: 3 },
  { title: '信访事项按期办结率偏低', source: 'assessment', place: '', req: 3 },
  { title: '安全生产隐患整改不到位', source: 'assessment', place: '', req: 3 },
  { title: '背街小巷路灯损坏未修复', source: 'inspection', place: '珠晖区东风路背街小巷', at: ['430405', 26.9001, 112.6302], req: 1 },
  { title: '工程建设项目招标程序不规范', source: 'audit', place: '', auditRef: '衡审报〔2021〕17号', req: 2 },
  { title: '营商环境评价指标排名靠后', source: 'assessment', place: '', req: 3 },
  { title: '小区消防通道被占用', source: 'inspection', place: '蒸湘区华新开发区某小区', at: ['430408', 26.8983, 112.5823], req: 0 },
  { title: '惠民补贴资金发放不及时', source: 'audit', place: '', auditRef: '衡审报〔2021〕20号', req: 2 },
  { title: '重点项目进度滞后于时序', source: 'assessment', place: '', req: 3 },
  { title: '学校周边交通秩序混乱', source: 'inspection', place: '石鼓区人民路小学门口', at: ['430407', 26.9064, 112.6101], req: 0 },
];

const PROBLEM_UNITS = ['430406', '430407', '430405', '430408', '430421', 'ZH03', 'ZH05', 'ZH15', 'ZH18', 'SF10', 'ZF04', '430422', '430481', 'SF09', 'ZF03', 'YQ02'];

type ProblemShape = 'closed2021' | 'closedAfterReturn2021' | 'submitted' | 'green' | 'yellow' | 'returned' | 'red' | 'redSilent' | 'fresh';
const PROBLEM_SHAPES: { kind: ProblemShape; count: number }[] = [
  { kind: 'closed2021', count: 6 },
  { kind: 'closedAfterReturn2021', count: 2 },
  { kind: 'submitted', count: 2 },
  { kind: 'green', count: 4 },
  { kind: 'yellow', count: 3 },
  { kind: 'returned', count: 2 },
  { kind: 'red', count: 2 },
  { kind: 'redSilent', count: 2 },
  { kind: 'fresh', count: 2 },
];

function problemDates(kind: ProblemShape, i: number, today: string): [string, string] {
  switch (kind) {
    case 'closed2021':
    case 'closedAfterReturn2021': {
      const start = shiftDate('2021-04-10', i * 21);
      return [start, shiftDate(start, 30 + (i % 3) * 15)];
    }
    case 'submitted':
      return [shiftDate(today, -30), shiftDate(today, 15)];
    case 'green':
      return [shiftDate(today, -10 - i), shiftDate(today, 50)];
    case 'yellow':
      return [shiftDate(today, -40), shiftDate(today, 20 + i)];
    case 'returned':
      return [shiftDate(today, -35), shiftDate(today, 25)];
    case 'red':
      return [shiftDate(today, -70), shiftDate(today, -5 - i * 6)];
    case 'redSilent':
      return [shiftDate(today, -80), shiftDate(today, -15 - i * 10)];
    case 'fresh':
      return [today, shiftDate(today, 30)];
  }
}

const later = (a: string, b: string) => (a > b ? a : b);

function problemSteps(kind: ProblemShape, n: number, start: string, deadline: string, today: string): PlannedProblemStep[] {
  const all = (from: string): PlannedProblemStep[] => Array.from({ length: n }, (_, r) => ({ kind: 'report' as const, requirement: r, on: shiftDate(from, r * 3) }));
  switch (kind) {
    case 'closed2021':
      return [...all(shiftDate(start, 5)), { kind: 'submit', on: shiftDate(deadline, -6) }, { kind: 'close', on: shiftDate(deadline, -3), note: '整改到位，同意销号（演示）' }];
    case 'closedAfterReturn2021':
      return [
        ...all(shiftDate(start, 5)),
        { kind: 'submit', on: shiftDate(deadline, -8) },
        { kind: 'return', on: shiftDate(deadline, -6), requirement: 0, note: '现场复查仍有问题，请继续整改（演示）' },
        { kind: 'report', requirement: 0, on: shiftDate(deadline, -2) },
        { kind: 'submit', on: shiftDate(deadline, -1) },
        { kind: 'close', on: shiftDate(deadline, 4), note: '复查整改到位，同意销号（演示）' },
      ];
    case 'submitted':
      return [...all(shiftDate(today, -20)), { kind: 'submit', on: shiftDate(today, -2) }];
    case 'green':
      return [{ kind: 'report', requirement: 0, on: shiftDate(today, -2) }, ...(n > 2 ? [{ kind: 'report' as const, requirement: 1, on: shiftDate(today, -1) }] : [])];
    case 'yellow':
      return [];
    case 'returned':
      return [...all(shiftDate(today, -25)), { kind: 'submit', on: shiftDate(today, -8) }, { kind: 'return', on: shiftDate(today, -6), requirement: n - 1, note: '佐证照片不能反映整改效果，请补充（演示）' }];
    case 'red':
      return [{ kind: 'report', requirement: 0, on: later(shiftDate(deadline, -20), shiftDate(start, 3)) }, { kind: 'report', requirement: 1, on: shiftDate(today, -1) }];
    case 'redSilent':
      // Something was done early on, nothing since the deadline passed: the red light raises an alert.
      return [{ kind: 'report', requirement: 0, on: later(shiftDate(deadline, -30), shiftDate(start, 3)) }];
    case 'fresh':
      return [{ kind: 'report', requirement: 0, on: today }];
  }
}

const INSPECTIONS: PlannedInspection[] = [
  { inspectedOn: '2021-05-18', place: '中心城区（演示）', latitude: 26.8877, longitude: 112.6147, inspector: '市督查室第一暗访组（演示）', notes: '城区环境卫生和窗口服务暗访。（演示）' },
  { inspectedOn: '', place: '中心城区及衡阳县（演示）', latitude: 26.8941, longitude: 112.613, inspector: '市督查室第二暗访组（演示）', notes: '河道排污与工地扬尘暗访。（演示）' },
  { inspectedOn: '', place: '中心城区（演示）', latitude: 26.8932, longitude: 112.6123, inspector: '市督查室第三暗访组（演示）', notes: '背街小巷与公共设施暗访。（演示）' },
];

/**
 * The demo as data, for `today` (China date): pure, so a test can check what the lights will be.
 * Tasks in 2021 are closed out; the open ones sit around today in every light.
 */
export function supervisionDemoPlan(today: string): SupervisionPlan {
  const rng = rngFor(SEED, 'supervision');
  const pick = <T>(xs: readonly T[]) => rng.pick(xs);
  const planned: PlannedTask[] = [];
  let n = 0;
  for (const shape of SHAPES) {
    for (let i = 0; i < shape.count; i++, n++) {
      const topic = TOPICS[n % TOPICS.length]!;
      const lead = UNITS[(n * 7) % UNITS.length]!;
      const co = UNITS[(n * 7 + 3) % UNITS.length]!;
      const [startDate, deadline] = taskDates(shape.kind, i, today);
      const year = startDate.slice(0, 4);
      planned.push({
        title: `${topic.title}${n >= TOPICS.length ? `（第${Math.floor(n / TOPICS.length) + 1}批）` : ''}（演示）`,
        description: topic.description,
        source: topic.source,
        originRef: topic.ref?.replace('2021', year),
        leadUnit: lead,
        coUnits: n % 3 === 0 ? [] : [co],
        leader: LEADERS[n % LEADERS.length]!,
        startDate,
        deadline,
        steps: taskSteps(shape.kind, startDate, deadline, today, pick),
      });
    }
  }

  const inspections = INSPECTIONS.map((x, i) => ({ ...x, inspectedOn: x.inspectedOn || shiftDate(today, i === 1 ? -40 : -10) }));
  const problems: PlannedProblem[] = [];
  let m = 0;
  for (const shape of PROBLEM_SHAPES) {
    for (let i = 0; i < shape.count; i++, m++) {
      const base = PROBLEMS[m % PROBLEMS.length]!;
      const requirements = REQUIREMENTS[base.req]!;
      let [startDate, deadline] = problemDates(shape.kind, i, today);
      // Inspection problems come from the inspections' findings: the 2021 one, the one 40 days ago, or the one 10 days ago.
      let inspection: number | undefined;
      if (base.source === 'inspection') {
        inspection = startDate < '2022-01-01' ? 0 : startDate >= shiftDate(today, -15) ? 2 : 1;
        startDate = inspections[inspection]!.inspectedOn;
        if (deadline < startDate) deadline = shiftDate(startDate, 30);
      }
      problems.push({
        title: `${base.title}（演示）`,
        description: `${base.title}，责任单位须按清单逐项整改，并上传整改佐证。（演示）`,
        source: base.source,
        auditRef: base.auditRef,
        inspection,
        place: base.place,
        unit: base.at?.[0] ?? PROBLEM_UNITS[m % PROBLEM_UNITS.length]!,
        ...(base.at ? { latitude: base.at[1], longitude: base.at[2] } : {}),
        leader: `${['王', '李', '赵', '孙', '钱'][m % 5]}${['副局长', '副区长', '副县长', '主任'][m % 4]}（演示）`,
        startDate,
        deadline,
        requirements,
        steps: problemSteps(shape.kind, requirements.length, startDate, deadline, today),
      });
    }
  }
  return { tasks: planned, problems, inspections };
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  unit_id: number | null;
}

const principalOf = (u: UserRow): Principal => ({ via: 'session', userId: u.id, username: u.username, displayName: u.display_name, role: u.role, unitId: u.unit_id });
const auditOf = (u: UserRow): AuditContext => ({ actorId: u.id, actorName: u.username, requestId: 'seed-demo' });

/** A tiny PDF standing in for a scanned rectification report. */
const evidencePdf = (title: string) => Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'utf8');

/** A step's time: 10:00 China time on its day, one minute apart within the day so the order holds. */
const stepTime = (date: string, k: number) => new Date(HENGYANG.zone.at(date, 10).getTime() + k * 60_000);

/** The demo is Hengyang's: its days are China's and its texts Chinese, whatever the installation's zone. */
const HENGYANG: Locale = { lang: 'zh', zone: new TimeZone('Asia/Shanghai') };

/** Loads the supervision demo for today (China time); returns what it made. */
export async function seedSupervisionDemo(db: Database, now = new Date()): Promise<{ tasks: number; problems: number; inspections: number }> {
  const today = HENGYANG.zone.date(now);
  const plan = supervisionDemoPlan(today);
  const unitIds = new Map((await db.query<{ id: number; code: string }>('select id, code from units')).map((r) => [r.code, r.id]));
  const users = new Map((await db.query<UserRow>('select id, username, display_name, role, unit_id from users')).map((u) => [u.username, u]));
  const user = (name: string) => {
    const u = users.get(name);
    if (!u) throw new Error(`demo user ${name} is missing`);
    return u;
  };
  const supervisor = user('supervisor');
  const actorFor = (by: Actor, unitCode: string) => (by === 'supervisor' ? supervisor : by === 'leader' ? user('leader') : user(`${unitCode}-${by}`));

  // Citizens' suggestions of the public-evaluation demo, when it is loaded, become tasks of their units.
  const suggestions = await db.query<{ id: number; unit_code: string; body: string }>(
    `select s.id, u.code as unit_code, s.body from suggestions s join units u on u.id = s.unit_id where s.category = 'clear' order by s.id limit 10`,
  );

  for (const t of plan.tasks) {
    let { source, leadUnit, description, title } = t;
    let originSuggestionId: number | undefined;
    let coUnits = t.coUnits;
    if (source === 'suggestion') {
      const s = suggestions.shift();
      if (s) {
        originSuggestionId = s.id;
        leadUnit = s.unit_code;
        title = `办理群众建议：${s.body.length > 30 ? `${s.body.slice(0, 30)}…` : s.body}（演示）`;
        description = `群众建议：${s.body}（演示）`;
        coUnits = coUnits.filter((c) => c !== leadUnit);
      } else source = 'key_work';
    }
    const created = await tasks.createTask(
      db,
      {
        title,
        description,
        source,
        originRef: t.originRef,
        originSuggestionId,
        leadUnitId: unitIds.get(leadUnit)!,
        coUnitIds: coUnits.map((c) => unitIds.get(c)!),
        responsibleLeader: t.leader,
        startDate: t.startDate,
        deadline: t.deadline,
        milestones: [],
      },
      principalOf(supervisor),
      auditOf(supervisor),
      HENGYANG,
    );
    for (const s of t.steps) {
      const u = actorFor(s.by, leadUnit);
      await tasks.act(db, principalOf(u), created.id, { action: s.action, note: s.note, progress: s.progress }, auditOf(u), HENGYANG);
    }
    await retimeTask(db, created.id, t);
  }

  const inspectionIds: number[] = [];
  for (const i of plan.inspections) {
    inspectionIds.push((await createInspection(db, i, principalOf(supervisor), auditOf(supervisor))).id);
  }

  for (const [k, p] of plan.problems.entries()) {
    const unitId = unitIds.get(p.unit)!;
    let problemId: number;
    if (p.inspection !== undefined) {
      const where = plan.inspections[p.inspection]!;
      const finding = await addFinding(
        db,
        inspectionIds[p.inspection]!,
        { title: p.title, description: p.description, unitId, place: p.place, latitude: (p.latitude ?? where.latitude) + (k % 7) * 0.001, longitude: (p.longitude ?? where.longitude) + (k % 5) * 0.001, observedAt: stepTime(where.inspectedOn, k).toISOString() },
        principalOf(supervisor),
        auditOf(supervisor),
      );
      // The office puts a finding on the ledger the day it is made; an earlier inspection's is dated back below.
      const deadline = p.deadline < today ? today : p.deadline;
      problemId = (await findingToProblem(db, finding.id, { responsibleLeader: p.leader, deadline, requirements: p.requirements }, principalOf(supervisor), auditOf(supervisor), HENGYANG)).id;
    } else {
      problemId = (
        await ledger.createProblem(
          db,
          { title: p.title, description: p.description, source: p.source, auditRef: p.auditRef, place: p.place, unitId, responsibleLeader: p.leader, startDate: p.startDate, deadline: p.deadline, requirements: p.requirements },
          principalOf(supervisor),
          auditOf(supervisor),
          HENGYANG,
        )
      ).id;
    }
    const checklist = (await db.query<{ id: number }>('select id from problem_requirements where problem_id = $1 order by position', [problemId])).map((r) => r.id);
    const reporter = user(`${p.unit}-reporter`);
    const head = user(`${p.unit}-head`);
    for (const s of p.steps) {
      if (s.kind === 'report') {
        const requirementId = checklist[s.requirement!]!;
        await ledger.addEvidence(db, principalOf(reporter), problemId, requirementId, { filename: `整改佐证-${s.requirement! + 1}.pdf`, mime: 'application/pdf', bytes: evidencePdf(`${p.title} ${s.requirement! + 1}`) }, auditOf(reporter));
        await ledger.reportRequirement(db, principalOf(reporter), problemId, requirementId, { done: true, report: `已按要求完成整改，附整改前后对比照片。（演示）` }, auditOf(reporter), HENGYANG);
      } else if (s.kind === 'submit') {
        await ledger.act(db, principalOf(head), problemId, { action: 'submit', note: '已全部整改到位，申请销号（演示）' }, auditOf(head), HENGYANG);
      } else {
        const requirementIds = s.kind === 'return' && s.requirement !== undefined ? [checklist[s.requirement]!] : undefined;
        await ledger.act(db, principalOf(supervisor), problemId, { action: s.kind, note: s.note, requirementIds }, auditOf(supervisor), HENGYANG);
      }
    }
    await retimeProblem(db, problemId, p);
  }

  await db.transaction((tx) =>
    recordAudit(tx, { actorId: null, actorName: 'system' }, { action: 'seed.demo.supervision', entity: 'system', after: { tasks: plan.tasks.length, problems: plan.problems.length, inspections: plan.inspections.length } }),
  );
  return { tasks: plan.tasks.length, problems: plan.problems.length, inspections: plan.inspections.length };
}

/** Puts each step of a task on the day the story gives it, and the task's own times with them. */
async function retimeTask(db: Database, taskId: number, t: PlannedTask): Promise<void> {
  const times = t.steps.map((s, k) => stepTime(s.on, k));
  const created = stepTime(shiftDate(t.startDate, -3), 0);
  const lastUnit = t.steps.map((s, k) => (s.action === 'report' || s.action === 'feedback' ? times[k]! : null)).filter((x) => x !== null).at(-1) ?? null;
  const accepted = t.steps.findLastIndex((s) => s.action === 'accept');
  await db.query(
    `update task_events e set created_at = x.at from unnest($2::timestamptz[]) with ordinality as x(at, n)
      where e.id = (select id from task_events where task_id = $1 order by id offset x.n - 1 limit 1)`,
    [taskId, times.map((d) => d.toISOString())],
  );
  await db.query('update tasks set created_at = $2, last_action_at = $3, closed_at = $4, updated_at = coalesce($5, created_at) where id = $1', [
    taskId,
    created.toISOString(),
    lastUnit?.toISOString() ?? null,
    accepted >= 0 ? times[accepted]!.toISOString() : null,
    times.at(-1)?.toISOString() ?? null,
  ]);
}

/** The same for a problem: its events, the checklist's report times, and the problem's own times. */
async function retimeProblem(db: Database, problemId: number, p: PlannedProblem): Promise<void> {
  // Each report step records two events (the evidence, then the report); the creation comes first.
  const times: Date[] = [stepTime(p.startDate, 0)];
  let lastUnit: Date | null = null;
  let closed: Date | null = null;
  p.steps.forEach((s, k) => {
    const at = stepTime(s.on, k + 1);
    if (s.kind === 'report') times.push(at, at);
    else times.push(at);
    if (s.kind === 'report' || s.kind === 'submit') lastUnit = at;
    if (s.kind === 'close') closed = at;
  });
  await db.query(
    `update problem_events e set created_at = x.at from unnest($2::timestamptz[]) with ordinality as x(at, n)
      where e.id = (select id from problem_events where problem_id = $1 order by id offset x.n - 1 limit 1)`,
    [problemId, times.map((d) => d.toISOString())],
  );
  await db.query(
    `update problem_requirements r set reported_at = (select max(e.created_at) from problem_events e where e.problem_id = r.problem_id and e.requirement_id = r.id and e.action = 'report')
      where r.problem_id = $1 and r.reported_at is not null`,
    [problemId],
  );
  await db.query(`update problem_evidence v set uploaded_at = (select min(e.created_at) from problem_events e where e.problem_id = v.problem_id and e.requirement_id = v.requirement_id and e.action = 'evidence') where v.problem_id = $1`, [problemId]);
  await db.query('update problems set start_date = $2, deadline = $6, created_at = $3, last_action_at = $4, closed_at = $5 where id = $1', [
    problemId,
    p.startDate,
    times[0]!.toISOString(),
    (lastUnit as Date | null)?.toISOString() ?? null,
    (closed as Date | null)?.toISOString() ?? null,
    p.deadline,
  ]);
}
