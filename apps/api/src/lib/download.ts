import type { FastifyReply } from 'fastify';
import { XLSX_MIME } from './excel.js';

/** Sends a generated file as a download; the name is RFC 5987-encoded so Chinese names survive. */
export function sendDownload(reply: FastifyReply, filename: string, mime: string, buf: Buffer): FastifyReply {
  const ext = /\.[a-z0-9]+$/i.exec(filename)?.[0] ?? '';
  return reply
    .header('content-type', mime)
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="download${ext}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(buf);
}

/** Sends an Excel file as a download. */
export function sendXlsx(reply: FastifyReply, filename: string, buf: Buffer): FastifyReply {
  return sendDownload(reply, filename, XLSX_MIME, buf);
}

/**
 * Sends a stored file, shown in the browser (`inline`: photos, thumbnails, which this browser may
 * keep for an hour, never a shared cache) or as a download (kept by no cache at all).
 */
export function sendFile(reply: FastifyReply, f: { filename: string; mime: string; content: Buffer }, inline = false): FastifyReply {
  return reply
    .header('content-type', f.mime)
    .header('cache-control', inline ? 'private, max-age=3600' : 'no-store')
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="file"; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
    .send(f.content);
}
