import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { filenameHeader } from '../modules/files/files.js';

/**
 * A scope for routes that take a file as the raw request body: the given types are read as buffers
 * up to `bodyLimit`. Its upload routes declare these types (`accepts`), so defineRoute refuses any
 * other type, and any caller who has not signed in, before a byte of the body is read.
 */
export async function registerUploadScope(app: FastifyInstance, opts: { types: readonly string[]; bodyLimit: number }, register: (scope: FastifyInstance) => void): Promise<void> {
  await app.register(async (scope) => {
    for (const type of opts.types) if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
    scope.addContentTypeParser([...opts.types], { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (_req, body, done) => done(null, body));
    // A file sent without a Content-Type: routes that take application/octet-stream read it by its bytes.
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (_req, body, done) => done(null, body));
    register(scope);
  });
}

/** The uploaded file: the raw request body, typed by Content-Type, named by the URL-encoded x-filename header. */
export function uploadedFile(req: FastifyRequest, fallback: string): { filename: string; mime: string; bytes: Buffer } {
  if (!Buffer.isBuffer(req.body)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以文件内容作为请求体上传，Content-Type 为文件类型 / send the file itself as the body, with its type as Content-Type');
  }
  return { filename: filenameHeader(req.headers['x-filename'], fallback), mime: String(req.headers['content-type'] ?? ''), bytes: req.body };
}
