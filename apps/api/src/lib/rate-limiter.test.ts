import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows `limit` events per window per key, then says how long to wait', () => {
    let now = 1_000_000;
    const rl = new RateLimiter(3, 60_000, () => now);
    expect([rl.hit('a'), rl.hit('a'), rl.hit('a')]).toEqual([0, 0, 0]);
    expect(rl.hit('a')).toBe(60);
    expect(rl.hit('b')).toBe(0);
    now += 30_000;
    expect(rl.hit('a')).toBe(30);
    now += 30_001;
    expect(rl.hit('a')).toBe(0);
  });
});

describe('RateLimiter.forget', () => {
  it('takes back the latest event, so only the attempts that count use up the limit', () => {
    const rl = new RateLimiter(2, 60_000, () => 1_000_000);
    expect(rl.hit('a')).toBe(0);
    rl.forget('a');
    expect([rl.hit('a'), rl.hit('a')]).toEqual([0, 0]);
    expect(rl.hit('a')).toBeGreaterThan(0);
  });
});
