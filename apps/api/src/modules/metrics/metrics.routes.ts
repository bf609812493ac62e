import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../../app-context.js';
import { forbidden } from '../../errors.js';
import { scheduledScoreLagSeconds } from '../../jobs/scheduled-scores.js';
import { defineRoute } from '../../lib/route.js';
import { countJobsByStatus, findQueueBacklog } from '../reminders/reminders.repository.js';

/** The citizens' submission route: its answers are counted as submissions accepted, repeated (a retry) or refused. */
const SUBMISSION_ROUTE = 'POST /api/p/:slug/responses';

let processMetrics: Registry | undefined;
/** CPU, memory, event-loop delay and GC of this process: one set however many apps a process builds (tests build many). */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/** Sets a gauge from the database at scrape time; when the database does not answer, the gauge is left out rather than stale. */
const fromDatabase = <T extends string>(fill: (g: Gauge<T>) => Promise<void>) =>
  async function collect(this: Gauge<T>) {
    this.reset();
    await fill(this).catch(() => undefined);
  };

/** The app's own metrics, in a registry of its own. */
function appMetrics(ctx: AppContext) {
  const register = new Registry();
  const registers = [register];
  const requests = new Counter({ name: 'kaoping_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'] as const, registers });
  const duration = new Histogram({
    name: 'kaoping_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const submissions = new Counter({
    name: 'kaoping_citizen_submissions_total',
    help: "Citizens' public-evaluation submissions: accepted (a new response), repeated (a retry answered with its receipt), refused",
    labelNames: ['result'] as const,
    registers,
  });
  new Gauge({
    name: 'kaoping_database_up',
    help: 'Whether the database answered at this scrape (1) or not (0)',
    registers,
    async collect() {
      this.set(await ctx.db.query('select 1').then(() => 1, () => 0));
    },
  });
  if (ctx.db.poolStats()) {
    new Gauge({
      name: 'kaoping_db_pool_connections',
      help: 'PostgreSQL connection pool of this instance: connections open (total), idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const s = ctx.db.poolStats()!;
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
    new Gauge({ name: 'kaoping_db_pool_max', help: 'The most connections the pool of this instance opens', registers }).set(ctx.db.poolStats()!.max);
  }
  new Gauge({
    name: 'kaoping_reminders',
    help: 'Task reminders in the queue, by status (failed: given up after the last try; uncertain: an SMS that may or may not have gone out)',
    labelNames: ['status'] as const,
    registers,
    collect: fromDatabase(async (g) => {
      for (const r of await countJobsByStatus(ctx.db, undefined)) g.set({ status: r.status }, r.n);
    }),
  });
  const backlog = () => findQueueBacklog(ctx.db, ctx.clock.now());
  new Gauge({
    name: 'kaoping_reminders_retrying',
    help: 'Pending reminders whose last try failed, waiting for the next',
    registers,
    collect: fromDatabase(async (g) => g.set((await backlog()).retrying)),
  });
  new Gauge({
    name: 'kaoping_reminder_lag_seconds',
    help: 'How long the oldest reminder that is due has waited to be sent (0 when none waits): the reminder job is behind',
    registers,
    collect: fromDatabase(async (g) => g.set((await backlog()).lag_seconds)),
  });
  const hour = ctx.config.scoreScheduleHour;
  if (hour !== null) {
    new Gauge({
      name: 'kaoping_score_schedule_lag_seconds',
      help: "How long today's scheduled score run has been due without being stored for every current scheme (0 when done or not yet due)",
      registers,
      collect: fromDatabase(async (g) => g.set(await scheduledScoreLagSeconds(ctx.db, ctx.zone, ctx.clock.now(), hour))),
    });
  }

  const observe = (req: FastifyRequest, reply: FastifyReply) => {
    // The route pattern, never the raw URL, keeps the number of series bounded.
    const route = req.routeOptions.url ?? '(no route)';
    const status = reply.statusCode;
    requests.inc({ method: req.method, route, status: String(status) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    if (`${req.method} ${route}` === SUBMISSION_ROUTE) submissions.inc({ result: status === 201 ? 'accepted' : status === 200 ? 'repeated' : 'refused' });
  };
  return { register, observe };
}

/**
 * Prometheus metrics at /metrics, answered only to the addresses of METRICS_ALLOW (loopback by
 * default). Registered before the other routes so that every request is measured.
 */
export function registerMetrics(app: FastifyInstance, ctx: AppContext): void {
  const metrics = appMetrics(ctx);
  app.addHook('onResponse', async (req, reply) => metrics.observe(req, reply));

  defineRoute(app, {
    method: 'GET',
    url: '/metrics',
    produces: ['text/plain'],
    errors: ['FORBIDDEN'],
    summary: 'Prometheus metrics (text format); only for the addresses in METRICS_ALLOW',
    tags: ['system'],
    public: true,
    handler: async ({ req, reply }) => {
      if (!ctx.config.metricsAllow.includes(req.ip)) throw forbidden('指标只对 METRICS_ALLOW 所列地址开放 / metrics are served only to the addresses in METRICS_ALLOW');
      const text = (await processRegistry().metrics()) + (await metrics.register.metrics());
      return reply.header('content-type', metrics.register.contentType).header('cache-control', 'no-store').send(text);
    },
  });
}
