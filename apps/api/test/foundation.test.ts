import type { GroupDto, UnitDto } from '@kaoping/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, dbKind, expectRefused, login, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

describe('health and docs', () => {
  it('reports ok and which database is in use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: dbKind() });
  });

  it('publishes an OpenAPI 3 document listing the routes, and a docs page', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/units', '/api/auth/login', '/api/users/{id}', '/api/audit']));
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(page.statusCode);
  });
});

describe('Hengyang demo data', () => {
  it('has exactly 97 units: 7 counties, 5 districts, 4 parks, 81 departments', async () => {
    const c = await login(t.app, 'leader');
    const units = ((await c.get('/api/units')).json() as { items: UnitDto[] }).items;
    expect(units).toHaveLength(97);
    const byKind = (k: string) => units.filter((u) => u.kind === k);
    expect(byKind('county')).toHaveLength(7);
    expect(byKind('district')).toHaveLength(5);
    expect(byKind('park')).toHaveLength(4);
    expect(byKind('municipal')).toHaveLength(81);
    const hy = units.find((u) => u.code === '430421');
    expect(hy).toMatchObject({ name: '衡阳县', adcode: '430421', group: { name: '县市' } });
    expect(units.find((u) => u.adcode === '430412')?.name).toBe('南岳区');
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(['衡阳高新技术产业开发区', '市发展和改革委员会', '市教育局']));
  });

  it('puts the municipal departments in at least 4 groups', async () => {
    const c = await login(t.app, 'office');
    const groups = ((await c.get('/api/groups')).json() as { items: GroupDto[] }).items;
    const municipal = groups.filter((g) => g.kind === 'municipal');
    expect(municipal.length).toBeGreaterThanOrEqual(4);
    expect(municipal.reduce((s, g) => s + g.unitCount, 0)).toBe(81);
  });

  it('has a reporter and a head for every unit, and the city-wide accounts', async () => {
    const admin = await login(t.app, 'admin');
    const users = ((await admin.get('/api/users')).json() as { items: { username: string }[] }).items.map((u) => u.username);
    expect(users).toEqual(expect.arrayContaining(['admin', 'office', 'office-head', 'supervisor', 'leader', '430421-reporter', '430421-head', 'ZH01-head']));
    expect(users).toHaveLength(5 + 97 * 2);
  });

  it('filters units by search text and group', async () => {
    const c = await login(t.app, 'office');
    const found = ((await c.get(`/api/units?q=${encodeURIComponent('衡阳县')}`)).json() as { items: UnitDto[] }).items;
    expect(found.map((u) => u.code)).toEqual(['430421']);
  });
});

describe('errors', () => {
  it('names the field at fault in a validation error', async () => {
    const c = await login(t.app, 'office');
    const res = await c.post('/api/units', { code: 'X1', name: '', kind: 'county', groupId: 1 });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; message: string; details: { path: string }[] } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toContain('body.name');
    expect(body.error.details.map((d) => d.path)).toContain('body.name');
  });

  it('answers unknown endpoints and bad JSON with the error shape, not a 500', async () => {
    const nf = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });

  it('refuses a duplicate unit code with 409 and a message naming it', async () => {
    const c = await login(t.app, 'office');
    const res = await c.post('/api/units', { code: '430421', name: '重复单位', kind: 'county', groupId: 1 });
    expectRefused(res, 'DUPLICATE');
    expect((res.json() as { error: { message: string } }).error.message).toContain('430421');
  });

  it('keeps a unit inside a group of its own kind', async () => {
    const c = await login(t.app, 'office');
    const groups = ((await c.get('/api/groups')).json() as { items: GroupDto[] }).items;
    const park = groups.find((g) => g.kind === 'park')!;
    const res = await c.post('/api/units', { code: 'BADKIND', name: '错类单位', kind: 'county', groupId: park.id });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/^kind/);
  });
});

describe('units and groups admin', () => {
  it('creates, edits and deactivates a unit', async () => {
    const c = await login(t.app, 'office');
    const groups = ((await c.get('/api/groups')).json() as { items: GroupDto[] }).items;
    const g = groups.find((x) => x.code === 'SF')!;
    const created = await c.post('/api/units', { code: 'SF99', name: '市演示事务中心', kind: 'municipal', groupId: g.id });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as UnitDto).id;
    const edited = await c.patch(`/api/units/${id}`, { name: '市演示服务中心', shortName: '演示中心' });
    expect(edited.json()).toMatchObject({ name: '市演示服务中心', shortName: '演示中心', active: true });
    const off = await c.patch(`/api/units/${id}`, { active: false });
    expect(off.json()).toMatchObject({ active: false });
    const active = ((await c.get('/api/units?active=true')).json() as { items: UnitDto[] }).items;
    expect(active.some((u) => u.id === id)).toBe(false);
  });

  it('creates a group and moves a unit into it', async () => {
    const c = await login(t.app, 'office');
    const g = await c.post('/api/groups', { code: 'JD', name: '监督部门（演示）', kind: 'municipal' });
    expect(g.statusCode).toBe(201);
    const gid = (g.json() as GroupDto).id;
    const units = ((await c.get('/api/units?q=ZF05')).json() as { items: UnitDto[] }).items;
    const moved = await c.patch(`/api/units/${units[0]!.id}`, { groupId: gid });
    expect(moved.json()).toMatchObject({ group: { id: gid, name: '监督部门（演示）' } });
  });
});
