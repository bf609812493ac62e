/**
 * Official documents (公文): the model every module builds, and its renderers — .docx in the GB/T 9704-2012
 * layout, PDF of the same pages (LibreOffice), the .xlsx annex of its tables — plus the narrative text
 * format offices edit and the one way a route sends any of them.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { XLSX_MIME } from '../excel.js';
import { sendDownload } from '../download.js';
import { renderDocx } from './docx.js';
import type { OfficialDocument } from './official-document.js';
import { docxToPdf } from './pdf.js';
import { renderXlsxAnnex } from './xlsx-annex.js';

export * from './official-document.js';
export { renderDocx, chineseDate } from './docx.js';
export { docxToPdf, createPdfConverter, INSTALL_HINT, type PdfConverter, type PdfConverterOptions } from './pdf.js';
export { renderXlsxAnnex } from './xlsx-annex.js';
export { parseNarrative, formatNarrative, headingLevel } from './narrative.js';

export const DOCUMENT_FORMATS = ['docx', 'pdf', 'xlsx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const DOCUMENT_MIME: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: XLSX_MIME,
};

/** What a route answering `?format=docx|pdf` sends. */
export const DOCX_OR_PDF = [DOCUMENT_MIME.docx, DOCUMENT_MIME.pdf] as const;

/** The `?format=docx|pdf` query of a route that downloads a document (the .xlsx annex is asked for on its own). */
export const docxOrPdfQuery = (dflt: 'docx' | 'pdf') => z.strictObject({ format: z.enum(['docx', 'pdf']).default(dflt) });

/** Renders a document in the format asked for. */
export async function renderDocument(doc: OfficialDocument, format: DocumentFormat): Promise<Buffer> {
  if (format === 'xlsx') return renderXlsxAnnex(doc);
  const docx = await renderDocx(doc);
  return format === 'pdf' ? docxToPdf(docx) : docx;
}

/** Sends a rendered document as a download named `<name>.<format>` (UTF-8, so Chinese names survive). */
export function sendDocument(reply: FastifyReply, name: string, format: DocumentFormat, buf: Buffer): FastifyReply {
  return sendDownload(reply, `${name}.${format}`, DOCUMENT_MIME[format], buf);
}

/** Renders and sends in one step, for routes whose only job is the download. */
export async function replyWithDocument(reply: FastifyReply, doc: OfficialDocument, name: string, format: DocumentFormat): Promise<FastifyReply> {
  return sendDocument(reply, name, format, await renderDocument(doc, format));
}
