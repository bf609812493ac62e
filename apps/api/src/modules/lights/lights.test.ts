import { describe, expect, it } from 'vitest';
import { TimeZone } from '../../lib/time-zone.js';
import { computeLight, DEFAULT_LIGHT_RULES, type LightInput } from './lights.js';

const base: LightInput = { start: '2021-03-01', scheduleFrom: '2021-03-01', deadline: '2021-03-31', done: false, progress: null, returned: false, lastActionAt: null };
const at = (iso: string) => new Date(iso);

describe('lights', () => {
  it('are green while completion keeps up with 时序进度', () => {
    // 10 March, end of day ≈ a third of the window.
    expect(computeLight({ ...base, progress: 40 }, at('2021-03-10T16:00:00Z')).light).toBe('green');
  });

  it('turn yellow when completion trails 时序进度, naming both', () => {
    const r = computeLight({ ...base, progress: 20 }, at('2021-03-16T04:00:00Z'));
    expect(r.light).toBe('yellow');
    expect(r.reason).toBe('完成 20%，落后于时序进度 50%');
  });

  it('tolerate a configured lag', () => {
    expect(computeLight({ ...base, progress: 45 }, at('2021-03-16T04:00:00Z'), { rules: { ...DEFAULT_LIGHT_RULES, lagTolerance: 10 } }).light).toBe('green');
  });

  it('turn yellow when returned for poor quality, whatever the progress', () => {
    expect(computeLight({ ...base, progress: 90, returned: true }, at('2021-03-05T00:00:00Z')).light).toBe('yellow');
  });

  it('turn blue within the last days before the deadline, the deadline day included', () => {
    expect(computeLight({ ...base, progress: 95 }, at('2021-03-27T02:00:00Z')).light).toBe('green');
    expect(computeLight({ ...base, progress: 95 }, at('2021-03-28T02:00:00Z'))).toMatchObject({ light: 'blue', reason: '距期限还有 3 天' }); // a task's 办理期限 or a problem's 整改期限
    expect(computeLight({ ...base, progress: 100 }, at('2021-03-31T15:00:00Z'))).toMatchObject({ light: 'blue', reason: '今天到期' }); // 23:00 in China, still on time
  });

  it('turn red once overdue, with an alert until a corrective action is reported', () => {
    const late = computeLight({ ...base, progress: 80 }, at('2021-04-02T02:00:00Z'));
    expect(late).toMatchObject({ light: 'red', reason: '已超期 2 天', alert: true });
    const acting = computeLight({ ...base, progress: 80, lastActionAt: '2021-04-01T03:00:00Z' }, at('2021-04-02T02:00:00Z'));
    expect(acting).toMatchObject({ light: 'red', alert: false });
    // An action from before the deadline is not a corrective one.
    expect(computeLight({ ...base, progress: 80, lastActionAt: '2021-03-20T03:00:00Z' }, at('2021-04-02T02:00:00Z')).alert).toBe(true);
  });

  it('are off once the item is closed out', () => {
    expect(computeLight({ ...base, done: true }, at('2021-05-01T00:00:00Z'))).toMatchObject({ light: null, alert: false });
  });

  it('put red before yellow before blue', () => {
    expect(computeLight({ ...base, progress: 0, returned: true }, at('2021-04-01T00:00:00Z')).light).toBe('red');
    expect(computeLight({ ...base, progress: 10 }, at('2021-03-30T00:00:00Z')).light).toBe('yellow');
  });

  it('give the reason in the reader\'s language', () => {
    expect(computeLight({ ...base, progress: 20 }, at('2021-03-16T04:00:00Z'), { lang: 'en' }).reason).toBe("20% done, behind the schedule's 50%");
    expect(computeLight({ ...base, progress: 80 }, at('2021-04-02T02:00:00Z'), { lang: 'en' }).reason).toBe('2 days overdue');
    expect(computeLight({ ...base, progress: 95 }, at('2021-03-28T02:00:00Z'), { lang: 'en' }).reason).toBe('3 days to the deadline');
  });

  it('count days in the deployment\'s zone', () => {
    // 2021-03-31T20:00Z is already 1 April in China, still 31 March in New York.
    expect(computeLight({ ...base, progress: 100 }, at('2021-03-31T20:00:00Z')).light).toBe('red');
    expect(computeLight({ ...base, progress: 100 }, at('2021-03-31T20:00:00Z'), { zone: new TimeZone('America/New_York') })).toMatchObject({ light: 'blue', reason: '今天到期' });
  });
});

describe('时序进度 of a task', () => {
  // Issued on Monday 1 March 2021, due on 31 March; three working days of grace by default.
  const issued: LightInput = { ...base, progress: 0 };

  it('does not light yellow the day a task is signed for, nor during the grace', () => {
    const today = computeLight({ ...issued, scheduleFrom: '2021-03-01T02:00:00Z' }, at('2021-03-01T09:00:00Z'));
    expect(today.light).toBe('green');
    // Thursday 4 March: three working days after the Monday it was signed, still within the grace.
    expect(computeLight(issued, at('2021-03-04T09:00:00Z')).light).toBe('green');
  });

  it('lights yellow once the grace is over and the task is behind schedule', () => {
    const friday = computeLight(issued, at('2021-03-05T09:00:00Z'));
    expect(friday).toMatchObject({ light: 'yellow', reason: '完成 0%，落后于时序进度 15%' });
    // Keeping up after the grace stays green.
    expect(computeLight({ ...issued, progress: 20 }, at('2021-03-05T09:00:00Z')).light).toBe('green');
  });

  it('counts the grace in working days: a holiday and a weekend do not use it up', () => {
    const calendar = { holidays: new Set(['2021-03-02', '2021-03-03']), workdays: new Set<string>() };
    // Thursday, Friday and Monday are the three working days of grace; Tuesday the 9th it may be yellow.
    expect(computeLight(issued, at('2021-03-08T09:00:00Z'), { calendar }).light).toBe('green');
    expect(computeLight(issued, at('2021-03-09T09:00:00Z'), { calendar }).light).toBe('yellow');
    expect(computeLight(issued, at('2021-03-05T09:00:00Z'), { rules: { ...DEFAULT_LIGHT_RULES, graceDays: 0 } }).light).toBe('yellow');
  });

  it('starts only when the unit signs for it: until then nothing is expected, and it can still turn blue or red', () => {
    const unsigned = { ...issued, scheduleFrom: null };
    expect(computeLight(unsigned, at('2021-03-20T09:00:00Z'))).toMatchObject({ light: 'green', expected: 0 });
    expect(computeLight(unsigned, at('2021-03-30T09:00:00Z')).light).toBe('blue');
    expect(computeLight(unsigned, at('2021-04-02T09:00:00Z')).light).toBe('red');
    // Signed on the 15th at 10:00: the schedule runs from then to the end of the 31st, half of it gone on the 23rd at 17:00.
    const late = computeLight({ ...issued, scheduleFrom: '2021-03-15T02:00:00Z' }, at('2021-03-23T09:00:00Z'));
    expect(late.light).toBe('yellow');
    expect(Math.round(late.expected)).toBe(50);
  });
});
