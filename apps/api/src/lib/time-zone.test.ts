import { describe, expect, it } from 'vitest';
import { TimeZone, canonicalTimeZone } from './time-zone.js';

describe('the deployment time zone', () => {
  const china = new TimeZone('Asia/Shanghai');

  it('turns instants into China dates and times, whatever the process zone', () => {
    expect(china.date(new Date('2021-06-30T15:59:59Z'))).toBe('2021-06-30');
    expect(china.date(new Date('2021-06-30T16:00:00Z'))).toBe('2021-07-01');
    expect(china.minute('2021-12-16T08:04:30Z')).toBe('2021-12-16 16:04');
    expect(china.clock('2021-12-15T16:00:00Z')).toMatchObject({ year: 2021, month: 12, day: 16, hour: 0, minute: 0 });
  });

  it('finds the instant a local date reaches an hour, and the end of a local day', () => {
    expect(china.at('2021-07-01', 9).toISOString()).toBe('2021-07-01T01:00:00.000Z');
    expect(new Date(china.endOfDay('2021-03-31')).toISOString()).toBe('2021-03-31T15:59:59.999Z');
    expect(china.excel('2021-12-16T08:04:00Z').toISOString()).toBe('2021-12-16T16:04:00.000Z');
  });

  it('follows daylight saving where a zone has it', () => {
    const ny = new TimeZone('America/New_York');
    expect(ny.at('2021-01-15', 9).toISOString()).toBe('2021-01-15T14:00:00.000Z');
    expect(ny.at('2021-07-15', 9).toISOString()).toBe('2021-07-15T13:00:00.000Z');
    expect(ny.date('2021-07-15T03:59:00Z')).toBe('2021-07-14');
    expect(new TimeZone('UTC').minute('2021-12-16T08:04:30Z')).toBe('2021-12-16 08:04');
  });

  it('reads the same wall clock as Intl at every instant, around daylight-saving changes too', () => {
    const intl = (zone: string, ms: number) => {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(ms);
      const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
      return { year: n('year'), month: n('month'), day: n('day'), hour: n('hour') % 24, minute: n('minute'), second: n('second') };
    };
    const changes = ['2021-03-14T06:59:59Z', '2021-03-14T07:00:00Z', '2021-11-07T05:59:59Z', '2021-11-07T06:00:00Z', '2021-04-03T15:00:00Z'];
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'Europe/London']) {
      const tz = new TimeZone(zone);
      const instants = [...changes.map((c) => Date.parse(c)), ...Array.from({ length: 400 }, (_, i) => Date.UTC(2020, 0, 1) + i * 7_919_993_117 % (3 * 365 * 86_400_000))];
      for (const t of instants) for (const dt of [-1000, 0, 999, 1000]) expect(tz.clock(t + dt), `${zone} ${new Date(t + dt).toISOString()}`).toEqual(intl(zone, t + dt));
    }
  });

  it('knows IANA names and refuses others', () => {
    expect(canonicalTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(() => new TimeZone('GMT+25')).toThrow(RangeError);
  });
});
