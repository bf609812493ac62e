import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { RateLimiter } from '../src/lib/rate-limiter.js';
import { buildTestApp, type TestApp } from './helpers.js';

/**
 * Rate limits live in the database: two app instances on one database count the same attempts,
 * so spreading a burst over instances (as a load balancer does) gains an attacker nothing.
 */

let t: TestApp;
let second: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  t = await buildTestApp({ env: { LOGIN_RATE_PER_IP: '6' } });
  second = await buildApp({ config: t.config, db: t.db, logger: false });
  await second.ready();
});
afterAll(async () => {
  await second.close();
  await t.close();
});

describe('RateLimiter', () => {
  it('allows `limit` events per window per key, then says how long to wait', async () => {
    let now = 1_000_000_000;
    const rl = new RateLimiter('test-window', 3, 60_000, () => now);
    expect([await rl.hit(t.db, 'a'), await rl.hit(t.db, 'a'), await rl.hit(t.db, 'a')]).toEqual([0, 0, 0]);
    expect(await rl.hit(t.db, 'a')).toBe(60);
    expect(await rl.hit(t.db, 'b')).toBe(0);
    now += 30_000;
    expect(await rl.hit(t.db, 'a')).toBe(30);
    now += 30_001;
    expect(await rl.hit(t.db, 'a')).toBe(0);
  });

  it('takes back the latest event, so only the attempts that count use up the limit', async () => {
    const rl = new RateLimiter('test-forget', 2, 60_000, () => 2_000_000_000);
    expect(await rl.hit(t.db, 'a')).toBe(0);
    await rl.forget(t.db, 'a');
    expect([await rl.hit(t.db, 'a'), await rl.hit(t.db, 'a')]).toEqual([0, 0]);
    expect(await rl.hit(t.db, 'a')).toBeGreaterThan(0);
  });

  it('holds the limit when many requests of one key arrive at once', async () => {
    const rl = new RateLimiter('test-race', 5, 60_000);
    const waits = await Promise.all(Array.from({ length: 12 }, () => rl.hit(t.db, 'burst')));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
  });
});

describe('two instances on one database', () => {
  const wrong = (app: typeof second, i: number) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `nobody-${i}`, password: 'wrong-password-x' }, remoteAddress: '198.51.100.31' });

  it('share the sign-in limit per address: wrong passwords alternated between them are throttled after 6 in all', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await wrong(i % 2 ? second : t.app, i)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
  });
});
