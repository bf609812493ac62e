import { KeptAnswers } from './lib/kept-answers.js';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.js';
import { registerCampaignRoutes } from './modules/campaigns/campaigns.routes.js';
import { registerPortalRoutes } from './modules/campaigns/portal.routes.js';
import { SmsGuard } from './modules/campaigns/portal.service.js';
import { systemClock, type Clock } from './lib/clock.js';
import { DomainEventBus } from './lib/domain-events.js';
import { Privacy } from './modules/privacy/privacy.js';
import { outboxSmsProvider } from './modules/sms/sms-provider.js';
import { registerSuggestionRoutes } from './modules/suggestions/suggestions.routes.js';
import { registerTaskOriginRoutes } from './modules/task-origins/task-origins.routes.js';
import { registerTaskRoutes } from './modules/tasks/tasks.routes.js';
import { registerMeetingRoutes } from './modules/meetings/meetings.routes.js';
import { registerReminderRoutes } from './modules/reminders/reminders.routes.js';
import { registerLedgerRoutes } from './modules/ledger/ledger.routes.js';
import { registerProjectRoutes } from './modules/projects/projects.routes.js';
import { registerSupervisionOverviewRoutes } from './modules/supervision-overview/supervision-overview.routes.js';
import { registerWorkbenchRoutes } from './modules/workbench/workbench.routes.js';
import { registerOpen311Routes } from './modules/open311/open311.routes.js';
import { registerBulletinRoutes } from './modules/bulletins/bulletins.routes.js';
import { registerScreenRoutes } from './modules/screen/screen.routes.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { AppError } from './errors.js';
import { hasBody, SPREADSHEET_TYPES } from './lib/content-types.js';
import { swaggerOptions } from './lib/openapi.js';
import { TimeZone } from './lib/time-zone.js';
import { createLoginGuards } from './modules/auth/auth.service.js';
import { registerAuditRoutes } from './modules/audit/audit.routes.js';
import { registerAuthRoutes } from './modules/auth/auth.routes.js';
import { registerHealthRoutes } from './modules/health/health.routes.js';
import { registerMetrics } from './modules/metrics/metrics.routes.js';
import { registerDeploymentRoutes } from './modules/deployment/deployment.routes.js';
import { registerTokenRoutes } from './modules/tokens/tokens.routes.js';
import { registerUnitRoutes } from './modules/units/units.routes.js';
import { registerUserRoutes } from './modules/users/users.routes.js';
import { registerSchemeRoutes } from './modules/schemes/schemes.routes.js';
import { registerReportingRoutes } from './modules/reporting/reporting.routes.js';
import { registerScoreRoutes } from './modules/scores/scores.routes.js';
import { ASSESSMENT_EVIDENCE_TYPES } from './modules/files/files.js';
import { registerErrorHandler, replyWithError } from './plugins/error-handler.js';
import { registerPortalStatic } from './plugins/portal-static.js';
import { registerPrincipal } from './plugins/principal.js';
import { registerSecurityHeaders, staticCaching } from './plugins/security-headers.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered (method and URL pattern), so tests can walk the whole API. */
    routeList: { method: string; url: string }[];
    /** The context the routes were built with; the server's background jobs run on it too (its clock, zone, database). */
    ctx: AppContext;
  }
}

const ADMIN_DIST = fileURLToPath(new URL('../../admin/dist/', import.meta.url));

export interface BuildOptions {
  config: Config;
  db: Database;
  /** false silences logs (tests); default: JSON logs at config.logLevel. */
  logger?: boolean;
  /** The time lights, deadlines and "today" are counted from; the system's by default. */
  clock?: Clock;
}

/**
 * TRUST_PROXY as Fastify takes it. A hop count trusts that many addresses nearest the server
 * (the socket's peer first), as Express does; Fastify itself refuses numbers, because a client
 * that can reach the port directly could then name its own address (see docs/OPERATIONS.md).
 */
function trustedProxies(setting: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting !== 'number') return setting;
  return (_address, hop) => hop < setting;
}

/** Builds the whole product (API, docs, admin UI) without listening, so tests can inject requests. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: opts.config.logLevel },
    // Accept a caller's request id if it is sane, so logs can be joined across services.
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(h) ? h : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For/-Proto are believed only from the proxies TRUST_PROXY names; off, the socket's address is the client's.
    trustProxy: trustedProxies(opts.config.trustProxy),
    // A malformed URL (bad percent-encoding) is rejected before routing; answer it in the API's error shape too.
    frameworkErrors: replyWithError,
  });
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routeList.push({ method, url: r.url });
  });
  const replica = opts.config.databaseReplicaUrl ? await openDatabase({ databaseUrl: opts.config.databaseReplicaUrl, dataDir: ':memory:' }) : null;
  if (replica) app.addHook('onClose', async () => replica.close());
  const ctx: AppContext = {
    config: opts.config,
    db: opts.db,
    events: new DomainEventBus(),
    reads: replica ?? opts.db,
    loginGuards: createLoginGuards(opts.config),
    privacy: new Privacy(opts.db, opts.config.privacyKey),
    sms: outboxSmsProvider,
    smsGuard: new SmsGuard(),
    zone: new TimeZone(opts.config.timeZone),
    clock: opts.clock ?? systemClock,
    kept: new KeptAnswers(),
  };
  app.decorate('ctx', ctx);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // Nothing is read for an address that has no route: say so before the body arrives.
    if (req.is404 && hasBody(req)) throw new AppError('NOT_FOUND', `没有这个接口 / no such endpoint: ${req.method} ${req.url.split('?')[0]}`);
  });
  registerSecurityHeaders(app, opts.config.streamHosts);
  // Routes validate with zod inside defineRoute; the JSON schemas given to Fastify are for the OpenAPI document only.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  // Parsers of the raw bodies some routes take (scheme documents as YAML text, spreadsheets and
  // evidence files as bytes). A route reads only the types it declares (`accepts` in defineRoute):
  // any other is refused before its body is read.
  app.addContentTypeParser(['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'], { parseAs: 'string', bodyLimit: 2 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );
  app.addContentTypeParser([...new Set([...SPREADSHEET_TYPES, ...ASSESSMENT_EVIDENCE_TYPES])], { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  registerErrorHandler(app);
  await app.register(cookie);
  registerPrincipal(app, opts.db);

  await app.register(swagger, swaggerOptions);
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerHealthRoutes(app, ctx);
  registerMetrics(app, ctx);
  registerDeploymentRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerUnitRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerTokenRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerSchemeRoutes(app, ctx);
  registerReportingRoutes(app, ctx);
  registerScoreRoutes(app, ctx);
  registerCampaignRoutes(app, ctx);
  registerPortalRoutes(app, ctx);
  await registerPortalStatic(app);
  registerSuggestionRoutes(app, ctx);
  await registerTaskRoutes(app, ctx);
  registerTaskOriginRoutes(app, ctx);
  registerMeetingRoutes(app, ctx);
  registerReminderRoutes(app, ctx);
  await registerLedgerRoutes(app, ctx);
  registerProjectRoutes(app, ctx);
  registerSupervisionOverviewRoutes(app, ctx);
  registerBulletinRoutes(app, ctx);
  registerWorkbenchRoutes(app, ctx);
  await registerOpen311Routes(app, ctx);
  registerScreenRoutes(app, ctx);

  const hasAdmin = existsSync(ADMIN_DIST + 'index.html');
  // The build's brotli and gzip copies (scripts/precompress.ts) go to browsers that accept them.
  if (hasAdmin) await app.register(fastifyStatic, { root: ADMIN_DIST, wildcard: false, preCompressed: true, setHeaders: staticCaching });
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api' || req.url.startsWith('/open311/') || req.method !== 'GET') {
      throw new AppError('NOT_FOUND', `没有这个接口 / no such endpoint: ${req.method} ${req.url.split('?')[0]}`);
    }
    // Client-side routes of the admin UI all load its index page.
    if (hasAdmin) return reply.type('text/html').sendFile('index.html');
    return reply.type('text/html').send('<p>管理界面尚未构建：请运行 <code>npm run build:admin</code>。Admin UI not built: run <code>npm run build:admin</code>.</p>');
  });
  return app;
}
