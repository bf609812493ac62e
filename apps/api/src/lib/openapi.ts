import { ERROR_STATUS, type ErrorCode } from '@kaoping/shared';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';

/**
 * The OpenAPI document (OAS 3.1, so the JSON Schema zod writes is taken as it is): what every
 * operation answers, success and each error, in a form outside tools (Redocly, swagger-parser,
 * client generators) accept. Routes describe themselves through defineRoute; the pieces shared by
 * all of them (the error answers, the CSRF header, the security schemes) are declared here once.
 */

/** Marks, on a route's schema, the error statuses it may answer; turned into responses when the document is built. */
export const ERRORS_KEY = 'x-kp-errors';

const ERROR_TEXT: Record<number, string> = {
  400: '请求无效 / invalid request',
  401: '未登录或会话已失效 / not signed in',
  403: '无权执行、CSRF 头缺失或令牌只读 / not allowed',
  404: '不存在 / not found',
  405: '不支持该方法 / method not allowed',
  409: '违反业务规则，code 指明哪条 / breaks a rule of the current state; the code names the rule (docs/API.md)',
  413: '请求体过大 / body too large',
  415: '不支持的请求体类型 / body type not accepted',
  422: '文件或数据无法处理 / the file or data cannot be processed',
  429: '请求过于频繁 / too many requests (see Retry-After)',
  500: '服务器内部错误 / internal error',
  503: '依赖的服务暂不可用 / a service it needs is unavailable',
};

/** The codes answered with `status`, from packages/shared/src/errors.ts. */
export const codesOf = (status: number): ErrorCode[] => (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((c) => ERROR_STATUS[c] === status);

/** A status's description, naming the codes it comes with. */
const describeStatus = (status: number) => `${ERROR_TEXT[status] ?? `HTTP ${status}`}: ${codesOf(status).join(', ')}`;

/** The API's one error body (packages/shared/src/errors.ts), its code one of `codes`. */
const errorBodySchema = (codes: readonly string[]) => ({
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: codes, description: '稳定的错误代码，客户端据此分支 / the stable code clients branch on (docs/API.md)' },
        message: { type: 'string', description: '说明，随 Accept-Language 为中文或英文 / what went wrong, in the caller’s language' },
        details: { description: '因错误而异：字段问题、导入行号、规则的状态与动作等 / depends on the error: field problems, import rows, the state and action a rule refused' },
      },
    },
  },
});

/** GeoReport v2 answers its errors as a list of {code, description}. */
const open311ErrorSchema = {
  type: 'array',
  items: { type: 'object', required: ['code', 'description'], properties: { code: { type: 'integer' }, description: { type: 'string' } } },
};

/** The statuses a route may answer with an error, from what it takes and who may call it. */
export function errorStatuses(r: { method: string; url: string; isPublic: boolean; takesInput: boolean; takesBody: boolean; rawBody: boolean; extra: readonly ErrorCode[] }): number[] {
  const s = new Set<number>();
  if (r.takesInput || r.takesBody) s.add(400);
  if (!r.isPublic) s.add(401).add(403);
  if (r.url.includes(':')) s.add(404);
  if (!r.isPublic && r.method !== 'GET') s.add(409);
  if (r.takesBody) s.add(413).add(415);
  if (r.rawBody) s.add(422);
  for (const code of r.extra) s.add(ERROR_STATUS[code]);
  return [...s].sort((a, b) => a - b);
}

const words = (segment: string) => segment.split(/[^A-Za-z0-9]+/).filter(Boolean);
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** `GET /api/units/:id/members` → `getUnitsByIdMembers`: unique because method and path are. */
export function operationIdOf(method: string, url: string): string {
  const parts = url
    .split('/')
    .filter((p) => p && p !== 'api')
    .flatMap((p) => (p.startsWith(':') ? ['by', ...words(p.slice(1))] : words(p)));
  return method.toLowerCase() + parts.map(cap).join('');
}

/** The CSRF header every signed-in change must carry when signed in with the session cookie. */
export const csrfHeader = {
  type: 'object',
  properties: {
    'x-csrf-token': {
      type: 'string',
      description: '登录时返回的 csrfToken；以会话 Cookie 登录时修改类请求必须携带，Bearer 令牌无需 / the csrfToken login returned: required with the session cookie, not with a bearer token',
    },
  },
};

/** The validator of a kept answer: the ETag of the copy a client holds (routes with `revalidates`). */
export const ifNoneMatchHeader = {
  type: 'object',
  properties: {
    'if-none-match': {
      type: 'string',
      description: '上次应答的 ETag；未变化时应答 304、无正文 / the ETag of an earlier answer: 304 without a body when nothing changed',
    },
  },
};

type Doc = { paths?: Record<string, Record<string, Record<string, unknown>>>; components?: Record<string, Record<string, unknown>> };

/** Replaces each operation's error marker by references to the shared error responses. */
function documentErrors(doc: Doc): Doc {
  const responses: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const open311 = path.startsWith('/open311/');
    for (const op of Object.values(item)) {
      const statuses = op[ERRORS_KEY] as number[] | undefined;
      if (!statuses) continue;
      delete op[ERRORS_KEY];
      const opResponses = (op.responses ??= {}) as Record<string, unknown>;
      for (const status of statuses) {
        const name = `${open311 ? 'Open311Error' : 'Error'}${status}`;
        responses[name] ??= {
          description: open311 ? (ERROR_TEXT[status] ?? `HTTP ${status}`) : describeStatus(status),
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${open311 ? 'Open311Error' : `ErrorBody${status}`}` } } },
        };
        opResponses[String(status)] = { $ref: `#/components/responses/${name}` };
      }
    }
  }
  const components = (doc.components ??= {});
  // One error body per status, its code enumerating the codes that status comes with.
  const statuses = [...new Set(Object.keys(responses).flatMap((n) => (n.startsWith('Error') ? [Number(n.slice('Error'.length))] : [])))].sort((a, b) => a - b);
  const bodies = Object.fromEntries(statuses.map((status) => [`ErrorBody${status}`, errorBodySchema(codesOf(status))]));
  components.schemas = { ...components.schemas, ...bodies, Open311Error: open311ErrorSchema };
  components.responses = { ...components.responses, ...Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))) };
  return doc;
}

/**
 * A recursive answer (a scheme's indicator tree) comes out of zod with its named parts in the
 * schema's own `$defs`, referred to as `#/$defs/<name>`; in the document such a reference is read
 * from the document's root. So the parts move to `components.schemas` and the references follow.
 * The paths are copied first: the route schemas Fastify serialises with stay as they are.
 */
function hoistDefinitions(doc: Doc): Doc {
  const schemas: Record<string, unknown> = {};
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const { $defs, ...rest } = node as Record<string, unknown>;
    for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, unknown>)) {
      const text = JSON.stringify(def).replaceAll('"#/$defs/', '"#/components/schemas/');
      if (name in schemas && JSON.stringify(schemas[name]) !== text) throw new Error(`two different schemas are named ${name}`);
      schemas[name] = JSON.parse(text);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rest)) out[k] = k === '$ref' && typeof v === 'string' ? v.replace(/^#\/\$defs\//, '#/components/schemas/') : walk(v);
    return out;
  };
  doc.paths = walk(doc.paths ?? {}) as Doc['paths'];
  const components = (doc.components ??= {});
  components.schemas = { ...schemas, ...components.schemas };
  return doc;
}

export const swaggerOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Kaoping 考评 API',
      version: '0.1.0',
      description:
        'Performance assessment and supervision. Errors: {error:{code,message,details?}} (codes in docs/API.md). Sign in with POST /api/auth/login (session cookie, send its csrfToken as x-csrf-token on changes) or use an API token as a bearer token.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: '本服务 / this server' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'kp_session', description: 'POST /api/auth/login 设置的会话 Cookie / the session cookie login sets' },
        bearer: { type: 'http', scheme: 'bearer', description: 'API 令牌（设置 → 令牌）/ an API token (Settings → Tokens)' },
      },
    },
  },
  transformObject: (input) => hoistDefinitions(documentErrors(('openapiObject' in input ? input.openapiObject : input.swaggerObject) as Doc)) as never,
};
