import type { ApiTokenDto, UserDto } from '@kaoping/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, unitId, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_RATE_PER_ACCOUNT: '8' } });
});
afterAll(async () => t.close());

const tryLogin = (username: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('sign-in', () => {
  it('sets an httpOnly SameSite session cookie and returns the user', async () => {
    const res = await tryLogin('office', 'kaoping-demo');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'kp_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(res.json()).toMatchObject({ user: { username: 'office', role: 'office' }, csrfToken: expect.any(String) });
  });

  it('refuses a wrong password without saying whether the user exists', async () => {
    const a = await tryLogin('office', 'wrong-password');
    const b = await tryLogin('no-such-user', 'wrong-password');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
  });

  it('refuses requests without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/units' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('locks an account after repeated failures, even for the right password, until an admin unlocks it', async () => {
    for (let i = 0; i < 3; i++) expect((await tryLogin('430422-reporter', 'bad-password-x')).statusCode).toBe(401);
    const locked = await tryLogin('430422-reporter', 'kaoping-demo');
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ error: { code: 'ACCOUNT_LOCKED' } });
    const admin = await login(t.app, 'admin');
    const [user] = ((await admin.get('/api/users?q=430422-reporter')).json() as { items: UserDto[] }).items;
    expect(user!.lockedUntil).not.toBeNull();
    expect((await admin.patch(`/api/users/${user!.id}`, { unlock: true })).statusCode).toBe(200);
    expect((await tryLogin('430422-reporter', 'kaoping-demo')).statusCode).toBe(200);
    const audit = (await admin.get(`/api/audit?entity=user&action=auth.lockout`)).json() as { items: { entityId: string }[] };
    expect(audit.items.map((a) => a.entityId)).toContain(String(user!.id));
  });

  it('rate-limits attempts per account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await tryLogin('ZH02-head', i % 2 ? 'kaoping-demo' : 'bad-password-y', `10.1.0.${i}`)).statusCode);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    const res = await tryLogin('ZH02-head', 'kaoping-demo', '10.1.0.99');
    expect(res.json()).toMatchObject({ error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } } });
  });

  it('rate-limits attempts per address', async () => {
    const strict = await buildTestApp({ demo: true, env: { LOGIN_RATE_PER_IP: '4' } });
    try {
      const hit = (u: string) => strict.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: 'x' }, remoteAddress: '10.9.9.9' });
      const codes = [];
      for (const u of ['a1', 'a2', 'a3', 'a4', 'a5']) codes.push((await hit(u)).statusCode);
      expect(codes).toEqual([401, 401, 401, 401, 429]);
      const other = await strict.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: 'kaoping-demo' }, remoteAddress: '10.9.9.10' });
      expect(other.statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('logs out: the cookie stops working', async () => {
    const c = await login(t.app, 'leader');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('changes the password: the old one stops working, other sessions end', async () => {
    const other = await login(t.app, '430423-head');
    const c = await login(t.app, '430423-head');
    const weak = await c.post('/api/auth/password', { currentPassword: 'kaoping-demo', newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect((weak.json() as { error: { message: string } }).error.message).toContain('newPassword');
    expect((await c.post('/api/auth/password', { currentPassword: 'kaoping-demo', newPassword: 'a-new-long-password' })).statusCode).toBe(204);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    expect((await tryLogin('430423-head', 'kaoping-demo', '10.2.0.1')).statusCode).toBe(401);
    expect((await tryLogin('430423-head', 'a-new-long-password', '10.2.0.1')).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF header', async () => {
    const c = await login(t.app, 'office');
    const res = await t.app.inject({ method: 'PATCH', url: '/api/units/1', headers: { cookie: c.cookie }, payload: { shortName: 'x' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'CSRF_FAILED' } });
    const wrong = await c.request('PATCH', '/api/units/1', { shortName: 'x' }, { 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);
    expect((await c.patch('/api/units/1', { shortName: '衡阳县' })).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('issues a role-scoped token, which works without CSRF until revoked', async () => {
    const admin = await login(t.app, 'admin');
    const created = await admin.post('/api/tokens', { name: 'stats-feed', role: 'leader' });
    expect(created.statusCode).toBe(201);
    const { token, item } = created.json() as { token: string; item: ApiTokenDto };
    expect(token).toMatch(/^kp_/);
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/units', headers: auth })).statusCode).toBe(200);
    // the token acts as a leader: it may read but not manage units
    expect((await t.app.inject({ method: 'POST', url: '/api/units', headers: auth, payload: { code: 'TK1', name: 'x', kind: 'county', groupId: 1 } })).statusCode).toBe(403);
    const list = ((await admin.get('/api/tokens')).json() as { items: ApiTokenDto[] }).items;
    expect(list.find((x) => x.id === item.id)).toMatchObject({ name: 'stats-feed', role: 'leader', revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(token);
    expect((await admin.del(`/api/tokens/${item.id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/units', headers: auth })).statusCode).toBe(401);
  });

  it('scopes a unit-role token to its unit', async () => {
    const admin = await login(t.app, 'admin');
    const own = await unitId(t.db, '430424');
    const missing = await admin.post('/api/tokens', { name: 'no-unit', role: 'head' });
    expect(missing.statusCode).toBe(400);
    const { token } = (await admin.post('/api/tokens', { name: 'unit-feed', role: 'head', unitId: own })).json() as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const mine = await t.app.inject({ method: 'GET', url: `/api/users?unitId=${own}`, headers: auth });
    expect(mine.statusCode).toBe(200);
    const theirs = await t.app.inject({ method: 'GET', url: `/api/users?unitId=${await unitId(t.db, '430426')}`, headers: auth });
    expect(theirs.statusCode).toBe(403);
  });
});

describe('API tokens and their issuer', () => {
  it('stop working when the account that issued them is deactivated', async () => {
    const admin = await login(t.app, 'admin');
    await admin.post('/api/users', { username: 'second-admin', displayName: '第二管理员（演示）', role: 'admin', password: 'long-enough-pw' });
    const second = await login(t.app, 'second-admin', 'long-enough-pw');
    const { token } = (await second.post('/api/tokens', { name: 'by-second', role: 'leader' })).json() as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/units', headers: auth })).statusCode).toBe(200);
    const [u] = ((await admin.get('/api/users?q=second-admin')).json() as { items: UserDto[] }).items;
    await admin.patch(`/api/users/${u!.id}`, { active: false });
    expect((await t.app.inject({ method: 'GET', url: '/api/units', headers: auth })).statusCode).toBe(401);
  });
});
