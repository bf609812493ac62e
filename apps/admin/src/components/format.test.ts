import dayjs from 'dayjs';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDateTime, formatTimestamp, fromPicker, setTimeZone, toPicker } from './format';

describe('times in the admin', () => {
  afterEach(() => setTimeZone('Asia/Shanghai'));

  it('are shown on the deployment’s clock, not UTC and not the browser’s', () => {
    setTimeZone('Asia/Shanghai');
    expect(formatDateTime('2021-09-30T01:00:00.000Z')).toBe('2021-09-30 09:00');
    expect(formatTimestamp('2021-09-30T16:30:05.000Z')).toBe('2021-10-01 00:30:05');
    setTimeZone('Europe/Berlin');
    expect(formatDateTime('2021-09-30T01:00:00.000Z')).toBe('2021-09-30 03:00');
  });

  it('show a dash for nothing or garbage instead of "Invalid Date"', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatTimestamp('not a date')).toBe('not a date');
  });

  it('round-trip through a date picker as the deployment’s wall clock', () => {
    setTimeZone('Asia/Shanghai');
    const picked = toPicker('2021-10-01T00:00:00.000Z');
    expect(picked.format('YYYY-MM-DD HH:mm')).toBe('2021-10-01 08:00');
    expect(fromPicker(picked)).toBe('2021-10-01T00:00:00.000Z');
    expect(fromPicker(dayjs('2021-12-31T23:59:00'))).toBe('2021-12-31T15:59:00.000Z');
  });
});
