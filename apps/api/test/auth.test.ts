import type { ApiTokenDto, UserDto } from '@kaoping/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, unitId, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { LOGIN_MAX_FAILURES: '3' } });
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

  it('answers a real account and a made-up name alike, attempt after attempt, in about the same time', async () => {
    // Each from an address of its own: the same sequence of answers, lock-out included.
    const run = async (username: string, ip: string) => {
      const answers: string[] = [];
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const res = await tryLogin(username, `guess-number-${i}`, ip);
        times.push(performance.now() - started);
        const body = res.json() as { error: { code: string; message: string; details?: unknown } };
        answers.push(`${res.statusCode} ${body.error.code} ${body.error.message.replace(/\d+/g, 'N')}`);
      }
      return { answers, median: times.slice(0, 3).sort((x, y) => x - y)[1]! };
    };
    const real = await run('430481-head', '10.3.0.1');
    const madeUp = await run('430481-nobody', '10.3.0.2');
    expect(real.answers).toEqual(madeUp.answers);
    expect(real.answers.slice(0, 3)).toEqual(Array(3).fill('401 UNAUTHENTICATED 用户名或密码错误 / Wrong username or password'));
    expect(real.answers[3]).toMatch(/^429 RATE_LIMITED/);
    // Both check a password hash: neither answers in a fraction of the other's time.
    expect(madeUp.median / real.median).toBeGreaterThan(0.5);
    expect(madeUp.median / real.median).toBeLessThan(2);
  });

  it('locks out the guessing address only: the owner still signs in from elsewhere, the administrator sees and lifts the lock', async () => {
    // The attack: anyone who knows the name "admin" guesses from one machine.
    const attacker = '203.0.113.66';
    for (let i = 0; i < 3; i++) expect((await tryLogin('admin', `bad-password-${i}`, attacker)).statusCode).toBe(401);
    const locked = await tryLogin('admin', 'kaoping-demo', attacker);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } } });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // The real administrator, at their own desk, is not locked out.
    expect((await tryLogin('admin', 'kaoping-demo', '10.20.0.5')).statusCode).toBe(200);

    const admin = await login(t.app, 'admin');
    const [user] = ((await admin.get('/api/users?q=admin')).json() as { items: UserDto[] }).items.filter((u) => u.username === 'admin');
    expect(user!.lockouts).toEqual([{ address: attacker, until: expect.any(String) }]);
    const audit = (await admin.get('/api/audit?entity=user&action=auth.lockout')).json() as { items: { entityId: string; ip: string; after: { address: string } }[] };
    expect(audit.items[0]).toMatchObject({ entityId: String(user!.id), ip: attacker, after: { address: attacker } });
    const failures = (await admin.get('/api/audit?entity=user&action=auth.failure')).json() as { items: { ip: string; after: { username: string; reason: string } }[] };
    expect(failures.items.filter((f) => f.ip === attacker)).toHaveLength(3);
    expect(failures.items.find((f) => f.ip === attacker)!.after).toEqual({ username: 'admin', reason: 'wrong-password' });

    expect((await admin.patch(`/api/users/${user!.id}`, { unlock: true })).statusCode).toBe(200);
    expect((await tryLogin('admin', 'kaoping-demo', attacker)).statusCode).toBe(200);
  });

  it('guesses spread over many addresses lock nobody out', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await tryLogin('ZH02-head', `bad-password-${i}`, `10.1.0.${i}`)).statusCode);
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect((await tryLogin('ZH02-head', 'kaoping-demo', '10.1.0.99')).statusCode).toBe(200);
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
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const call = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  async function secondAdmin(username: string) {
    const admin = await login(t.app, 'admin');
    expect((await admin.post('/api/users', { username, displayName: '第二管理员（演示）', role: 'admin', password: 'long-enough-pw' })).statusCode).toBe(201);
    const [u] = ((await admin.get(`/api/users?q=${username}`)).json() as { items: UserDto[] }).items;
    return { admin, id: u!.id, session: await login(t.app, username, 'long-enough-pw') };
  }

  it('stop working when the account that issued them is deactivated, and stay dead when it is reactivated', async () => {
    const { admin, id, session } = await secondAdmin('second-admin');
    const created = (await session.post('/api/tokens', { name: 'by-second', role: 'leader' })).json() as { token: string; item: ApiTokenDto };
    expect((await call(created.token, 'GET', '/api/units')).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${id}`, { active: false })).statusCode).toBe(200);
    expect((await call(created.token, 'GET', '/api/units')).statusCode).toBe(401);
    expect((await admin.patch(`/api/users/${id}`, { active: true })).statusCode).toBe(200);
    const revived = await call(created.token, 'GET', '/api/units');
    expect(revived.statusCode).toBe(401);
    expect((revived.json() as { error: { message: string } }).error.message).toContain('已吊销');
    const listed = ((await admin.get('/api/tokens')).json() as { items: ApiTokenDto[] }).items.find((x) => x.id === created.item.id)!;
    expect(listed).toMatchObject({ issuer: 'second-admin', revokedAt: expect.any(String) });
  });

  it('never have more than their issuer has now: a demoted administrator’s token can no longer list tokens or create an administrator', async () => {
    const { admin, id, session } = await secondAdmin('demoted-admin');
    const { token } = (await session.post('/api/tokens', { name: 'admin-feed', role: 'admin', scope: 'write' })).json() as { token: string };
    const { token: leaderToken } = (await session.post('/api/tokens', { name: 'leader-feed', role: 'leader' })).json() as { token: string };
    const newAdmin = { username: 'made-by-token', displayName: '令牌所建', role: 'admin', password: 'long-enough-pw' };
    expect((await call(token, 'GET', '/api/tokens')).statusCode).toBe(200);
    // The account is made a city leader (市领导): its tokens are held to what a leader may do.
    expect((await admin.patch(`/api/users/${id}`, { role: 'leader' })).statusCode).toBe(200);
    const listing = await call(token, 'GET', '/api/tokens');
    expect(listing.statusCode).toBe(401);
    expect((listing.json() as { error: { message: string } }).error.message).toContain('签发账号的角色或单位已变更');
    expect((await call(token, 'POST', '/api/users', newAdmin)).statusCode).toBe(401);
    expect((await admin.get('/api/users?q=made-by-token')).json()).toMatchObject({ items: [] });
    // A token acting as a leader is within what the account has now, and keeps working.
    expect((await call(leaderToken, 'GET', '/api/units')).statusCode).toBe(200);
  });

  it('are read-only unless issued for writing; a read token makes no change of any kind', async () => {
    const admin = await login(t.app, 'admin');
    const read = (await admin.post('/api/tokens', { name: 'read-feed', role: 'office' })).json() as { token: string; item: ApiTokenDto };
    expect(read.item.scope).toBe('read');
    expect((await call(read.token, 'GET', '/api/units')).statusCode).toBe(200);
    const refused = await call(read.token, 'PATCH', '/api/units/1', { shortName: '衡阳县' });
    expect(refused.statusCode).toBe(403);
    expect((refused.json() as { error: { message: string } }).error.message).toContain('只读令牌');
    const write = (await admin.post('/api/tokens', { name: 'write-feed', role: 'office', scope: 'write' })).json() as { token: string; item: ApiTokenDto };
    expect((await call(write.token, 'PATCH', '/api/units/1', { shortName: '衡阳县' })).statusCode).toBe(200);
  });

  it('are minted by a signed-in person only, never by another token', async () => {
    const admin = await login(t.app, 'admin');
    const { token } = (await admin.post('/api/tokens', { name: 'admin-write', role: 'admin', scope: 'write' })).json() as { token: string };
    const minted = await call(token, 'POST', '/api/tokens', { name: 'child', role: 'admin', scope: 'write' });
    expect(minted.statusCode).toBe(403);
    expect((minted.json() as { error: { message: string } }).error.message).toContain('令牌不能签发令牌');
  });

  it('name themselves in the audit trail of every write they make', async () => {
    const admin = await login(t.app, 'admin');
    const { token, item } = (await admin.post('/api/tokens', { name: 'audited-feed', role: 'office', scope: 'write' })).json() as { token: string; item: ApiTokenDto };
    expect((await call(token, 'PATCH', '/api/units/2', { shortName: '衡南' })).statusCode).toBe(200);
    const entries = (await admin.get(`/api/audit?tokenId=${item.id}`)).json() as { items: { action: string; actor: { name: string; tokenId: number | null } }[] };
    expect(entries.items).toHaveLength(1);
    expect(entries.items[0]).toMatchObject({ action: 'unit.update', actor: { name: 'token:audited-feed', tokenId: item.id } });
    expect((await admin.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });
});
