import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, unitId, type Client, type TestApp } from './helpers.js';

let t: TestApp;
let supervisor: Client;
let leader: Client;
let head: Client;
let reporter: Client;
let lead: number;
let co: number;

const json = <T>(res: LightMyRequestResponse): T => res.json() as T;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

interface Task {
  id: number;
  status: string;
  light: { light: string | null; reason: string; alert: boolean };
  actions: string[];
  events: { action: string; note: string | null; actor: string }[];
  returned: boolean;
}

beforeAll(async () => {
  t = await buildTestApp();
  supervisor = await login(t.app, 'supervisor');
  leader = await login(t.app, 'leader');
  head = await login(t.app, '430421-head');
  reporter = await login(t.app, '430421-reporter');
  lead = await unitId(t.db, '430421');
  co = await unitId(t.db, 'ZH01');
});
afterAll(async () => t.close());

const newTask = (over: object = {}) =>
  supervisor.post('/api/tasks', {
    title: '推进城区内涝点整治',
    description: '市领导批示：汛期前完成 12 处内涝点整治。',
    source: 'instruction',
    originRef: '衡领批〔2021〕12号',
    leadUnitId: lead,
    coUnitIds: [co],
    responsibleLeader: '李副县长',
    startDate: day(-10),
    deadline: day(20),
    milestones: [{ title: '完成排查', dueDate: day(0) }],
    ...over,
  });

const step = (c: Client, id: number, body: object) => c.post(`/api/tasks/${id}/actions`, body);

describe('supervised tasks', () => {
  it('are registered with a named responsible leader; a deadline before the start is refused, naming the field', async () => {
    const bad = await newTask({ deadline: day(-20) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('deadline');
    expect((await newTask({ leadUnitId: co, coUnitIds: [co] })).statusCode).toBe(400);
    const res = await newTask();
    const office = await login(t.app, 'office');
    expect((await office.post('/api/tasks', { title: '会议决定事项', source: 'meeting', leadUnitId: lead, responsibleLeader: '王主任', startDate: day(0), deadline: day(1) })).statusCode).toBe(403);
    expect(res.statusCode, res.body).toBe(201);
    expect(json<Task>(res)).toMatchObject({ status: 'draft', light: { light: null } });
  });

  it('go through 立项 → 审核 → 下发 → 签收 → 办理 → 反馈 → 复核 (returned with a reason) → 办结销号, each step by its role', async () => {
    const { id } = json<Task>(await newTask());
    expect((await step(head, id, { action: 'submit' })).statusCode).toBe(403);
    expect(json<Task>(await step(supervisor, id, { action: 'submit' })).status).toBe('review');
    expect((await step(supervisor, id, { action: 'approve' })).statusCode).toBe(403);
    expect(json<Task>(await step(leader, id, { action: 'approve', note: '同意' })).status).toBe('issued');
    expect((await step(await login(t.app, 'ZH01-head'), id, { action: 'sign' })).statusCode).toBe(403); // a co-unit does not sign for the lead
    const signed = json<Task>(await step(reporter, id, { action: 'sign' }));
    expect(signed.status).toBe('in_progress');
    const noProgress = await step(reporter, id, { action: 'report', note: '已完成排查' });
    expect(noProgress.statusCode).toBe(400);
    expect(json<Task>(await step(reporter, id, { action: 'report', note: '12 处已完成 5 处', progress: 42 })).status).toBe('in_progress');
    expect((await step(reporter, id, { action: 'feedback' })).statusCode).toBe(403); // only the head reports completion
    expect(json<Task>(await step(head, id, { action: 'feedback', note: '全部完成，附验收照片' })).status).toBe('feedback');
    const noReason = await step(supervisor, id, { action: 'return' });
    expect(noReason.statusCode).toBe(400);
    const returned = json<Task>(await step(supervisor, id, { action: 'return', note: '缺少第三方验收意见' }));
    expect(returned).toMatchObject({ status: 'in_progress', returned: true, light: { light: 'yellow', reason: '因质量问题被退回，尚未整改' } });
    expect(json<Task>(await step(head, id, { action: 'feedback', note: '补充第三方验收意见' })).status).toBe('feedback');
    const closed = json<Task>(await step(supervisor, id, { action: 'accept', note: '销号' }));
    expect(closed).toMatchObject({ status: 'closed', light: { light: null } });
    expect((await step(supervisor, id, { action: 'accept' })).statusCode).toBe(409);
    expect(json<Task>(await step(supervisor, id, { action: 'reopen', note: '群众反映仍有积水' })).status).toBe('in_progress');
    const detail = json<Task>(await supervisor.get(`/api/tasks/${id}`));
    expect(detail.events.map((e) => e.action)).toEqual(['submit', 'approve', 'sign', 'report', 'feedback', 'return', 'feedback', 'accept', 'reopen']);
    expect(detail.events.find((e) => e.action === 'return')!.note).toBe('缺少第三方验收意见');
    const audit = await t.db.query<{ action: string }>(`select action from audit_log where entity = 'task' and entity_id = $1 order by id`, [String(id)]);
    expect(audit.map((a) => a.action)).toEqual(['task.create', ...detail.events.map((e) => `task.${e.action}`)]);
  });

  it('skip the leader review and signing when the office switches them off', async () => {
    expect((await (await login(t.app, 'office')).request('PUT', '/api/supervision/settings', { leaderReview: false, signFor: false, blueDays: 3, lagTolerance: 0 })).statusCode).toBe(403);
    expect((await supervisor.request('PUT', '/api/supervision/settings', { leaderReview: false, signFor: false, blueDays: 3, lagTolerance: 0 })).statusCode).toBe(200);
    const { id } = json<Task>(await newTask());
    expect(json<Task>(await step(supervisor, id, { action: 'submit' })).status).toBe('in_progress');
    await supervisor.request('PUT', '/api/supervision/settings', { leaderReview: true, signFor: true, blueDays: 3, lagTolerance: 0 });
  });

  it('show lights on the list, with counts; a red item without corrective action raises an alert', async () => {
    const make = async (over: object, progress?: number) => {
      const { id } = json<Task>(await newTask(over));
      await step(supervisor, id, { action: 'submit' });
      await step(leader, id, { action: 'approve' });
      await step(reporter, id, { action: 'sign' });
      if (progress !== undefined) await step(reporter, id, { action: 'report', progress, note: '进展' });
      return id;
    };
    const green = await make({ title: '绿灯事项' }, 60);
    const yellow = await make({ title: '黄灯事项' }, 5);
    const blue = await make({ title: '蓝灯事项', startDate: day(-30), deadline: day(2) }, 99);
    const red = await make({ title: '红灯事项', startDate: day(-30), deadline: day(-2), milestones: [] });
    const list = json<{ items: { id: number; light: { light: string; alert: boolean } }[]; counts: Record<string, number> }>(await supervisor.get('/api/tasks'));
    const light = (id: number) => list.items.find((i) => i.id === id)!.light;
    expect(light(green).light).toBe('green');
    expect(light(yellow).light).toBe('yellow');
    expect(light(blue).light).toBe('blue');
    expect(light(red)).toEqual(expect.objectContaining({ light: 'red', alert: true }));
    expect(list.counts.red).toBeGreaterThanOrEqual(1);
    await step(reporter, red, { action: 'report', progress: 70, note: '已加派人手，整改中' });
    expect(json<{ light: { alert: boolean } }>(await supervisor.get(`/api/tasks/${red}`)).light.alert).toBe(false);
    const reds = json<{ items: { id: number }[] }>(await supervisor.get('/api/tasks?light=red'));
    expect(reds.items.map((i) => i.id)).toContain(red);
  });

  it('are seen by a unit only when it leads or helps', async () => {
    const mine = json<{ items: { leadUnit: { id: number } }[] }>(await head.get('/api/tasks'));
    expect(mine.items.length).toBeGreaterThan(0);
    const helper = json<{ items: unknown[] }>(await (await login(t.app, 'ZH01-head')).get('/api/tasks'));
    expect(helper.items.length).toBe(mine.items.length);
    const stranger = await login(t.app, 'SF01-head');
    expect(json<{ items: unknown[] }>(await stranger.get('/api/tasks')).items).toEqual([]);
    const { id } = json<Task>(await newTask());
    expect((await stranger.get(`/api/tasks/${id}`)).statusCode).toBe(403);
  });
});
