import type { AppContext } from '../app-context.js';

/**
 * What a background job needs of the app: the database, the deployment's zone and the clock. The
 * server passes the app's own context (`app.ctx`), so a job counts from `ctx.clock` like the routes
 * do: the system's clock in production, a test's fixed or moved one in tests.
 */
export type JobContext = Pick<AppContext, 'db' | 'zone' | 'clock'>;

export type JobLog = (msg: string, extra?: object) => void;
