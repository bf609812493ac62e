import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, unitId, type Client, type TestApp } from './helpers.js';

type Light = { light: string | null; reason: string };

/**
 * The app counts days from the clock of its context: a test sets it to a day of the demo year and
 * reads what the supervision office would see on that day, whatever day the test runs.
 */
describe('the clock the app counts from', () => {
  let t: TestApp;
  let supervisor: Client;
  let now = '2021-09-01T02:00:00Z';
  let taskId: number;

  beforeAll(async () => {
    t = await buildTestApp({ clock: { now: () => new Date(now) }, publicEvaluation: true });
    supervisor = await login(t.app, 'supervisor');
    // Straight to 办理中: no leader review, no signing for.
    expect((await supervisor.request('PUT', '/api/supervision/settings', { leaderReview: false, signFor: false, blueDays: 3, lagTolerance: 0, graceDays: 3 })).statusCode).toBe(200);
    const created = await supervisor.post('/api/tasks', {
      title: '背街小巷改造',
      source: 'instruction',
      leadUnitId: await unitId(t.db, '430421'),
      responsibleLeader: '李副县长',
      startDate: '2021-09-01',
      deadline: '2021-10-20',
    });
    expect(created.statusCode, created.body).toBe(201);
    taskId = (created.json() as { id: number }).id;
    expect((await supervisor.post(`/api/tasks/${taskId}/actions`, { action: 'submit' })).statusCode).toBe(200);
  }, 300_000);
  afterAll(async () => t?.close());

  const lightOn = async (at: string): Promise<Light> => {
    now = at;
    const detail = (await supervisor.get(`/api/tasks/${taskId}`)).json() as { light: Light };
    const listed = ((await supervisor.get('/api/tasks')).json() as { items: { id: number; light: Light }[] }).items.find((i) => i.id === taskId)!;
    expect(listed.light).toEqual(detail.light);
    return detail.light;
  };

  it('lights a task as the day it is set to: on track, near the deadline, overdue', async () => {
    expect((await lightOn('2021-09-02T02:00:00Z')).light).toBe('green');
    // 2021-10-18 is two days before the deadline (blue within 3 days).
    expect((await lightOn('2021-10-18T02:00:00Z')).light).toBe('blue');
    const overdue = await lightOn('2021-10-25T02:00:00Z');
    expect(overdue.light).toBe('red');
    expect(overdue.reason).toBe('已超期 5 天');
  });

  it("opens the citizens' page by the clock: a campaign not yet started takes no answers", async () => {
    // The demo's open campaign runs from yesterday (by the real date) for sixty days.
    now = '2021-09-02T02:00:00Z';
    const before = (await t.app.inject({ method: 'GET', url: '/api/p/hy-2022' })).json() as { accepting: boolean };
    expect(before.accepting).toBe(false);
    const sms = await t.app.inject({ method: 'POST', url: '/api/p/hy-2022/sms-codes', payload: { phone: '13800138000' } });
    expect(sms.statusCode).toBe(409);
    expect(sms.json().error.code).toBe('CAMPAIGN_NOT_STARTED');
    now = new Date(Date.now() + 86_400_000).toISOString();
    expect(((await t.app.inject({ method: 'GET', url: '/api/p/hy-2022' })).json() as { accepting: boolean }).accepting).toBe(true);
    now = new Date(Date.now() + 90 * 86_400_000).toISOString();
    expect(((await t.app.inject({ method: 'GET', url: '/api/p/hy-2022' })).json() as { accepting: boolean }).accepting).toBe(false);
  });

  it("counts a suggestion overdue from the clock's day", async () => {
    const office = await login(t.app, 'office');
    const forwarded = async (at: string) => {
      now = at;
      const list = (await office.get('/api/suggestions?status=forwarded&limit=500')).json() as { items: { deadline: string | null; overdue: boolean }[] };
      expect(list.items.length).toBeGreaterThan(0);
      return list.items;
    };
    // The demo's forwarded suggestions are due on 2022-01-31.
    expect((await forwarded('2022-01-20T02:00:00Z')).every((s) => s.deadline === '2022-01-31' && !s.overdue)).toBe(true);
    expect((await forwarded('2022-02-10T02:00:00Z')).every((s) => s.overdue)).toBe(true);
  });
});
