import type { Database, Queryable } from '../db/database.js';
import { deleteHitsBefore, deleteLatestHit, insertHit, recentHits } from './rate-limits.repository.js';

/**
 * Counts events per key in a sliding window kept in the database, so every app instance behind one
 * PostgreSQL sees the same count: a burst spread over instances meets the same limit as one sent
 * to a single instance. Each key is serialised by an advisory lock while it is counted.
 */
export class RateLimiter {
  constructor(
    private readonly scope: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one event; returns seconds to wait if the key is over its limit (the event is then not recorded), else 0. */
  async hit(db: Database, key: string): Promise<number> {
    const t = this.now();
    return db.transaction(async (tx) => {
      const recent = await recentHits(tx, this.scope, key, new Date(t - this.windowMs));
      if (recent.length >= this.limit) return Math.max(1, Math.ceil((recent[0]!.getTime() + this.windowMs - t) / 1000));
      await insertHit(tx, this.scope, key, new Date(t));
      return 0;
    });
  }

  /** Takes back the key's latest event (an attempt that turned out not to count, such as a right password). */
  forget(db: Database, key: string): Promise<void> {
    return deleteLatestHit(db, this.scope, key);
  }

  /** Deletes every event older than the longest window in use (a day), whatever its scope. */
  static prune(db: Queryable, now = Date.now()): Promise<void> {
    return deleteHitsBefore(db, new Date(now - 24 * 3_600_000));
  }
}
