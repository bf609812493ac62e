import type { AuditEntryDto, UnitDto } from '@kaoping/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { openDatabase } from '../src/db/database.js';
import { verifyAuditChain } from '../src/modules/audit/audit.service.js';
import { buildTestApp, expectRefused, login, type TestApp, withCliDatabase } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

describe('audit trail', () => {
  it('records who, when, what, the entity and before/after values of a change', async () => {
    const c = await login(t.app, 'office');
    const before = Date.now();
    const res = await c.patch('/api/units/2', { shortName: '衡南' });
    expect(res.statusCode).toBe(200);
    const log = (await c.get('/api/audit?entity=unit&action=unit.update')).json() as { items: AuditEntryDto[]; total: number };
    const e = log.items[0]!;
    expect(e).toMatchObject({ actor: { name: 'office' }, action: 'unit.update', entity: 'unit', entityId: '2', unitId: 2 });
    expect(e.before).toMatchObject({ shortName: null, name: '衡南县' });
    expect(e.after).toMatchObject({ shortName: '衡南', name: '衡南县' });
    expect(new Date(e.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(e.requestId).toBeTruthy();
  });

  it('filters by user, unit, entity and time', async () => {
    const c = await login(t.app, 'admin');
    const me = (await c.get('/api/auth/me')).json() as { user: { id: number } };
    await c.patch('/api/units/3', { shortName: '衡山' });
    const byUser = (await c.get(`/api/audit?userId=${me.user.id}`)).json() as { items: AuditEntryDto[] };
    expect(byUser.items.length).toBeGreaterThan(0);
    expect(byUser.items.every((e) => e.actor.id === me.user.id)).toBe(true);
    const byUnit = (await c.get('/api/audit?unitId=3&entity=unit')).json() as { items: AuditEntryDto[] };
    expect(byUnit.items.every((e) => e.unitId === 3)).toBe(true);
    const future = (await c.get(`/api/audit?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).json() as { total: number };
    expect(future.total).toBe(0);
  });

  it('keeps a unit head to their own unit', async () => {
    const head = await login(t.app, '430421-head');
    const own = (await head.get('/api/audit')).json() as { items: AuditEntryDto[] };
    expect(own.items.every((e) => e.unitId === 1)).toBe(true);
    expect((await head.get('/api/audit?unitId=2')).statusCode).toBe(403);
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(t.db.query("update audit_log set actor_name = 'someone else' where id = 1")).rejects.toThrow(/append-only/);
    await expect(t.db.query('delete from audit_log where id = 1')).rejects.toThrow(/append-only/);
    await expect(t.db.query('truncate audit_log')).rejects.toThrow(/append-only/);
  });

  it('does not record a write that failed, and leaves nothing half-done', async () => {
    const c = await login(t.app, 'office');
    const [{ n: before }] = (await t.db.query<{ n: number }>('select count(*)::int as n from audit_log')) as [{ n: number }];
    const res = await c.post('/api/units', { code: '430422', name: '重复', kind: 'county', groupId: 1 });
    expectRefused(res, 'DUPLICATE');
    const [{ n: after }] = (await t.db.query<{ n: number }>('select count(*)::int as n from audit_log')) as [{ n: number }];
    expect(after).toBe(before);
  });

  it('verifies the hash chain, and catches a tampered row', async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    const units = ((await (await login(t.app, 'office')).get('/api/units')).json() as { items: UnitDto[] }).items;
    expect(units.length).toBe(97);
    // Someone with superuser rights switches the guard off and rewrites history.
    await t.db.query('alter table audit_log disable trigger audit_log_no_update_delete');
    await t.db.query("update audit_log set after = '{\"shortName\":\"篡改\"}'::jsonb where id = 3");
    await t.db.query('alter table audit_log enable trigger audit_log_no_update_delete');
    const res = await verifyAuditChain(t.db);
    expect(res.ok).toBe(false);
    expect(res.firstBroken).toMatchObject({ id: 3 });
    const admin = await login(t.app, 'admin');
    expect((await admin.get('/api/audit/verify')).json()).toMatchObject({ ok: false, firstBroken: { id: 3 } });
  });
});

describe('kaoping audit verify', () => {
  it('reports an intact chain, then the first broken link after tampering', async () => {
    await withCliDatabase(async ({ out, dir, databaseUrl }) => {
      expect(await runCli(['seed', '--demo'])).toBe(0);
      expect(await runCli(['user', 'add', '--username', 'cli-user', '--name', '测试', '--role', 'reporter', '--unit', '430481', '--password', 'long-enough-pw'])).toBe(0);
      // The command line holds new passwords to the same rules as the API.
      expect(await runCli(['user', 'add', '--username', 'cli-weak', '--name', '测试', '--role', 'office', '--password', '1111111111111'])).toBe(1);
      expect(out.join('\n')).toContain('VALIDATION_FAILED: password: 密码太常见或太容易猜到');
      expect(await runCli(['audit', 'verify'])).toBe(0);
      expect(out.join('\n')).toMatch(/intact: \d+ entries/);
      const db = await openDatabase({ databaseUrl, dataDir: dir });
      await db.query('alter table audit_log disable trigger audit_log_no_update_delete');
      await db.query("update audit_log set actor_name = 'mallory' where id = 2");
      await db.close();
      expect(await runCli(['audit', 'verify'])).toBe(1);
      expect(out.join('\n')).toMatch(/BROKEN at entry 2/);
    });
    // Migrating a fresh embedded database takes tens of seconds on a busy machine.
  }, 180_000);
});
