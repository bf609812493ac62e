import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { XLSX_MIME } from './excel.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The media types this route reads a body in; see `refuseUndeclaredBody`. */
    accepts?: readonly string[];
  }
}

export const JSON_TYPE = 'application/json';
/** The generic type of a file whose kind the server reads from its bytes. */
export const ANY_FILE = 'application/octet-stream';
/** A scheme document: JSON, YAML (under any of its names) or an Excel workbook. */
export const SCHEME_TYPES = [JSON_TYPE, 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain', XLSX_MIME] as const;
/** What the spreadsheet imports take (a client that does not name the type sends the generic one). */
export const SPREADSHEET_TYPES = [XLSX_MIME, ANY_FILE] as const;

// What a person calls each type; the generic file type is not listed: it is read as whichever listed type its bytes show.
const LABELS: Record<string, string> = {
  [JSON_TYPE]: 'JSON',
  'application/yaml': 'YAML',
  'application/x-yaml': 'YAML',
  'text/yaml': 'YAML',
  'text/plain': 'YAML',
  'application/x-www-form-urlencoded': '表单 / form (application/x-www-form-urlencoded)',
  [XLSX_MIME]: 'Excel (.xlsx)',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'video/mp4': 'MP4',
};

/** The media type of the request's body, lower-cased without parameters; '' when none is named. */
export function mediaTypeOf(req: FastifyRequest): string {
  const h = req.headers['content-type'];
  return typeof h === 'string' ? h.split(';')[0]!.trim().toLowerCase() : '';
}

/** Whether the request carries a body (or says it does): what Fastify would go on to read. */
export function hasBody(req: FastifyRequest): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0') || req.headers['content-type'] !== undefined;
}

/** 415 naming, in words a person knows, what the route takes instead of what came. */
export function unsupportedType(got: string, accepts: readonly string[]): AppError {
  const shown = (got || '（未注明 / none）').slice(0, 80);
  if (accepts.length === 1 && accepts[0] === JSON_TYPE) {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', `请求体须为 JSON（Content-Type: application/json），收到的是 ${shown} / the body must be JSON (application/json), got ${shown}`, { accepted: accepts });
  }
  const labels = [...new Set(accepts.map((t) => LABELS[t]).filter((l): l is string => l !== undefined))];
  return new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    `不支持的文件类型 ${shown}；可上传：${labels.join('、')} / ${shown} is not accepted here; send ${labels.join(', ')}`,
    { accepted: accepts },
  );
}

/**
 * Refuses, before a byte of it is read, a body in a type the route does not declare. A body that
 * names no type counts as a generic file, which upload routes read by its bytes.
 */
export function refuseUndeclaredBody(req: FastifyRequest, accepts: readonly string[]): void {
  if (!hasBody(req)) return;
  const type = mediaTypeOf(req) || ANY_FILE;
  if (!accepts.includes(type)) throw unsupportedType(mediaTypeOf(req), accepts);
}

/** The types the request's route declares (JSON where it declares none, as on unknown URLs). */
export const acceptsOf = (req: FastifyRequest): readonly string[] => req.routeOptions.config?.accepts ?? [JSON_TYPE];
