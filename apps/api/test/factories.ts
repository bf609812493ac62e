import type { CampaignCreate, ProjectCreate, Role, SchemeDocument, TaskStatus, UserCreate } from '@kaoping/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../src/seed/seed-demo.js';
import { smallScheme } from './fixtures/small-scheme.js';
import { login, publishWithOpenPeriods, unitId, withServed, type Client, type TestApp } from './helpers.js';

/**
 * Test factories: each makes one record through the public API, as the person whose job it is
 * (so it passes the same rules and lands in the audit log), with valid defaults that any field can
 * override, and returns the record as the API answers it. A test makes what it needs with them
 * instead of reading rows an earlier test left behind.
 *
 * Dates of records the clock judges (deadlines, start dates) default to days around the app's own
 * clock (`app.ctx.clock`), so a test on a fixed clock gets records that make sense on its day.
 */

let seq = 0;
/** A number no other record of this test process has: for codes, names and titles that must be unique. */
export const unique = (): number => ++seq;

const signedIn = new WeakMap<FastifyInstance, Map<string, Promise<Client>>>();

/** A signed-in client of a demo (or made) account, signed in once per app and reused. */
export function signIn(t: TestApp, username: string, password = DEMO_PASSWORD): Promise<Client> {
  let clients = signedIn.get(t.app);
  if (!clients) signedIn.set(t.app, (clients = new Map()));
  let client = clients.get(username);
  if (!client) {
    client = login(t.app, username, password);
    clients.set(username, client);
    // A failed sign-in is not kept: the next call tries again.
    client.catch(() => clients.delete(username));
  }
  return client;
}

/** The body of a write the factory expected to succeed; its status and body otherwise. */
function created<T>(res: LightMyRequestResponse, what: string, status = 201): T {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** The date `offset` days from the app's clock (UTC calendar day). */
export function dayFrom(t: TestApp, offset: number): string {
  return new Date(t.app.ctx.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- users

export interface MadeUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  password: string;
  /** Signs the new account in. */
  login(): Promise<Client>;
}

/** An account made by the administrator: a reporter of 衡阳县 (430421) unless told otherwise. */
export async function makeUser(t: TestApp, over: Partial<UserCreate> = {}): Promise<MadeUser> {
  const n = unique();
  const role = over.role ?? 'reporter';
  const unitRole = role === 'head' || role === 'reporter' || role === 'datasource';
  const body: UserCreate = {
    username: `user-${n}`,
    displayName: `测试用户${n}`,
    role,
    password: DEMO_PASSWORD,
    ...(unitRole ? { unitId: await unitId(t.db, '430421') } : {}),
    ...over,
  };
  const user = created<Omit<MadeUser, 'password' | 'login'>>(await (await signIn(t, 'admin')).post('/api/users', body), 'makeUser');
  return { ...user, password: body.password, login: () => login(t.app, body.username, body.password) };
}

// ---------------------------------------------------------------- supervised tasks

export interface MadeTask {
  id: number;
  title: string;
  status: TaskStatus;
  leadUnit: { id: number; code: string; name: string };
  light: { light: string | null; reason: string; alert: boolean };
  actions: string[];
  events: { action: string; note: string | null }[];
  [field: string]: unknown;
}

export interface TaskOptions {
  /** Walk the task this far along its flow, each step by the role whose step it is (default: draft). */
  status?: TaskStatus;
  /** Once in progress, the lead unit's reporter reports this much done. */
  progress?: number;
}

const TASK_ORDER: TaskStatus[] = ['draft', 'review', 'issued', 'in_progress', 'feedback', 'closed'];

/**
 * A supervised task registered by the supervision office: led by 衡阳县, due in 20 days from the
 * app's clock, one milestone. `status` walks it through 审核, 下发, 签收, 反馈 and 销号 as the
 * leader, the lead unit's reporter and head and the office would (steps the office switched off
 * are skipped by the flow itself).
 */
export async function makeTask(t: TestApp, over: Record<string, unknown> = {}, opts: TaskOptions = {}): Promise<MadeTask> {
  const supervisor = await signIn(t, 'supervisor');
  const n = unique();
  const body = {
    title: `推进城区内涝点整治（${n}）`,
    description: '市领导批示：汛期前完成 12 处内涝点整治。',
    source: 'instruction',
    leadUnitId: await unitId(t.db, '430421'),
    responsibleLeader: '李副县长',
    startDate: dayFrom(t, -10),
    deadline: dayFrom(t, 20),
    milestones: [{ title: '完成排查', dueDate: dayFrom(t, 0) }],
    ...over,
  };
  let task = created<MadeTask>(await supervisor.post('/api/tasks', body), 'makeTask');
  if (opts.status) task = await advanceTask(t, task, opts.status);
  if (opts.progress !== undefined) {
    if (task.status !== 'in_progress') throw new Error('makeTask: progress is reported on a task in progress');
    const reporter = await signIn(t, `${task.leadUnit.code}-reporter`);
    task = created<MadeTask>(await reporter.post(`/api/tasks/${task.id}/actions`, { action: 'report', progress: opts.progress, note: '进展' }), 'makeTask: report', 200);
  }
  return task;
}

/**
 * Walks a task along its flow up to `status`, each step by the role whose step it is: 提交 and 销号 by
 * the supervision office, 审核 by a leader, 签收 by the lead unit's reporter, 反馈 by its head. Steps the
 * office switched off are skipped by the flow itself. A task already at or past `status` is left as it is.
 */
export async function advanceTask(t: TestApp, task: Pick<MadeTask, 'id'>, status: TaskStatus): Promise<MadeTask> {
  const supervisor = await signIn(t, 'supervisor');
  // Where the task is now, whatever the caller last saw of it.
  let current = created<MadeTask>(await supervisor.get(`/api/tasks/${task.id}`), 'advanceTask: read', 200);
  const code = current.leadUnit.code;
  const step = async (who: Client, action: string, note?: string) => {
    current = created<MadeTask>(await who.post(`/api/tasks/${current.id}/actions`, { action, ...(note ? { note } : {}) }), `advanceTask: ${action}`, 200);
  };
  while (TASK_ORDER.indexOf(current.status) < TASK_ORDER.indexOf(status)) {
    switch (current.status) {
      case 'draft':
        await step(supervisor, 'submit');
        break;
      case 'review':
        await step(await signIn(t, 'leader'), 'approve');
        break;
      case 'issued':
        await step(await signIn(t, `${code}-reporter`), 'sign');
        break;
      case 'in_progress':
        await step(await signIn(t, `${code}-head`), 'feedback', '已全部完成');
        break;
      case 'feedback':
        await step(supervisor, 'accept', '销号');
        break;
      case 'closed':
        return current;
    }
  }
  return current;
}

// ---------------------------------------------------------------- the problem ledger and inspections

export interface MadeProblem {
  id: number;
  title: string;
  status: string;
  source: string;
  unit: { id: number };
  checklist: { id: number; text: string; done: boolean }[];
  [field: string]: unknown;
}

/** A problem put on the ledger by the supervision office: 衡阳县's, from an audit, two requirements, due in 30 days. */
export async function makeProblem(t: TestApp, over: Record<string, unknown> = {}): Promise<MadeProblem> {
  return created<MadeProblem>(await (await signIn(t, 'supervisor')).post('/api/problems', await problemBody(t, over)), 'makeProblem');
}

/** What makeProblem sends, for tests that post it themselves (as another role, or to see it refused). */
export async function problemBody(t: TestApp, over: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return {
    title: `县城区主干道占道经营屡禁不止（${unique()}）`,
    description: '审计发现：城管执法巡查记录与实际不符。',
    source: 'audit',
    auditRef: '衡审报〔2021〕8号',
    place: '衡阳县西渡镇蒸阳大道',
    latitude: 26.97,
    longitude: 112.37,
    unitId: await unitId(t.db, '430421'),
    responsibleLeader: '李副县长',
    deadline: dayFrom(t, 30),
    requirements: ['清理占道摊点并建立长效巡查机制', '公开巡查记录并每周报送'],
    ...over,
  };
}

export interface MadeInspection {
  id: number;
  place: string;
  [field: string]: unknown;
}

/** An undercover inspection recorded by the supervision office, yesterday by the app's clock. */
export async function makeInspection(t: TestApp, over: Record<string, unknown> = {}): Promise<MadeInspection> {
  const body = { inspectedOn: dayFrom(t, -1), place: `珠晖区东风路农贸市场（${unique()}）`, inspector: '市委督查室 张三', ...over };
  return created<MadeInspection>(await (await signIn(t, 'supervisor')).post('/api/inspections', body), 'makeInspection');
}

export interface MadeFinding {
  id: number;
  inspectionId: number;
  title: string;
  [field: string]: unknown;
}

/** A finding of an inspection (a new one unless `inspectionId` is given), about 珠晖区's ZH01 unit unless told otherwise. */
export async function makeFinding(t: TestApp, over: Record<string, unknown> = {}): Promise<MadeFinding> {
  const { inspectionId: given, ...rest } = over;
  const inspectionId = (given as number | undefined) ?? (await makeInspection(t)).id;
  const body = { title: `农贸市场污水外溢（${unique()}）`, description: '排水沟堵塞，污水漫至人行道', unitId: await unitId(t.db, 'ZH01'), place: '东风路农贸市场北门', ...rest };
  const finding = created<{ id: number } & Record<string, unknown>>(await (await signIn(t, 'supervisor')).post(`/api/inspections/${inspectionId}/findings`, body), 'makeFinding');
  return { ...finding, inspectionId, title: body.title };
}

// ---------------------------------------------------------------- public evaluation

export interface MadeCampaign {
  id: number;
  slug: string;
  status: string;
  [field: string]: unknown;
}

const DAY = 86_400_000;

/**
 * A public-evaluation campaign set up by the office and opened: open (anonymous) answers about 衡阳县,
 * running from yesterday to tomorrow. The citizens' page counts its window from the system's clock.
 */
export async function makeCampaign(t: TestApp, over: Partial<CampaignCreate> = {}, opts: { open?: boolean } = {}): Promise<MadeCampaign> {
  const office = await signIn(t, 'office');
  const n = unique();
  const body = {
    slug: `campaign-${n}`,
    name: `2021年度公众评估（${n}）`,
    year: 2021,
    startsAt: new Date(Date.now() - DAY).toISOString(),
    endsAt: new Date(Date.now() + DAY).toISOString(),
    modes: ['open'],
    unitIds: [await unitId(t.db, '430421')],
    ...over,
  };
  let campaign = created<MadeCampaign>(await office.post('/api/campaigns', body), 'makeCampaign');
  if (opts.open !== false) campaign = created<MadeCampaign>(await office.post(`/api/campaigns/${campaign.id}/open`), 'makeCampaign: open', 200);
  return campaign;
}

export interface Answer {
  unitId: number;
  answer: string;
  reason?: string;
  suggestion?: string;
}

/** A citizen's open (anonymous) answer to a campaign, as the citizens' page sends it; returns the receipt. */
export async function makeResponse(t: TestApp, slug: string, answers: Answer[], device = `device-${String(unique()).padStart(16, '0')}`): Promise<string> {
  const payload = await withServed(t.app, slug, { verification: { mode: 'open', deviceId: device }, submissionKey: `${device}-submission`, answers });
  return created<{ receipt: string }>(await t.app.inject({ method: 'POST', url: `/api/p/${slug}/responses`, payload }), 'makeResponse').receipt;
}

export interface MadeSuggestion {
  id: number;
  body: string;
  status: string;
  category: string | null;
  noticeNo: string | null;
  unit: unknown;
  /** The citizen's receipt of the answer the suggestion came with. */
  receipt: string;
  [field: string]: unknown;
}

export interface SuggestionOptions {
  /** The office sorts it (a duplicate needs `duplicateOf`). */
  category?: 'clear' | 'praise' | 'abusive' | 'duplicate' | 'other';
  duplicateOf?: number;
  /** The office forwards it (it must be sorted as clear) with this deadline. */
  forward?: { deadline: string };
}

/**
 * A suggestion written by a citizen with an answer to a campaign (a new open campaign unless
 * `campaign` is given), about 衡阳县 unless told otherwise; sorted and forwarded by the office when asked.
 */
export async function makeSuggestion(
  t: TestApp,
  over: { campaign?: MadeCampaign; unitId?: number; answer?: string; reason?: string; suggestion?: string } = {},
  opts: SuggestionOptions = {},
): Promise<MadeSuggestion> {
  const office = await signIn(t, 'office');
  const unit = over.unitId ?? (await unitId(t.db, '430421'));
  const campaign = over.campaign ?? (await makeCampaign(t, { unitIds: [unit] }));
  const text = over.suggestion ?? `建议修复城东路段路灯（${unique()}）`;
  const answer = over.answer ?? 'dissatisfied';
  const receipt = await makeResponse(t, campaign.slug, [{ unitId: unit, answer, ...(answer === 'dissatisfied' ? { reason: over.reason ?? '路灯坏了' } : {}), suggestion: text }]);
  const list = created<{ items: { id: number; body: string }[] }>(await office.get(`/api/suggestions?campaignId=${campaign.id}&category=unsorted&limit=500`), 'makeSuggestion: list', 200);
  const found = list.items.find((s) => s.body === text);
  if (!found) throw new Error(`makeSuggestion: "${text}" is not among the unsorted suggestions`);
  if (opts.category) {
    created(await office.post('/api/suggestions/sort', { ids: [found.id], category: opts.category, ...(opts.duplicateOf ? { duplicateOf: opts.duplicateOf } : {}) }), 'makeSuggestion: sort', 200);
  }
  if (opts.forward) created(await office.post('/api/suggestions/forward', { ids: [found.id], deadline: opts.forward.deadline }), 'makeSuggestion: forward', 200);
  const s = created<MadeSuggestion>(await office.get(`/api/suggestions/${found.id}`), 'makeSuggestion: read', 200);
  return { ...s, receipt };
}

// ---------------------------------------------------------------- assessment schemes and data

export interface MadeScheme {
  id: number;
  code: string;
  /** Period ids by key ('2021-Q4', '2021-12', '2021' …). */
  period: Record<string, number>;
  /** Indicator ids by code. */
  indicator: Record<string, number>;
}

/**
 * An assessment scheme imported and published by the office (the small test scheme of 2021 with a
 * code of its own unless told otherwise), with the periods named in `open` opened for data.
 */
export async function makeScheme(t: TestApp, over: Partial<SchemeDocument> = {}, opts: { open?: string[] } = {}): Promise<MadeScheme> {
  const doc = smallScheme({ code: `TEST-${unique()}`, ...over });
  const made = await publishWithOpenPeriods(await signIn(t, 'office'), t.db, doc, opts.open ?? []);
  return { id: made.schemeId, code: doc.code, period: made.period, indicator: made.indicator };
}

/** Opens one more period of a scheme for data, as the office; returns its id. */
export async function makePeriodOpen(t: TestApp, scheme: MadeScheme, key: string): Promise<number> {
  const id = scheme.period[key];
  if (id === undefined) throw new Error(`makePeriodOpen: the scheme has no period ${key}`);
  created(await (await signIn(t, 'office')).patch(`/api/periods/${id}`, { status: 'open' }), 'makePeriodOpen', 200);
  return id;
}

/**
 * One value of a unit for an indicator and period, entered as the unit's reporter would (or the
 * data source, for an indicator with one), submitted by its head and approved by the office.
 */
export async function makeValue(
  t: TestApp,
  scheme: MadeScheme,
  v: { unitCode: string; period: string; indicator: string; value?: number; grade?: string; events?: unknown[]; dataSource?: string; approve?: boolean },
): Promise<void> {
  const uid = await unitId(t.db, v.unitCode);
  const periodId = scheme.period[v.period];
  const indicatorId = scheme.indicator[v.indicator];
  if (periodId === undefined || indicatorId === undefined) throw new Error(`makeValue: no period ${v.period} or indicator ${v.indicator}`);
  const entry = { indicatorId, ...(v.value !== undefined ? { value: v.value } : {}), ...(v.grade ? { grade: v.grade } : {}), ...(v.events ? { events: v.events } : {}) };
  const enterer = await signIn(t, v.dataSource ?? `${v.unitCode}-reporter`);
  created(await enterer.request('PUT', '/api/data', { unitId: uid, periodId, values: [entry] }), 'makeValue: enter', 200);
  if (!v.dataSource) created(await (await signIn(t, `${v.unitCode}-head`)).post('/api/data/submit', { unitId: uid, periodId }), 'makeValue: submit', 200);
  if (v.approve !== false) created(await (await signIn(t, 'office')).post('/api/data/review', { unitId: uid, periodId, decision: 'approve' }), 'makeValue: approve', 200);
}

// ---------------------------------------------------------------- key projects

export interface MadeProject {
  id: number;
  code: string;
  name: string;
  year: number;
  unit: { id: number; code: string; name: string };
  responsibleLeader: string;
  streamUrl: string | null;
  [field: string]: unknown;
}

/** A key project registered by the supervision office: 衡阳县's, of 2021, planned to start in March. */
export async function makeProject(t: TestApp, over: Partial<ProjectCreate> = {}): Promise<MadeProject> {
  const n = unique();
  const body: ProjectCreate = {
    code: `TEST-${n}`,
    name: `测试项目${n}（虚构）`,
    category: 'key',
    year: 2021,
    unitId: await unitId(t.db, '430421'),
    responsibleLeader: '张副县长',
    plannedStart: '2021-03-01',
    annualPlan: 1000,
    totalInvestment: 5000,
    fundsAllocated: 800,
    ...over,
  };
  return created<MadeProject>(await (await signIn(t, 'supervisor')).post('/api/projects', body), 'makeProject');
}
