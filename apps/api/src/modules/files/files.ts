import { createHash } from 'node:crypto';
import { AppError } from '../../errors.js';

/**
 * Every file the product takes — the assessment's evidence, the ledger's and the tasks' evidence, the
 * inspections' photos and videos: the type is read from the bytes (magic numbers),
 * and a declared type must agree with them, so a renamed executable is refused. Each kind has its
 * own size cap. Files are stored once by their SHA-256 (stored_files).
 */

export type FileKind = 'image' | 'video' | 'document';

interface FileType {
  label: string;
  kind: FileKind;
  /** Does the content start like this type? */
  matches: (b: Buffer) => boolean;
  /** Can the type be told from the bytes alone? (.docx and .xlsx are both zip files.) */
  sniffable: boolean;
}

const starts = (sig: number[]) => (b: Buffer) => b.length >= sig.length && sig.every((x, i) => b[i] === x);
const ascii = (b: Buffer, at: number, s: string) => b.length >= at + s.length && b.toString('latin1', at, at + s.length) === s;
const zip = starts([0x50, 0x4b, 0x03, 0x04]);

export const FILE_TYPES: Record<string, FileType> = {
  'image/jpeg': { label: 'JPEG', kind: 'image', matches: starts([0xff, 0xd8, 0xff]), sniffable: true },
  'image/png': { label: 'PNG', kind: 'image', matches: starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), sniffable: true },
  'image/webp': { label: 'WebP', kind: 'image', matches: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'), sniffable: true },
  // ISO base media: a box of type ftyp first; HEIF stills share the container and are told apart by their brand.
  'video/mp4': { label: 'MP4', kind: 'video', matches: (b) => ascii(b, 4, 'ftyp') && !/^(heic|heix|mif1|msf1|avif)$/.test(b.toString('latin1', 8, 12)), sniffable: true },
  'application/pdf': { label: 'PDF', kind: 'document', matches: starts([0x25, 0x50, 0x44, 0x46]), sniffable: true },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word (.docx)', kind: 'document', matches: zip, sniffable: false },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel (.xlsx)', kind: 'document', matches: zip, sniffable: false },
};

const MB = 1024 * 1024;
export const MAX_BYTES: Record<FileKind, number> = { image: 15 * MB, video: 100 * MB, document: 10 * MB };
/** The largest body any upload route reads; the per-kind caps are checked after the type is known. */
export const UPLOAD_BODY_LIMIT = MAX_BYTES.video;

/** Photos and videos taken on a phone during an inspection. */
export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'video/mp4'];
/** Evidence of an indicator value (the assessment): documents and photos, the types offices exchange. */
export const ASSESSMENT_EVIDENCE_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];
/** Evidence of rectification: photos, videos and documents. */
export const EVIDENCE_TYPES = Object.keys(FILE_TYPES);
/** Content types the upload routes read as raw bodies (the generic one is sniffed). */
export const UPLOAD_CONTENT_TYPES = [...EVIDENCE_TYPES, 'application/octet-stream'];

export interface CheckedFile {
  mime: string;
  kind: FileKind;
  label: string;
  bytes: Buffer;
  sha256: string;
}

/**
 * Checks an upload against the types `allowed`: the declared type (or, for
 * application/octet-stream, the one the bytes show) must be allowed and match the content, and
 * the file must be within its kind's cap. Errors name what is wrong and what is accepted.
 */
export function checkFile(declared: string, bytes: Buffer, allowed: string[]): CheckedFile {
  const accepted = allowed.map((m) => FILE_TYPES[m]!.label).join('、');
  let mime = declared.split(';')[0]!.trim().toLowerCase();
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', '文件为空 / the file is empty');
  if (mime === 'application/octet-stream' || mime === '') {
    const sniffed = allowed.find((m) => FILE_TYPES[m]!.sniffable && FILE_TYPES[m]!.matches(bytes));
    if (!sniffed) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `无法识别的文件类型；可上传：${accepted} / unrecognised file type; accepted: ${accepted}`, { accepted: allowed });
    mime = sniffed;
  }
  const type = allowed.includes(mime) ? FILE_TYPES[mime] : undefined;
  if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `不支持的文件类型 ${mime}；可上传：${accepted} / type ${mime} is not accepted; accepted: ${accepted}`, { accepted: allowed });
  if (!type.matches(bytes)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `文件内容不是 ${type.label} / the content is not a ${type.label} file`, { declared: mime });
  }
  const cap = MAX_BYTES[type.kind];
  if (bytes.length > cap) throw new AppError('PAYLOAD_TOO_LARGE', `${type.label} 文件不能超过 ${cap / MB} MB / a ${type.label} file may be at most ${cap / MB} MB`, { max: cap });
  return { mime, kind: type.kind, label: type.label, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A file name safe to keep and to send back in a header. */
export const cleanFilename = (name: string, fallback: string) =>
  Array.from(name, (ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? '_' : ch))
    .join('')
    .slice(0, 200)
    .trim() || fallback;

/** Reads the URL-encoded x-filename header uploads carry. */
export function filenameHeader(raw: string | string[] | undefined, fallback: string): string {
  if (typeof raw !== 'string') return fallback;
  try {
    return cleanFilename(decodeURIComponent(raw), fallback);
  } catch {
    throw new AppError('BAD_REQUEST', 'x-filename 须为 URL 编码的文件名 / x-filename must be URL-encoded');
  }
}
