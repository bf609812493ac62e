import type { FastifyReply } from 'fastify';
import { XLSX_MIME } from './excel.js';

/** Sends an Excel file as a download; the name is RFC 5987-encoded so Chinese names survive. */
export function sendXlsx(reply: FastifyReply, filename: string, buf: Buffer): FastifyReply {
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(buf);
}
