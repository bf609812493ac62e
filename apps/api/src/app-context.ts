import type { Config } from './config.js';

import type { Clock } from './lib/clock.js';
import type { KeptAnswers } from './lib/kept-answers.js';
import type { DomainEventBus } from './lib/domain-events.js';
import type { Database, Queryable } from './db/database.js';
import type { TimeZone } from './lib/time-zone.js';
import type { LoginGuards } from './modules/auth/auth.service.js';
import type { SmsGuard } from './modules/campaigns/portal.service.js';
import type { Privacy } from './modules/privacy/privacy.js';
import type { SmsProvider } from './modules/sms/sms-provider.js';

/** What every module's routes need: built once in buildApp and passed down explicitly. */
export interface AppContext {
  config: Config;
  db: Database;
  /** What modules announce to one another (lib/domain-events.ts). */
  events: DomainEventBus;
  /**
   * Where read-only pages that tolerate a moment's replication lag are read: the replica of
   * DATABASE_REPLICA_URL, or `db` itself when none is configured. Never written to.
   */
  reads: Queryable;
  loginGuards: LoginGuards;
  /** Keyed hashes for phone numbers and devices of citizens. */
  privacy: Privacy;
  sms: SmsProvider;
  smsGuard: SmsGuard;
  /** The deployment's time zone (TIME_ZONE): dates and times are shown, exported and counted there. */
  zone: TimeZone;
  /** What time it is: the system's, or a test's fixed clock. */
  clock: Clock;
  /** Answers that do not change once made, kept serialised in this process (lib/kept-answers.ts). */
  kept: KeptAnswers;
}

/** Today's date (YYYY-MM-DD) in the deployment's zone by the context's clock: what "today" means to a route. */
export const today = (ctx: Pick<AppContext, 'zone' | 'clock'>): string => ctx.zone.date(ctx.clock.now());
