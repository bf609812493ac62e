import type { Database } from '../db/database.js';
import type { TimeZone } from '../lib/time-zone.js';
import { runScores } from '../modules/scores/scores.service.js';

const SYSTEM = { actorId: null, actorName: 'scheduler' };

/**
 * Runs scoring once a day, at or after `hour` in the deployment's zone, for every published scheme of the
 * current year that has no scheduled run today. Returns the ids of the runs it made; calling it
 * again the same day does nothing. A unique index keeps racing instances to one run each.
 */
export async function runScheduledScores(db: Database, zone: TimeZone, now: Date, hour: number): Promise<number[]> {
  if (zone.clock(now).hour < hour) return [];
  const today = zone.date(now);
  const due = await db.query<{ id: number }>(
    `select s.id from schemes s
      where s.status = 'published' and s.year = $1
        and not exists (select 1 from score_runs r where r.scheme_id = s.id and r.trigger = 'schedule' and r.as_of = $2::date)`,
    [Number(today.slice(0, 4)), today],
  );
  const made: number[] = [];
  for (const s of due) {
    try {
      made.push((await runScores(db, s.id, { asOf: today, trigger: 'schedule', userId: null }, SYSTEM)).id);
    } catch (err) {
      // Another instance stored today's run first.
      if ((err as { code?: string }).code !== '23505') throw err;
    }
  }
  return made;
}

/** Checks every `everyMs` whether today's scheduled runs are due; returns a stop function. */
export function startScoreSchedule(db: Database, zone: TimeZone, hour: number, log: (msg: string, extra?: object) => void, everyMs = 15 * 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const ids = await runScheduledScores(db, zone, new Date(), hour);
      if (ids.length) log('scheduled score runs done', { runs: ids });
    } catch (err) {
      log('scheduled score run failed', { err: err instanceof Error ? err.message : String(err) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
