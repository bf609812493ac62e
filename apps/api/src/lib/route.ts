import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '@kaoping/shared';
import { z, type ZodType } from 'zod';
import { AppError } from '../errors.js';
import { JSON_TYPE, refuseUndeclaredBody, SPREADSHEET_TYPES } from './content-types.js';
import { requestLang, type Lang } from './language.js';
import { csrfHeader, ERRORS_KEY, ifNoneMatchHeader, errorStatuses, operationIdOf } from './openapi.js';
import { auditContext, recordingAuthorization, requirePrincipal, type AuthorizationRecord, type Principal } from './principal.js';
import { parseInput } from './validate.js';
import type { AuditContext } from '../modules/audit/audit.service.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** The caller; null only on public routes. */
  principal: Principal;
  audit: AuditContext;
  /** The caller's language (Accept-Language) for texts the server writes: explanations, reasons, evidence. */
  lang: Lang;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteDef<B, Q, P, R = unknown> {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  /** Public routes need no sign-in (health, login, docs). Everything else does. */
  public?: boolean;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  /** Set for routes that take a raw file (an Excel workbook unless `accepts` says otherwise) instead of JSON. */
  rawBody?: boolean;
  /**
   * The media types the body may come in (JSON, or a spreadsheet for `rawBody`, unless told). Any
   * other is answered 415, naming these, before the body is read; their parsers must be registered
   * in the route's scope.
   */
  accepts?: readonly string[];
  /**
   * The success answer's schema (zod, declared in packages/shared so the pages import its type): the
   * handler's return type is checked against it, Fastify serialises with it (fields it does not
   * declare never leave the server) and the OpenAPI document shows it.
   */
  response?: ZodType<R>;
  /** The success status when it is not 200 (201 for a creation, 204 for an answer without a body). */
  successStatus?: 200 | 201 | 204;
  /**
   * For a download: the media types the success answer comes in (an Excel workbook, a document, a
   * stored file); the handler sends the bytes itself.
   */
  produces?: readonly string[];
  /** Error codes the route may answer besides those its shape implies (400 for input, 401/403 when signed in, 404 for a path id, …). */
  errors?: readonly ErrorCode[];
  /**
   * The answer is kept (lib/kept-answers.ts): it carries an ETag, and a client that sends it back in
   * If-None-Match gets 304 without the body. Documented so that integrators' caches can use it.
   */
  revalidates?: true;
  /** The OpenAPI operationId, when the one derived from method and path (`getUnitsById`) will not do. */
  operationId?: string;
  handler: (input: RouteInput<B, Q, P>) => Promise<NoInfer<R>>;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What can be decided from the request line and headers alone is decided before the body is read:
 * who is calling (anonymous callers of signed-in routes, a missing CSRF token, a read-only token
 * asking to write) and whether the body comes in a type the route reads. So nobody makes the
 * server read, parse and list megabytes it would refuse anyway.
 */
function checkBeforeBody(req: FastifyRequest, isPublic: boolean, accepts: readonly string[]): void {
  if (!isPublic) {
    if (!req.principal && req.authProblem) throw new AppError('UNAUTHENTICATED', req.authProblem);
    const principal = requirePrincipal(req.principal);
    if (!SAFE.has(req.method)) {
      if (principal.via === 'session') {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || sent !== principal.csrfToken) {
          throw new AppError('CSRF_FAILED', '缺少或错误的 x-csrf-token 请求头 / missing or wrong x-csrf-token header');
        }
      } else if (principal.scope === 'read') {
        throw new AppError('FORBIDDEN', '只读令牌不能修改数据 / a read-only token cannot change anything');
      }
    }
  }
  refuseUndeclaredBody(req, accepts);
}

const toJsonSchema = (s: ZodType, io: 'input' | 'output' = 'input') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const BINARY = { type: 'string', format: 'binary' } as const;
/** How a raw body of this type is documented: a JSON document, text (YAML), or bytes (a workbook, a photo). */
const rawSchema = (type: string) => (type === JSON_TYPE ? { type: 'object' } : /^text\/|yaml/.test(type) ? { type: 'string' } : BINARY);

/** The success answer as Fastify serialises it and OpenAPI shows it. */
function successResponse(def: RouteDef<unknown, unknown, unknown, unknown>): Record<string, unknown> {
  const status = def.successStatus ?? 200;
  if (status === 204) return { 204: { type: 'null', description: '成功，无内容 / done, no content' } };
  if (def.produces) {
    // A JSON answer among them keeps its schema (Open311 answers in JSON or XML); other types are text or a file.
    const schemaOf = (t: string) => (t === JSON_TYPE && def.response ? toJsonSchema(def.response, 'output') : /xml|^text\//.test(t) ? { type: 'string' } : BINARY);
    const description = def.response ? '成功 / success' : '文件下载 / the file';
    return { [status]: { description, content: Object.fromEntries(def.produces.map((t) => [t, { schema: schemaOf(t) }])) } };
  }
  const notModified = def.revalidates ? { 304: { type: 'null', description: '未修改：客户端所持副本（If-None-Match）仍是最新 / not modified: the copy named by If-None-Match is current' } } : {};
  if (def.response) return { [status]: { description: '成功 / success', ...toJsonSchema(def.response, 'output') }, ...notModified };
  return { [status]: { description: '成功 / success' }, ...notModified };
}

/** What the OpenAPI document says of a route besides its input and success answer. */
function documentation(def: RouteDef<unknown, unknown, unknown, unknown>, accepts: readonly string[]): Record<string, unknown> {
  const takesBody = def.body !== undefined || def.rawBody === true || def.accepts !== undefined;
  const raw = def.rawBody || (def.accepts !== undefined && def.body === undefined);
  return {
    operationId: def.operationId ?? operationIdOf(def.method, def.url),
    security: def.public ? [] : [{ session: [] }, { bearer: [] }],
    ...(!def.public && !SAFE.has(def.method) ? { headers: csrfHeader } : {}),
    ...(def.revalidates ? { headers: ifNoneMatchHeader } : {}),
    // A raw body (a workbook, a YAML document, a file) is documented per type it is taken in: text or bytes.
    ...(raw ? { body: { content: Object.fromEntries(accepts.map((t) => [t, { schema: rawSchema(t) }])) } } : {}),
    [ERRORS_KEY]: errorStatuses({
      method: def.method,
      url: def.url,
      isPublic: def.public === true,
      takesInput: def.query !== undefined || def.params !== undefined,
      takesBody,
      rawBody: def.rawBody === true,
      extra: def.errors ?? [],
    }),
    ...(def.accepts || def.rawBody ? { consumes: [...accepts] } : {}),
  };
}

/** Per request of a signed-in route: whether its handler called `authorize`. */
const decided = new WeakMap<FastifyRequest, AuthorizationRecord>();

/**
 * A signed-in route whose handler answered without calling `authorize` (lib/principal.ts) broke the
 * one rule of authorization. Under test that is an error, so the access matrix and the other
 * integration tests catch such a route on its first successful call; in production it is logged
 * loudly (the answer is not withheld: the handler may already have changed data or sent a file).
 */
function unauthorizedAnswer(req: FastifyRequest, def: RouteDef<unknown, unknown, unknown, unknown>): void {
  const what = `${def.method} ${def.url} answered without calling authorize`;
  if (process.env.NODE_ENV === 'test') throw new AppError('INTERNAL', `${what} / the route decides no access`);
  req.log.error({ route: `${def.method} ${def.url}` }, what);
}

/** The one way routes are declared: validate at the edge with zod, require a principal, check CSRF, document in OpenAPI. */
export function defineRoute<B = undefined, Q = Record<string, never>, P = Record<string, never>, R = unknown>(
  app: FastifyInstance,
  def: RouteDef<B, Q, P, R>,
): void {
  const accepts = def.accepts ?? (def.rawBody ? SPREADSHEET_TYPES : [JSON_TYPE]);
  app.route({
    method: def.method,
    url: def.url,
    config: { accepts },
    onRequest: async (req) => checkBeforeBody(req, def.public === true, accepts),
    // Checked as the answer leaves, so that downloads the handler sends itself are checked too.
    onSend: async (req, reply, payload) => {
      if (reply.statusCode < 300 && decided.get(req)?.authorized === false) unauthorizedAnswer(req, def as RouteDef<unknown, unknown, unknown, unknown>);
      return payload;
    },
    schema: {
      summary: def.summary,
      tags: def.tags,
      ...documentation(def as RouteDef<unknown, unknown, unknown, unknown>, accepts),
      ...(def.body ? { body: toJsonSchema(def.body) } : {}),
      ...(def.query ? { querystring: toJsonSchema(def.query) } : {}),
      ...(def.params ? { params: toJsonSchema(def.params) } : {}),
      response: successResponse(def as RouteDef<unknown, unknown, unknown, unknown>),
    },
    handler: async (req, reply) => {
      const principal = def.public ? (req.principal as Principal) : requirePrincipal(req.principal);
      if (def.rawBody && !Buffer.isBuffer(req.body)) {
        throw new AppError('BAD_REQUEST', '请上传 .xlsx 文件 / upload an .xlsx file as the request body');
      }
      const params = def.params ? parseInput(def.params, req.params, 'params') : (undefined as P);
      const query = def.query ? parseInput(def.query, req.query, 'query') : (undefined as Q);
      const body = def.body ? parseInput(def.body, req.body, 'body') : (def.rawBody ? req.body : undefined) as B;
      // Set before the handler runs, so that a handler may answer otherwise (a repeated submission: 200).
      if (def.successStatus) reply.code(def.successStatus);
      const record: AuthorizationRecord = { authorized: false };
      if (!def.public) decided.set(req, record);
      const result = await recordingAuthorization(record, () =>
        def.handler({
          body,
          query,
          params,
          principal,
          audit: auditContext(req.principal, req.id, req.ip),
          lang: requestLang(req.headers['accept-language']),
          req,
          reply,
        }),
      );
      if (reply.sent) return reply;
      return result;
    },
  });
}

export const idParams = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });
