import type { KioskIssued, ScreenData } from '@kaoping/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { buildTestApp, type Client, dbKind, expectRefused, login, type TestApp, withServed } from './helpers.js';
import { openStream } from './event-stream.js';

/**
 * The leaders' big screen: its data comes from the modules that own it, it opens for the leaders and
 * offices and for a display link that opens nothing else, and its event stream tells every open
 * screen of a change within seconds — on PostgreSQL also a screen served by another instance.
 */

let t: TestApp;
let office: Client;
let leader: Client;

beforeAll(async () => {
  t = await buildTestApp({ assessment: true });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  office = await login(t.app, 'office');
  leader = await login(t.app, 'leader');
}, 180_000);

afterAll(async () => {
  await t?.close();
});

const origin = (app: TestApp['app']) => {
  const addr = app.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
};


/** A citizen's answer to the open demo campaign, as the citizens' page sends it. */
async function submitToOpenCampaign(app: TestApp['app'], n: number) {
  const campaign = (await app.inject({ method: 'GET', url: '/api/p/hy-2022' })).json() as { groups: { units: { id: number }[] }[] };
  const unit = campaign.groups[0]!.units[0]!.id;
  const body = await withServed(app, 'hy-2022', {
    verification: { mode: 'open', deviceId: `screen-test-device-${String(n).padStart(6, '0')}` },
    submissionKey: `screen-test-key-${String(n).padStart(8, '0')}`,
    answers: [{ unitId: unit, answer: 'satisfied' }],
  });
  const res = await app.inject({ method: 'POST', url: '/api/p/hy-2022/responses', payload: body });
  expect(res.statusCode, res.body).toBe(201);
}

describe('the big screen’s data', () => {
  it('shows every county, district and park with its score, rank, red items and lagging projects, and the city’s panels', async () => {
    const res = await leader.get('/api/screen');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as ScreenData;
    const hengyang = s.units.find((u) => u.name === '衡阳县')!;
    expect(hengyang.kind).toBe('county');
    expect(hengyang.total).toBeGreaterThan(0);
    expect(hengyang.rank).toBeGreaterThanOrEqual(1);
    expect(hengyang.rank).toBeLessThanOrEqual(hengyang.groupSize!);
    expect(s.units.filter((u) => u.kind === 'park').map((u) => u.name)).toContain('衡阳松木经济开发区');
    expect(s.units.some((u) => u.kind === 'municipal')).toBe(false);
    // Rankings per group, each ordered by rank, agree with the score run's rankings.
    expect(s.run).not.toBeNull();
    const official = (await leader.get(`/api/runs/${s.run!.id}`)).json() as { groups: { code: string; units: { unitId: number; rank: number }[] }[] };
    expect(s.rankings.map((g) => g.code)).toEqual(official.groups.map((g) => g.code));
    expect(s.rankings[0]!.units.map((u) => u.rank)).toEqual(official.groups[0]!.units.map((u) => u.rank));
    // Lights and the ledger as the supervision overview counts them.
    const overview = (await leader.get('/api/supervision/overview')).json() as { totals: { tasks: { red: number; overdue: number }; problems: { closeRate: number | null } } };
    expect(s.lights.tasks.red).toBe(overview.totals.tasks.red);
    expect(s.lights.tasks.overdue).toBe(overview.totals.tasks.overdue);
    expect(s.ledger.closeRate).toBe(overview.totals.problems.closeRate);
    // Major projects against 时序进度, and the open campaign with its per-hour curve.
    expect(s.projects?.count).toBeGreaterThan(0);
    expect(s.projects?.schedule.value).toBeGreaterThan(0);
    expect(s.campaign?.name).toContain('2022');
    expect(s.campaign?.hourly).toHaveLength(24);
    expect(s.campaign!.hourly.reduce((a, h) => a + h.responses, 0)).toBeLessThanOrEqual(s.campaign!.responses);
  });

  it('opens for leaders and the two offices, not for a unit or anyone unsigned', async () => {
    expect((await office.get('/api/screen')).statusCode).toBe(200);
    expect((await (await login(t.app, 'supervisor')).get('/api/screen')).statusCode).toBe(200);
    expect((await (await login(t.app, '430421-reporter')).get('/api/screen')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/screen' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/screen/events' })).statusCode).toBe(401);
  });
});

describe('a display link (kiosk)', () => {
  let issued: KioskIssued;

  beforeAll(async () => {
    const res = await office.post('/api/screen/kiosks', { name: '主会场大屏' });
    expect(res.statusCode, res.body).toBe(201);
    issued = res.json() as KioskIssued;
  });

  it('shows the screen and its events without signing in', async () => {
    expect(issued.path).toBe(`/screen?kiosk=${issued.token}`);
    const res = await t.app.inject({ method: 'GET', url: `/api/screen?kiosk=${issued.token}` });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ScreenData).units.length).toBeGreaterThan(12);
    const stream = await openStream(`${origin(t.app)}/api/screen/events?kiosk=${issued.token}`);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.res.headers.get('cache-control')).toContain('no-transform');
    await stream.next('ready', 0, 2000);
    stream.close();
  });

  it('is refused everything else, however it is sent', async () => {
    for (const url of ['/api/tasks', '/api/units', '/api/supervision/overview', '/api/screen/kiosks', '/api/auth/me']) {
      const inQuery = await t.app.inject({ method: 'GET', url: `${url}?kiosk=${issued.token}` });
      expect([401, 400], `${url}: ${inQuery.body}`).toContain(inQuery.statusCode);
      const asBearer = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${issued.token}` } });
      expect(asBearer.statusCode, url).toBe(401);
    }
    const write = await t.app.inject({ method: 'POST', url: `/api/screen/kiosks?kiosk=${issued.token}`, payload: { name: 'x' } });
    expect(write.statusCode).toBe(401);
  });

  it('stops when revoked: the open stream ends and the data is refused; both steps are audited', async () => {
    const stream = await openStream(`${origin(t.app)}/api/screen/events?kiosk=${issued.token}`);
    await stream.next('ready', 0, 2000);
    const since = Date.now();
    const revoked = await office.post(`/api/screen/kiosks/${issued.kiosk.id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    await stream.next('revoked', since, 5000);
    stream.close();
    const res = await t.app.inject({ method: 'GET', url: `/api/screen?kiosk=${issued.token}` });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { message: expect.stringContaining('revoked') } });
    expectRefused(await office.post(`/api/screen/kiosks/${issued.kiosk.id}/revoke`), 'ALREADY_DONE');
    const audit = await t.db.query<{ action: string; entity_id: string }>(`select action, entity_id from audit_log where entity = 'screen_kiosk' order by id`);
    expect(audit).toEqual([
      { action: 'screen.kiosk.issue', entity_id: String(issued.kiosk.id) },
      { action: 'screen.kiosk.revoke', entity_id: String(issued.kiosk.id) },
    ]);
    const list = (await office.get('/api/screen/kiosks')).json() as { items: { id: number; revokedAt: string | null }[] };
    expect(list.items.find((k) => k.id === issued.kiosk.id)?.revokedAt).not.toBeNull();
  });
});

describe('live updates', () => {
  it('tell an open screen within 5 s that a citizen submitted to the open campaign', async () => {
    const stream = await openStream(`${origin(t.app)}/api/screen/events`, { cookie: leader.cookie });
    await stream.next('ready', 0, 2000);
    const before = ((await leader.get('/api/screen')).json() as ScreenData).campaign!.responses;
    const since = Date.now();
    await submitToOpenCampaign(t.app, 1);
    const e = await stream.next('change', since, 5000);
    expect(JSON.parse(e.data)).toEqual({ kinds: ['responses'] });
    expect(((await leader.get('/api/screen')).json() as ScreenData).campaign!.responses).toBe(before + 1);
    stream.close();
  });

  it('tell an open screen within 5 s that a task turned red as its deadline passed', async () => {
    const stream = await openStream(`${origin(t.app)}/api/screen/events`, { cookie: leader.cookie });
    await stream.next('ready', 0, 2000);
    const before = ((await leader.get('/api/screen')).json() as ScreenData).lights.tasks.red;
    // Let the watcher see the lights as they are, then let a deadline pass (as midnight would).
    await new Promise((r) => setTimeout(r, 3500));
    const [task] = await t.db.query<{ id: number }>(`select id from tasks where status in ('issued', 'in_progress') and deadline >= current_date order by id limit 1`);
    const since = Date.now();
    await t.db.query(`update tasks set start_date = least(start_date, current_date - 30), deadline = current_date - 1 where id = $1`, [task!.id]);
    const e = await stream.next('change', since, 5000);
    expect(JSON.parse(e.data)).toEqual({ kinds: ['supervision'] });
    expect(((await leader.get('/api/screen')).json() as ScreenData).lights.tasks.red).toBe(before + 1);
    stream.close();
  });

  it(`reach a screen served by ${dbKind() === 'postgresql' ? 'another instance on the same PostgreSQL (LISTEN/NOTIFY)' : 'the same process (the embedded database has one)'}`, async () => {
    let other: { app: TestApp['app']; db: Database } | null = null;
    if (t.config.databaseUrl) {
      const db = await openDatabase({ databaseUrl: t.config.databaseUrl, dataDir: ':memory:' });
      const app = await buildApp({ config: t.config, db, logger: false });
      await app.listen({ port: 0, host: '127.0.0.1' });
      other = { app, db };
    }
    try {
      const reader = other?.app ?? t.app;
      const stream = await openStream(`${origin(reader)}/api/screen/events`, { cookie: leader.cookie });
      await stream.next('ready', 0, 2000);
      const since = Date.now();
      await submitToOpenCampaign(t.app, 2);
      const e = await stream.next('change', since, 5000);
      expect(JSON.parse(e.data).kinds).toContain('responses');
      stream.close();
    } finally {
      await other?.app.close();
      await other?.db.close();
    }
  });
});
