import type { UserDto } from '@kaoping/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectRefused, login, type TestApp, unitId } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

describe('users admin', () => {
  it('creates an account that can sign in, with its password stored as argon2id', async () => {
    const admin = await login(t.app, 'admin');
    const res = await admin.post('/api/users', { username: 'zhang.san', displayName: '张三（演示）', role: 'reporter', unitId: await unitId(t.db, '430481'), password: 'long-enough-pw' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'zhang.san', role: 'reporter', unit: { code: '430481', name: '耒阳市' } });
    expect(res.body).not.toContain('password');
    const [row] = await t.db.query<{ password_hash: string }>("select password_hash from users where username = 'zhang.san'");
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    const me = await login(t.app, 'zhang.san', 'long-enough-pw');
    expect((await me.get('/api/auth/me')).json()).toMatchObject({ user: { username: 'zhang.san' } });
  });

  it.each([
    ['1111111111', '密码至少 12 个字符'],
    ['111111111111', '密码太常见或太容易猜到'],
    ['password1234', '密码太常见或太容易猜到'],
    ['qwertyuiop123', '密码太常见或太容易猜到'],
    ['woaini1314520', '密码太常见或太容易猜到'],
    ['li.si-2021-password', '密码不能包含用户名'],
    ['LiSi-is-my-password', '密码不能包含用户名'],
    ['li.si', '密码至少 12 个字符'],
  ])('refuses the password %s with a clear message', async (password, message) => {
    const admin = await login(t.app, 'admin');
    const res = await admin.post('/api/users', { username: 'li.si', displayName: '李四（演示）', role: 'office', password });
    expect(res.statusCode).toBe(400);
    const error = (res.json() as { error: { message: string; details: { path: string }[] } }).error;
    expect(error.message).toContain(message);
    expect(error.details[0]!.path).toBe('body.password');
  });

  it('holds a password reset, a change of one’s own password and an Excel import to the same rules', async () => {
    const admin = await login(t.app, 'admin');
    const [u] = ((await admin.get('/api/users?q=430426-reporter')).json() as { items: UserDto[] }).items;
    const reset = await admin.patch(`/api/users/${u!.id}`, { password: '430426-reporter!' });
    expect(reset.statusCode).toBe(400);
    expect((reset.json() as { error: { message: string } }).error.message).toContain('密码不能包含用户名');
    const self = await login(t.app, '430426-reporter');
    const change = await self.post('/api/auth/password', { currentPassword: 'kaoping-demo', newPassword: 'abcdefghijklmn' });
    expect(change.statusCode).toBe(400);
    expect((change.json() as { error: { message: string } }).error.message).toMatch(/^newPassword: 密码太常见/);
    expect((await self.post('/api/auth/password', { currentPassword: 'kaoping-demo', newPassword: 'lantern-river-autumn' })).statusCode).toBe(204);
  });

  it('requires a unit for unit roles and refuses one for city-wide roles', async () => {
    const admin = await login(t.app, 'admin');
    const noUnit = await admin.post('/api/users', { username: 'no-unit', displayName: 'x', role: 'head', password: 'long-enough-pw' });
    expect(noUnit.statusCode).toBe(400);
    expect((noUnit.json() as { error: { message: string } }).error.message).toMatch(/^unitId/);
    const withUnit = await admin.post('/api/users', { username: 'leader2', displayName: 'x', role: 'leader', unitId: 1, password: 'long-enough-pw' });
    expect(withUnit.statusCode).toBe(400);
  });

  it('refuses a duplicate username whatever its case', async () => {
    const admin = await login(t.app, 'admin');
    const res = await admin.post('/api/users', { username: 'OFFICE', displayName: 'x', role: 'office', password: 'long-enough-pw' });
    expectRefused(res, 'DUPLICATE');
  });

  it('deactivates an account: its sessions end and it cannot sign in', async () => {
    const admin = await login(t.app, 'admin');
    const victim = await login(t.app, '430424-reporter');
    const [u] = ((await admin.get('/api/users?q=430424-reporter')).json() as { items: UserDto[] }).items;
    expect((await admin.patch(`/api/users/${u!.id}`, { active: false })).json()).toMatchObject({ active: false });
    expect((await victim.get('/api/units')).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '430424-reporter', password: 'kaoping-demo' } });
    expect(again.statusCode).toBe(401);
  });

  it('keeps the administrator from locking themselves out', async () => {
    const admin = await login(t.app, 'admin');
    const me = (await admin.get('/api/auth/me')).json() as { user: { id: number } };
    expectRefused(await admin.patch(`/api/users/${me.user.id}`, { active: false }), 'SELF_LOCKOUT');
  });

  it('shows a unit head only the accounts of their own unit', async () => {
    const head = await login(t.app, '430421-head');
    const list = ((await head.get('/api/users')).json() as { items: UserDto[] }).items;
    expect(list.map((u) => u.username).sort()).toEqual(['430421-head', '430421-reporter']);
    const other = ((await (await login(t.app, 'admin')).get('/api/users?q=430422-head')).json() as { items: UserDto[] }).items[0]!;
    expect((await head.get(`/api/users/${other.id}`)).statusCode).toBe(403);
    expect((await head.get(`/api/users?unitId=${await unitId(t.db, '430422')}`)).statusCode).toBe(403);
  });
});
