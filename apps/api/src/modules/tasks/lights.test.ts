import { describe, expect, it } from 'vitest';
import { computeLight, type LightInput } from './lights.js';

const base: LightInput = { start: '2021-03-01', deadline: '2021-03-31', done: false, progress: null, returned: false, lastActionAt: null };
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
    expect(computeLight({ ...base, progress: 45 }, at('2021-03-16T04:00:00Z'), { blueDays: 3, lagTolerance: 10 }).light).toBe('green');
  });

  it('turn yellow when returned for poor quality, whatever the progress', () => {
    expect(computeLight({ ...base, progress: 90, returned: true }, at('2021-03-05T00:00:00Z')).light).toBe('yellow');
  });

  it('turn blue within the last days before the deadline, the deadline day included', () => {
    expect(computeLight({ ...base, progress: 95 }, at('2021-03-27T02:00:00Z')).light).toBe('green');
    expect(computeLight({ ...base, progress: 95 }, at('2021-03-28T02:00:00Z'))).toMatchObject({ light: 'blue', reason: '距办理期限还有 3 天' });
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
});
