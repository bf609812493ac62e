import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import {
  open311CreatedSchema,
  open311DiscoverySchema,
  open311RequestsSchema,
  open311ServiceDefinitionSchema,
  open311ServicesSchema,
  open311TokenSchema,
} from '@kaoping/shared';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../errors.js';
import { RateLimiter } from '../../lib/rate-limiter.js';
import { JSON_TYPE, mediaTypeOf } from '../../lib/content-types.js';
import { defineRoute, type RouteDef } from '../../lib/route.js';
import { toXml, XML_TYPE } from '../../lib/xml.js';
import { classify } from '../../plugins/error-handler.js';
import { truncateIp } from '../privacy/privacy.js';
import * as open311 from './open311.service.js';

// Form fields arrive as strings; numbers are coerced, empty fields treated as absent.
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalNumber = (min: number, max: number) => z.preprocess(blankToUndefined, z.coerce.number().min(min).max(max).optional());
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/**
 * GeoReport v2 lets clients send any of its optional fields (email, device_id, media_url…); the ones
 * not listed are ignored as the spec allows, and nothing personal is kept. A location is required:
 * lat and long together, or address_string, or address_id.
 */
const requestBody = z
  .looseObject({
    api_key: z.string().max(200).optional(),
    service_code: z.string().min(1).max(40),
    description: optionalText(4000),
    lat: optionalNumber(-90, 90),
    long: optionalNumber(-180, 180),
    address_string: optionalText(300),
    address_id: optionalText(100),
  })
  .superRefine((b, ctx) => {
    if ((b.lat === undefined) !== (b.long === undefined)) {
      ctx.addIssue({ code: 'custom', path: [b.lat === undefined ? 'lat' : 'long'], message: 'lat 与 long 须同时提供 / lat and long go together' });
    } else if (b.lat === undefined && b.address_string === undefined && b.address_id === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['lat'],
        message: '须提供位置：lat 和 long，或 address_string，或 address_id / a location is required: lat and long, address_string or address_id',
      });
    }
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

export const FORM_TYPE = 'application/x-www-form-urlencoded';
const FORMATS = ['xml', 'json'] as const;
type Format = (typeof FORMATS)[number];

const idParams = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const codeParams = z.strictObject({ service_code: z.string().min(1).max(40) });
const tokenParams = z.strictObject({ token: z.string().min(1).max(40) });

// XML: the element each list's items are written as (GeoReport's names).
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};
const itemName = (parent: string) => ITEM[parent] ?? 'item';

/** The format a URL asks for by its extension (.xml or .json); JSON when it names neither. */
const formatOf = (url: string): Format => (/\.xml$/i.test(url.split('?')[0]!) ? 'xml' : 'json');

function sendErrors(reply: FastifyReply, url: string, status: number, description: string): FastifyReply {
  const errors = [{ code: status, description }];
  if (formatOf(url) === 'xml') return reply.code(status).type(XML_TYPE).send(toXml('errors', errors, itemName));
  return reply.code(status).type(JSON_TYPE).send(errors);
}

type GeoRoute<B, Q, P, R> = Omit<RouteDef<B, Q, P, R>, 'url' | 'public' | 'tags' | 'response'> & {
  /** The path under /open311 without the extension, e.g. /v2/services. */
  path: string;
  /** The XML document's root element. */
  root: string;
  response: ZodType<R>;
};

/**
 * Open311 GeoReport v2: existing civic clients file and follow suggestions. Every resource in XML
 * (the spec's primary format) and JSON, chosen by the extension. Its own scope, so that every answer
 * under /open311 — errors, unknown paths and methods included — comes in GeoReport's shape, and
 * form-encoded bodies (what most clients send) parse.
 */
export async function registerOpen311Routes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db, zone, config } = ctx;
  const perAddress = new RateLimiter('open311', 20, 60 * 60_000);
  /** Each route's method and a pattern of its URLs, to tell an unknown path (404) from a wrong method (405). */
  const known: { method: string; pattern: RegExp }[] = [];

  await app.register(
    async (scope) => {
      scope.addContentTypeParser(FORM_TYPE, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      });
      /** An address with no route: 405 (with Allow) when the path is known under other methods, else 404. */
      const noRoute = (req: FastifyRequest, reply: FastifyReply) => {
        const path = req.url.split('?')[0]!;
        const allowed = [...new Set(known.filter((k) => k.pattern.test(path)).map((k) => k.method))];
        if (allowed.length > 0) {
          void reply.header('allow', [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])].join(', '));
          return sendErrors(reply, req.url, 405, `${path} 不接受 ${req.method}，可用：${allowed.join('、')} / ${req.method} is not allowed on ${path}; use ${allowed.join(', ')}`);
        }
        return sendErrors(reply, req.url, 404, `没有这个 Open311 资源：${path}（见 /open311/discovery.xml）/ no such Open311 resource: ${path} (see /open311/discovery.xml)`);
      };
      scope.setNotFoundHandler(noRoute);
      scope.setErrorHandler((err: FastifyError, req, reply) => {
        // A request with a body to an address with no route is stopped before the body is read (app.ts).
        if (req.is404) return noRoute(req, reply);
        const { status, body } = classify(err, req);
        if (status >= 500) req.log.error({ err }, 'request failed');
        const description =
          status === 415
            ? `请求体须为表单（application/x-www-form-urlencoded）或 JSON（application/json），收到的是 ${(mediaTypeOf(req) || '（未注明 / none）').slice(0, 80)} / send the body form-encoded (application/x-www-form-urlencoded) or as JSON (application/json)`
            : body.error.message;
        return sendErrors(reply, req.url, status, description);
      });

      /** One resource in both formats: {path}.xml and {path}.json. */
      const geoRoute = <B = undefined, Q = Record<string, never>, P = Record<string, never>, R = unknown>(def: GeoRoute<B, Q, P, R>) => {
        for (const format of FORMATS) {
          const url = `${def.path}.${format}`;
          const pattern = new RegExp(`^/open311${url.replace(/\./g, '\\.').replace(/:\w+/g, '[^/]+')}$`);
          known.push({ method: def.method, pattern });
          defineRoute<B, Q, P, R>(scope, {
            ...def,
            url,
            tags: ['open311'],
            public: true,
            produces: [format === 'xml' ? 'text/xml' : JSON_TYPE],
            handler: async (input) => {
              const data = await def.handler(input);
              if (format === 'json') return data;
              // A string of a non-JSON type is sent as it is: the response schema serialises JSON answers only.
              void input.reply.type(XML_TYPE);
              return toXml(def.root, data, itemName) as unknown as R;
            },
          });
        }
      };

      geoRoute({
        method: 'GET',
        path: '/discovery',
        root: 'discovery',
        summary: 'Open311: service discovery — where the GeoReport v2 endpoint is and which formats it speaks',
        response: open311DiscoverySchema,
        handler: async () => open311.discovery(config.publicUrl, config.open311KeysRequired),
      });

      geoRoute({
        method: 'GET',
        path: '/v2/services',
        root: 'services',
        summary: 'Open311: the services (one per unit) suggestions can be filed to',
        response: open311ServicesSchema,
        handler: async () => open311.services(db),
      });

      geoRoute({
        method: 'GET',
        path: '/v2/services/:service_code',
        root: 'service_definition',
        summary: 'Open311: a service definition (the extra attributes a service asks for; none here)',
        params: codeParams,
        response: open311ServiceDefinitionSchema,
        handler: async ({ params }) => open311.serviceDefinition(db, params.service_code),
      });

      geoRoute({
        method: 'POST',
        path: '/v2/requests',
        root: 'service_requests',
        summary: `Open311: file a suggestion to a unit (form-encoded or JSON; a location is required${config.open311KeysRequired ? '; api_key required' : ''}); the answer carries a ticket`,
        body: requestBody,
        accepts: [FORM_TYPE, JSON_TYPE],
        response: open311CreatedSchema,
        successStatus: 201,
        handler: async ({ body, req, audit }) => {
          if (config.open311KeysRequired) await open311.checkApiKey(db, body.api_key);
          const network = truncateIp(req.ip);
          const wait = await perAddress.hit(db, network);
          if (wait > 0) throw new AppError('RATE_LIMITED', `提交过于频繁，请 ${Math.ceil(wait / 60)} 分钟后再试 / too many requests; try again later`);
          const address = body.address_string ?? (body.address_id !== undefined ? `address_id: ${body.address_id}` : undefined);
          // Citizens' addresses are kept only as their network (/24, /48), in the audit trail too.
          const input = { serviceCode: body.service_code, description: body.description, lat: body.lat, long: body.long, address };
          return open311.createRequest(db, input, { ...audit, ip: network });
        },
      });

      geoRoute({
        method: 'GET',
        path: '/v2/requests',
        root: 'service_requests',
        summary: 'Open311: service requests, filtered by id, service, dates and status',
        query: listQuery,
        response: open311RequestsSchema,
        handler: async ({ query }) =>
          open311.listRequests(db, zone, {
            ids: query.service_request_id?.split(',').map(Number),
            serviceCode: query.service_code,
            start: query.start_date,
            end: query.end_date,
            status: query.status,
          }),
      });

      geoRoute({
        method: 'GET',
        path: '/v2/requests/:id',
        root: 'service_requests',
        summary: 'Open311: one service request',
        params: idParams,
        response: open311RequestsSchema,
        handler: async ({ params }) => open311.getRequest(db, zone, params.id),
      });

      geoRoute({
        method: 'GET',
        path: '/v2/tokens/:token',
        root: 'service_requests',
        summary: 'Open311: the service request a token (ticket) was issued for',
        params: tokenParams,
        response: open311TokenSchema,
        handler: async ({ params }) => open311.requestOfToken(db, params.token),
      });
    },
    { prefix: '/open311' },
  );
}
