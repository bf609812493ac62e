import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '@kaoping/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { acceptsOf, mediaTypeOf, unsupportedType } from '../lib/content-types.js';

const FASTIFY_CODES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', '请求体过大 / request body too large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['BAD_REQUEST', '请求体为空，但 Content-Type 是 application/json / empty JSON body'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['BAD_REQUEST', 'Content-Length 与请求体不符 / wrong Content-Length'],
};

// PostgreSQL error classes a request can provoke: answered as the client's fault, never a 500.
const PG_CODES: Record<string, [ErrorCode, string]> = {
  '23505': ['DUPLICATE', '数据已存在（唯一性冲突）/ already exists'],
  '23503': ['IN_USE', '引用的数据不存在或仍被引用 / a referenced record is missing or still in use'],
  '23514': ['VALIDATION_FAILED', '数据不满足约束 / the data breaks a rule'],
  '22001': ['VALIDATION_FAILED', '文本过长 / text too long'],
  '22003': ['VALIDATION_FAILED', '数值超出范围 / number out of range'],
  '22P02': ['VALIDATION_FAILED', '数据格式无效 / invalid value'],
  '22007': ['VALIDATION_FAILED', '日期时间格式无效 / invalid date or time'],
  '22008': ['VALIDATION_FAILED', '日期时间超出范围 / date or time out of range'],
  '22009': ['VALIDATION_FAILED', '时区偏移超出范围 / time zone offset out of range'],
  '22021': ['VALIDATION_FAILED', '文本含有无效字符（如 NUL）/ text holds an invalid character (such as NUL)'],
  '22P05': ['VALIDATION_FAILED', '文本含有无法保存的字符（如 \\u0000）/ text holds a character that cannot be stored (such as \\u0000)'],
};

/** The error's status and body; `req` lets a refused content type be answered with what its route takes. */
export function classify(raw: FastifyError & { code?: string }, req?: FastifyRequest): { status: number; body: ErrorBody } {
  const err = raw.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' && req ? unsupportedType(mediaTypeOf(req), acceptsOf(req)) : raw;
  if (err instanceof AppError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } } };
  }
  const fst = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (fst) return { status: err.statusCode ?? 400, body: { error: { code: fst[0], message: fst[1] } } };
  const pgc = typeof err.code === 'string' ? PG_CODES[err.code] : undefined;
  if (pgc) return { status: ERROR_STATUS[pgc[0]], body: { error: { code: pgc[0], message: pgc[1] } } };
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { status: 400, body: { error: { code: 'BAD_REQUEST', message: `请求体不是有效的 JSON / body is not valid JSON: ${err.message}` } } };
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    const code: ErrorCode = err.statusCode === 404 ? 'NOT_FOUND' : err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : err.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
    return { status: err.statusCode, body: { error: { code, message: err.message } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: '服务器内部错误，已记录，请稍后重试 / internal error; it has been logged' } } };
}

/** Answers an error in the API's shape; 5xx internals are logged, never sent. */
export function replyWithError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = classify(err, req);
  const retry = (body.error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (status === 429 && typeof retry === 'number') void reply.header('retry-after', String(retry));
  if (status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ code: body.error.code, status }, body.error.message);
  void reply.code(status).send(body);
}

/** One error vocabulary for the whole API. Errors Fastify raises before routing (a malformed URL) go through `frameworkErrors: replyWithError`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(replyWithError);
}
