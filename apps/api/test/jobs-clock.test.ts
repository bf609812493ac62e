import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReminders } from '../src/jobs/reminders.js';
import { startScoreSchedule } from '../src/jobs/scheduled-scores.js';
import { TimeZone } from '../src/lib/time-zone.js';
import type { ReminderChannels } from '../src/modules/reminders/channels.js';
import { makeScheme, makeTask, signIn } from './factories.js';
import { buildTestApp, type TestApp } from './helpers.js';

/**
 * The background jobs count from the app's clock (`app.ctx.clock`), as the server runs them: the
 * test starts the real job loops on a short interval, moves the clock and reads what people see.
 */

const CHINA = new TimeZone('Asia/Shanghai');
let t: TestApp;
let now = CHINA.at('2021-09-29', 10);
/** How often the clock was read: a job loop reads it once a pass, so this counts passes while no request runs. */
let reads = 0;
const setClock = (date: string, hour: number, minute = 0) => (now = CHINA.at(date, hour, minute));
const passes = async (n: number) => {
  const target = reads + n;
  await expect.poll(() => reads, { timeout: 10_000, interval: 10 }).toBeGreaterThanOrEqual(target);
};
const log = () => undefined;

beforeAll(async () => {
  t = await buildTestApp({
    clock: {
      now: () => {
        reads++;
        return new Date(now);
      },
    },
  });
  // The city's deployment counts hours in China time.
  expect(t.app.ctx.zone.name).toBe('Asia/Shanghai');
});
afterAll(async () => t?.close());

describe('the reminder job on a moved clock', () => {
  it('sends the 临近提醒 once when the clock reaches its time, however many passes run', async () => {
    setClock('2021-09-29', 10);
    // Due Monday 11 October, after the National Day holiday: the 临近提醒 falls due at 09:00 on 30 September.
    const task = await makeTask(t, { title: '背街小巷改造（提醒）', startDate: '2021-06-01', deadline: '2021-10-11', milestones: [] }, { status: 'in_progress' });
    const reporter = await signIn(t, '430421-reporter');
    const mine = async () =>
      ((await reporter.get('/api/inbox')).json() as { items: { taskId: number | null; kind: string; title: string }[] }).items.filter((i) => i.taskId === task.id);
    const channels: ReminderChannels = { email: null, sms: null, webhook: null };
    const stop = startReminders(t.app.ctx, channels, 10, log);
    try {
      await passes(3);
      expect(await mine()).toEqual([]);
      // Planned at 07:00 but not yet due.
      setClock('2021-09-30', 8);
      await passes(3);
      expect(await mine()).toEqual([]);
      setClock('2021-09-30', 9, 30);
      await expect.poll(async () => (await mine()).length, { timeout: 10_000 }).toBe(1);
      // More passes the same day and the days after, up to the deadline's eve: nothing more.
      await passes(5);
      setClock('2021-10-08', 10);
      await passes(5);
    } finally {
      await stop();
    }
    expect(await mine()).toEqual([expect.objectContaining({ kind: 'approaching', title: '【临近提醒】背街小巷改造（提醒）' })]);
  });
});

describe('the daily score run on a moved clock', () => {
  it('runs when the clock passes the configured hour, once a day', async () => {
    setClock('2021-06-30', 1, 30);
    const scheme = await makeScheme(t);
    const office = await signIn(t, 'office');
    const scheduled = async () =>
      ((await office.get(`/api/schemes/${scheme.id}/runs`)).json() as { items: { trigger: string; asOf: string }[] }).items.filter((r) => r.trigger === 'schedule').map((r) => r.asOf);
    const stop = startScoreSchedule(t.app.ctx, 2, log, 10);
    try {
      await passes(3);
      expect(await scheduled()).toEqual([]);
      setClock('2021-06-30', 2, 5);
      await expect.poll(scheduled, { timeout: 10_000 }).toEqual(['2021-06-30']);
      setClock('2021-06-30', 23);
      await passes(5);
      expect(await scheduled()).toEqual(['2021-06-30']);
      // The next day, not before the hour.
      setClock('2021-07-01', 1, 59);
      await passes(5);
      expect(await scheduled()).toEqual(['2021-06-30']);
      setClock('2021-07-01', 2);
      await expect.poll(async () => (await scheduled()).sort(), { timeout: 10_000 }).toEqual(['2021-06-30', '2021-07-01']);
    } finally {
      stop();
    }
  });
});
