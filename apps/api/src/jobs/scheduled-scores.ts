import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { reportRunFailure } from '../modules/scores/run-failures.js';
import { findSchemesDueForScheduledRun as dueSchemes } from '../modules/scores/scores.repository.js';
import { runScores } from '../modules/scores/scores.service.js';
import type { TimeZone } from '../lib/time-zone.js';
import type { JobContext, JobLog } from './job-context.js';
import { runPeriodically } from './periodic.js';

const SYSTEM = { actorId: null, actorName: 'scheduler' };

/**
 * How far behind the daily score run is: the seconds since today's run fell due (at `hour`) while a
 * scheme still has none; 0 before that hour or once every scheme has its run.
 */
export async function scheduledScoreLagSeconds(db: Database, zone: TimeZone, now: Date, hour: number): Promise<number> {
  if (zone.clock(now).hour < hour) return 0;
  const today = zone.date(now);
  if (!(await dueSchemes(db, today)).length) return 0;
  return (now.getTime() - zone.at(today, hour).getTime()) / 1000;
}

/** What a day's check did: the runs it stored, and the schemes it could not score (the office is told). */
export interface ScheduledOutcome {
  made: number[];
  failed: { schemeId: number; message: string }[];
}

/**
 * Runs scoring once a day, at or after `hour` in the deployment's zone, for every published scheme of the
 * current year that has no scheduled run today. A scheme whose data cannot be scored stores no run,
 * is reported to the office once that day, and is tried again at the next check; the other schemes
 * are scored regardless. Calling it again the same day after success does nothing. A unique index
 * keeps racing instances to one run each.
 */
export async function runScheduledScores(db: Database, zone: TimeZone, now: Date, hour: number): Promise<ScheduledOutcome> {
  const outcome: ScheduledOutcome = { made: [], failed: [] };
  if (zone.clock(now).hour < hour) return outcome;
  const today = zone.date(now);
  const due = await dueSchemes(db, today);
  for (const s of due) {
    try {
      outcome.made.push((await runScores(db, s.id, { asOf: today, trigger: 'schedule', userId: null }, SYSTEM)).id);
    } catch (err) {
      // Another instance stored today's run first.
      if ((err as { code?: string }).code === '23505') continue;
      if (!(err instanceof AppError)) throw err;
      await db.transaction((tx) => reportRunFailure(tx, s, today, err, SYSTEM));
      outcome.failed.push({ schemeId: s.id, message: err.message });
    }
  }
  return outcome;
}

/** Checks every `everyMs`, at the context's clock, whether today's scheduled runs are due; returns a stop function. */
export function startScoreSchedule(ctx: JobContext, hour: number, log: JobLog, everyMs = 15 * 60_000): () => void {
  return runPeriodically(
    everyMs,
    async () => {
      const { made, failed } = await runScheduledScores(ctx.db, ctx.zone, ctx.clock.now(), hour);
      if (made.length) log('scheduled score runs done', { runs: made });
      if (failed.length) log('scheduled score runs could not score', { failed });
    },
    (err) => log('scheduled score run failed', { err: err instanceof Error ? err.message : String(err) }),
  );
}
