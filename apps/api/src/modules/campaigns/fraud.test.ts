import { describe, expect, it } from 'vitest';
import { TimeZone } from '../../lib/time-zone.js';
import { DEFAULT_FRAUD_RULES, detectFlags as detect, type ResponseMark } from './fraud.js';

const T0 = Date.parse('2021-12-15T02:00:00Z');
const CHINA = { lang: 'zh' as const, zone: new TimeZone('Asia/Shanghai') };
const detectFlags = (marks: ResponseMark[]) => detect(marks, CHINA);
let seq = 0;
const mark = (over: Partial<ResponseMark> = {}): ResponseMark => ({
  id: ++seq,
  at: T0,
  servedAt: null,
  page: `page-${seq}`,
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
    // 02:00–02:04:50 UTC is 10:00–10:04 in China, where the office reads it.
    expect(address[0]!.evidence).toBe('同一网段 203.0.113.0/24 在 2021-12-15 10:00 至 10:04 提交 30 份，10 分钟内达 30 份即提示');
  });

  it('write the evidence in the reader\'s language and the deployment\'s zone', () => {
    const burst = Array.from({ length: 5 }, (_, i) => mark({ device: 'one-phone', at: T0 + i * 60_000 }));
    const [en] = detect(burst, { lang: 'en', zone: new TimeZone('UTC') });
    expect(en!.evidence).toBe('5 responses from one device mark between 2021-12-15 02:00 and 02:04 (flagged from 5 within 10 minutes)');
    expect(detect(burst, CHINA)[0]!.evidence).toBe('同一设备标记在 2021-12-15 10:00 至 10:04 提交 5 份，10 分钟内达 5 份即提示');
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

  it('flag impossibly fast completion, measured from when the server served the questionnaire', () => {
    const fast = mark({ servedAt: T0 - 9_000, units: 10 }); // 9 s for 10 units < 20 s
    const fine = mark({ servedAt: T0 - 60_000, units: 10 });
    const unmeasured = mark({ servedAt: null, units: 10 });
    const flags = detectFlags([fast, fine, unmeasured]).filter((f) => f.kind === 'too-fast');
    expect(flags.map((f) => f.responseIds[0])).toEqual([fast.id]);
    expect(flags[0]!.evidence).toBe(`问卷发放后 9.0 秒即提交，评价 10 个单位（少于 ${10 * DEFAULT_FRAUD_RULES.minSecondsPerUnit} 秒）`);
    expect(detect([fast], { ...CHINA, lang: 'en' })[0]!.evidence).toBe('10 units answered 9.0 s after the questionnaire was served (under 20 s)');
  });

  it('flag one served questionnaire answered more than once, rather than trusting its served time for each', () => {
    // One page's token replayed: the first answer is measured, the copies have no questionnaire of their own.
    const replayed = Array.from({ length: 3 }, (_, i) => mark({ page: 'one-page', servedAt: T0 - 600_000, at: T0 + i * 2_000, units: 10 }));
    const flags = detectFlags(replayed);
    expect(flags.map((f) => f.kind)).toEqual(['reused-page']);
    expect(flags[0]!.responseIds).toEqual(replayed.map((m) => m.id));
    expect(flags[0]!.evidence).toBe('同一份问卷页面（2021-12-15 09:50 发放）在 2021-12-15 10:00 至 10:00 提交 3 份；正常页面每提交一次即换新问卷');
  });

  it('flag nothing in ordinary traffic', () => {
    const normal = Array.from({ length: 200 }, (_, i) => mark({ at: T0 + i * 7_000, servedAt: T0 + i * 7_000 - 90_000 }));
    expect(detectFlags(normal)).toEqual([]);
  });
});
