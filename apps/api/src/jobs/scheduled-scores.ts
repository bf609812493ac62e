import type { Database } from '../db/database.js';
import { runScores } from '../modules/scores/scores.service.js';

const SYSTEM = { actorId: null, actorName: 'scheduler' };

const localDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Published schemes of the current year without a scheduled run today. */
function dueSchemes(db: Database, now: Date): Promise<{ id: number }[]> {
  return db.query<{ id: number }>(
    `select s.id from schemes s
      where s.status = 'published' and s.year = $1
        and not exists (select 1 from score_runs r where r.scheme_id = s.id and r.trigger = 'schedule' and r.as_of = $2::date)`,
    [now.getFullYear(), localDate(now)],
  );
}

/**
 * How far behind the daily score run is: the seconds since today's run fell due (at `hour`) while a
 * scheme still has none; 0 before that hour or once every scheme has its run.
 */
export async function scheduledScoreLagSeconds(db: Database, now: Date, hour: number): Promise<number> {
  if (now.getHours() < hour) return 0;
  if (!(await dueSchemes(db, now)).length) return 0;
  const dueAt = new Date(now);
  dueAt.setHours(hour, 0, 0, 0);
  return (now.getTime() - dueAt.getTime()) / 1000;
}

/**
 * Runs scoring once a day, at or after `hour` (server time), for every published scheme of the
 * current year that has no scheduled run today. Returns the ids of the runs it made; calling it
 * again the same day does nothing. A unique index keeps racing instances to one run each.
 */
export async function runScheduledScores(db: Database, now: Date, hour: number): Promise<number[]> {
  if (now.getHours() < hour) return [];
  const today = localDate(now);
  const due = await dueSchemes(db, now);
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
export function startScoreSchedule(db: Database, hour: number, log: (msg: string, extra?: object) => void, everyMs = 15 * 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const ids = await runScheduledScores(db, new Date(), hour);
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
