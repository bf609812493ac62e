import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../errors.js';
import { RateLimiter } from '../../lib/rate-limiter.js';
import { JSON_TYPE } from '../../lib/content-types.js';
import { defineRoute } from '../../lib/route.js';
import { classify } from '../../plugins/error-handler.js';
import { truncateIp } from '../campaigns/privacy.js';
import * as open311 from './open311.service.js';

// Form fields arrive as strings; numbers are coerced, empty fields treated as absent.
const optionalNumber = (min: number, max: number) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().min(min).max(max).optional());

/** GeoReport v2 lets clients send any of its optional fields; unknown ones are ignored as the spec allows. */
const requestBody = z.looseObject({
  service_code: z.string().min(1).max(40),
  description: z.string().trim().min(5, '描述至少 5 个字 / at least 5 characters').max(4000),
  lat: optionalNumber(-90, 90),
  long: optionalNumber(-180, 180),
  address_string: z.string().max(300).optional(),
});

const listQuery = z.looseObject({
  service_request_id: z
    .string()
    .regex(/^\d{1,9}(,\d{1,9}){0,99}$/, '以逗号分隔的编号 / comma-separated ids')
    .optional(),
  service_code: z.string().max(40).optional(),
  start_date: z.iso.datetime({ offset: true }).optional(),
  end_date: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(['open', 'closed']).optional(),
});

const FORM_TYPE = 'application/x-www-form-urlencoded';

const idParams = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * Open311 GeoReport v2 (JSON): existing civic clients file and follow suggestions. Its own scope
 * so that errors come in GeoReport's shape and form-encoded bodies (what most clients send) parse.
 */
export async function registerOpen311Routes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  const perAddress = new RateLimiter('open311', 20, 60 * 60_000);
  await app.register(async (scope) => {
    scope.addContentTypeParser(FORM_TYPE, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.setErrorHandler((err: FastifyError, req, reply) => {
      const { status, body } = classify(err, req);
      if (status >= 500) req.log.error({ err }, 'request failed');
      void reply.code(status).send([{ code: status, description: body.error.message }]);
    });

    defineRoute(scope, {
      method: 'GET',
      url: '/open311/v2/services.json',
      summary: 'Open311: the services (one per unit) suggestions can be filed to',
      tags: ['open311'],
      public: true,
      handler: async () => open311.services(db),
    });

    defineRoute(scope, {
      method: 'POST',
      url: '/open311/v2/requests.json',
      summary: 'Open311: file a suggestion to a unit; the answer carries a ticket',
      tags: ['open311'],
      public: true,
      body: requestBody,
      accepts: [FORM_TYPE, JSON_TYPE],
      handler: async ({ body, req, reply, audit }) => {
        const network = truncateIp(req.ip);
        const wait = await perAddress.hit(db, network);
        if (wait > 0) throw new AppError('RATE_LIMITED', `提交过于频繁，请 ${Math.ceil(wait / 60)} 分钟后再试 / too many requests; try again later`);
        reply.code(201);
        // Citizens' addresses are kept only as their network (/24, /48), in the audit trail too.
        const input = { serviceCode: body.service_code, description: body.description, lat: body.lat, long: body.long, address: body.address_string };
        return open311.createRequest(db, input, { ...audit, ip: network });
      },
    });

    defineRoute(scope, {
      method: 'GET',
      url: '/open311/v2/requests.json',
      summary: 'Open311: service requests, filtered by id, service, dates and status',
      tags: ['open311'],
      public: true,
      query: listQuery,
      handler: async ({ query }) =>
        open311.listRequests(db, {
          ids: query.service_request_id?.split(',').map(Number),
          serviceCode: query.service_code,
          start: query.start_date,
          end: query.end_date,
          status: query.status,
        }),
    });

    defineRoute(scope, {
      method: 'GET',
      url: '/open311/v2/requests/:id.json',
      summary: 'Open311: one service request',
      tags: ['open311'],
      public: true,
      params: idParams,
      handler: async ({ params }) => open311.getRequest(db, params.id),
    });
  });
}
