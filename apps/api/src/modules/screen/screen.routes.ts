import type { ServerResponse } from 'node:http';
import { idParams } from '../../lib/route.js';
import { kioskCreateSchema, kioskIssuedSchema, kioskListSchema, kioskSchema, screenDataSchema, screenPhotoParamsSchema, screenQuerySchema, screenStreamInfoSchema, type ScreenEventKind } from '@kaoping/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { sendFile } from '../../lib/download.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute } from '../../lib/route.js';
import { ScreenEvents } from './screen-events.js';
import { screenPolicies } from './screen.policy.js';
import * as screen from './screen.service.js';

/** A comment line every so often keeps proxies and the browser from dropping an idle stream. */
const KEEP_ALIVE_MS = 15_000;

/**
 * Which part of the screen a successful write may have changed, by its route; null for writes the
 * screen does not show (sign-in, accounts, tokens, the display links themselves).
 */
export function changedBy(method: string, route: string | undefined): ScreenEventKind | null {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || !route) return null;
  if (route === '/api/p/:slug/responses') return 'responses';
  if (/^\/api\/(tasks|problems|inspections|supervision)(\/|$)/.test(route)) return 'supervision';
  if (/^\/api\/(auth|users|tokens|screen|p|sms-outbox|audit|reminders)(\/|$)/.test(route) || !route.startsWith('/api/')) return null;
  return 'data';
}

const STREAM_INFO = { stream: 'text/event-stream' as const, events: ['ready', 'change', 'revoked'] };

/** The headers a hijacked stream must set itself (the onSend hooks do not run for it). */
function streamHeaders(req: FastifyRequest): Record<string, string> {
  return {
    'content-type': 'text/event-stream; charset=utf-8',
    // no-transform: no proxy may compress or buffer the stream.
    'cache-control': 'no-store, no-transform',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'x-request-id': req.id,
  };
}

export function registerScreenRoutes(app: FastifyInstance, ctx: AppContext, opts: { lightCheckMs?: number } = {}): ScreenEvents {
  const { db } = ctx;
  const locale = { lang: 'zh' as const, zone: ctx.zone };
  const events = new ScreenEvents(db, {
    databaseUrl: ctx.config.databaseUrl,
    lightCheckMs: opts.lightCheckMs,
    lightFingerprint: () => screen.lightFingerprint(db, locale),
    log: (msg, extra) => app.log.warn(extra ?? {}, msg),
  });
  const streams = new Set<ServerResponse>();

  // Every successful write the screen shows tells the screens (here and, through PostgreSQL, on every instance).
  app.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode >= 300) return;
    const kind = changedBy(req.method, req.routeOptions.url);
    if (kind) events.publish(kind);
  });
  // Open streams would hold the server open: end them before it closes.
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
    streams.clear();
  });
  app.addHook('onClose', async () => events.close());

  defineRoute(app, {
    method: 'GET',
    url: '/api/screen',
    summary: 'The leaders’ big screen: per county, district and park the score, rank, red items and lagging projects; rankings, lights, ledger close-out, project rates, live participation and the newest inspection photos. Signed-in leaders and offices, or `?kiosk=` with a display link',
    tags: ['screen'],
    public: true,
    query: screenQuerySchema,
    response: screenDataSchema,
    revalidates: true,
    handler: async ({ req, query, lang, reply }) => {
      const viewer = await screen.screenViewer(db, req.principal, query.kiosk);
      authorize(viewer, screenPolicies.view);
      const now = ctx.clock.now();
      // Every screen of a city shows the same: one answer serves them until what it shows changes
      // (a screen event, here or from another instance) or for a minute at most (lights turn and
      // hours pass by the clock alone).
      const key = `screen:${events.generation}:${Math.floor(now.getTime() / 60_000)}:${lang}:${viewer.role}:${viewer.unitId ?? ''}`;
      return ctx.kept.answer(reply, key, () => screen.screenData(db, viewer, { lang, zone: ctx.zone }, now));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/screen/events',
    summary: 'Server-sent events: `change` (data: {"kinds":[…]}) whenever what the big screen shows changes, on any instance; comment lines keep the stream alive',
    tags: ['screen'],
    public: true,
    query: screenQuerySchema,
    response: screenStreamInfoSchema,
    handler: async ({ req, reply, query }) => {
      authorize(await screen.screenViewer(db, req.principal, query.kiosk), screenPolicies.view);
      // An EventSource asks for the stream; any other caller is told what it would get instead of being held open.
      if (!String(req.headers.accept ?? '').includes('text/event-stream')) return STREAM_INFO;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, streamHeaders(req));
      res.write('retry: 3000\n\nevent: ready\ndata: {}\n\n');
      streams.add(res);
      // A display link's stream ends once the link is revoked (told by an `access` event, or seen at the next keep-alive).
      const stillAllowed = async () => {
        if (query.kiosk === undefined || (await screen.kioskLive(db, query.kiosk))) return true;
        res.write('event: revoked\ndata: {}\n\n');
        res.end();
        return false;
      };
      const unsubscribe = events.subscribe((kinds) => {
        void (async () => {
          if (kinds.includes('access') && !(await stillAllowed())) return;
          const shown = kinds.filter((k) => k !== 'access');
          if (shown.length) res.write(`event: change\ndata: ${JSON.stringify({ kinds: shown })}\n\n`);
        })().catch(() => res.end());
      });
      const keepAlive = setInterval(() => {
        void stillAllowed()
          .then((ok) => ok && res.write(': keep-alive\n\n'))
          .catch(() => res.end());
      }, KEEP_ALIVE_MS);
      const done = () => {
        clearInterval(keepAlive);
        unsubscribe();
        streams.delete(res);
      };
      req.raw.on('close', done);
      res.on('close', done);
      res.on('error', done);
      // The stream was answered above (the reply is hijacked); this value is never sent.
      return STREAM_INFO;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/screen/photos/:mediaId',
    produces: ['image/jpeg'],
    summary: 'The thumbnail of one of the newest inspection photos the big screen shows',
    tags: ['screen'],
    public: true,
    params: screenPhotoParamsSchema,
    query: screenQuerySchema,
    handler: async ({ req, reply, params, query }) => {
      const viewer = await screen.screenViewer(db, req.principal, query.kiosk);
      authorize(viewer, screenPolicies.view);
      return sendFile(reply, await screen.screenPhoto(db, viewer, params.mediaId), true);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/screen/kiosks',
    summary: 'The big screen’s display links (secrets are never shown again)',
    tags: ['screen'],
    response: kioskListSchema,
    handler: async ({ principal }) => {
      authorize(principal, screenPolicies.manageKiosks);
      return { items: await screen.listKiosks(db) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/screen/kiosks',
    summary: 'Make a read-only display link for the hall’s PC: it opens /screen and its events, nothing else',
    tags: ['screen'],
    body: kioskCreateSchema,
    response: kioskIssuedSchema,
    successStatus: 201,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, screenPolicies.manageKiosks);
      return screen.issueKiosk(db, principal, body.name, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/screen/kiosks/:id/revoke',
    summary: 'Revoke a display link: the screen it opened stops at once',
    tags: ['screen'],
    params: idParams,
    response: kioskSchema,
    handler: async ({ principal, params, audit }) => {
      authorize(principal, screenPolicies.manageKiosks);
      const revoked = await screen.revokeKiosk(db, principal, params.id, audit);
      events.publish('access');
      return revoked;
    },
  });

  return events;
}
