import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAUD_RULES, detectFlags, type ResponseMark } from './fraud.js';

const T0 = Date.parse('2021-12-15T02:00:00Z');
let seq = 0;
const mark = (over: Partial<ResponseMark> = {}): ResponseMark => ({
  id: ++seq,
  at: T0,
  startedAt: null,
  ipPrefix: `10.0.${seq}.0/24`,
  device: `dev-${seq}`,
  phonePrefix: null,
  vector: `v-${seq}`,
  units: 5,
  ...over,
});
const minutes = (n: number) => n * 60_000;

describe('fraud flags', () => {
  it('flag a burst from one address with every response in it, and not the same count spread over hours', () => {
    const burst = Array.from({ length: 30 }, (_, i) => mark({ ipPrefix: '203.0.113.0/24', at: T0 + i * 10_000 }));
    const spread = Array.from({ length: 30 }, (_, i) => mark({ ipPrefix: '198.51.100.0/24', at: T0 + minutes(i * 30) }));
    const flags = detectFlags([...burst, ...spread]);
    const address = flags.filter((f) => f.kind === 'address-burst');
    expect(address).toHaveLength(1);
    expect(address[0]!.key).toBe('203.0.113.0/24');
    expect(address[0]!.responseIds).toEqual(burst.map((m) => m.id));
    expect(address[0]!.evidence).toContain('提交 30 份');
  });

  it('flag identical answer vectors in a burst, but only over enough units', () => {
    const same = Array.from({ length: 10 }, (_, i) => mark({ vector: 'all-satisfied', units: 12, at: T0 + i * 5_000 }));
    const short = Array.from({ length: 10 }, (_, i) => mark({ vector: 'one-unit', units: 1, at: T0 + i * 5_000 }));
    const kinds = detectFlags([...same, ...short]).filter((f) => f.kind === 'identical-burst');
    expect(kinds).toHaveLength(1);
    expect(kinds[0]!.responseIds).toEqual(same.map((m) => m.id));
  });

  it('flag bursts from one device and one number range', () => {
    const device = Array.from({ length: 5 }, (_, i) => mark({ device: 'same-phone', at: T0 + i * 60_000 }));
    const range = Array.from({ length: 15 }, (_, i) => mark({ phonePrefix: '1381234', at: T0 + i * 20_000 }));
    const flags = detectFlags([...device, ...range]);
    expect(flags.find((f) => f.kind === 'device-burst')!.responseIds).toHaveLength(5);
    expect(flags.find((f) => f.kind === 'number-range-burst')!.evidence).toContain('1381234****');
  });

  it('split two bursts of the same key far apart into two flags', () => {
    const morning = Array.from({ length: 5 }, (_, i) => mark({ device: 'd', at: T0 + i * 1000 }));
    const evening = Array.from({ length: 5 }, (_, i) => mark({ device: 'd', at: T0 + minutes(600) + i * 1000 }));
    expect(detectFlags([...morning, ...evening]).filter((f) => f.kind === 'device-burst')).toHaveLength(2);
  });

  it('flag impossibly fast completion against the time the units need', () => {
    const fast = mark({ startedAt: T0 - 9_000, units: 10 }); // 9 s for 10 units < 20 s
    const fine = mark({ startedAt: T0 - 60_000, units: 10 });
    const flags = detectFlags([fast, fine]).filter((f) => f.kind === 'too-fast');
    expect(flags.map((f) => f.responseIds[0])).toEqual([fast.id]);
    expect(flags[0]!.evidence).toBe(`用时 9.0 秒评价 10 个单位（少于 ${10 * DEFAULT_FRAUD_RULES.minSecondsPerUnit} 秒）`);
  });

  it('flag nothing in ordinary traffic', () => {
    const normal = Array.from({ length: 200 }, (_, i) => mark({ at: T0 + i * 7_000, startedAt: T0 + i * 7_000 - 90_000 }));
    expect(detectFlags(normal)).toEqual([]);
  });
});
