import { ApiError, parseErrorBody } from './api-error';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** The spreadsheet content type the import endpoints expect. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;
let language = 'zh-CN';

/** The reader's language, sent as Accept-Language: the API writes its own texts (explanations, reasons, evidence) in it. */
export function setRequestLanguage(lang: string): void {
  language = lang;
}

/** Remembers the token from login or `/api/auth/me`; every write except login sends it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request other than the auth ones answers 401 (the session ended). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** Builds `?a=1&b=x`, leaving out empty values. */
export function toQueryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface SendOptions {
  query?: Query;
  json?: unknown;
  raw?: { body: BodyInit; contentType: string };
  headers?: Record<string, string>;
}

const NETWORK_MESSAGE = '无法连接服务器 / Cannot reach the server';

async function send(method: string, path: string, options: SendOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language, ...options.headers };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.raw) {
    headers['content-type'] = options.raw.contentType;
    body = options.raw.body;
  }
  if (method !== 'GET' && path !== '/api/auth/login' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path + toQueryString(options.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (response.ok) return response;

  const parsed = parseErrorBody(await response.json().catch(() => null));
  if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthenticated?.();
  if (parsed) throw new ApiError(response.status, parsed.code, parsed.message, parsed.details);
  throw new ApiError(response.status, 'HTTP', `HTTP ${response.status} ${response.statusText}`.trim());
}

async function readJson<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Saves a response body as a file through a temporary link. */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameFrom(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

/** The typed JSON client of the Kaoping API. */
export const api = {
  get: async <T>(path: string, query?: Query): Promise<T> => readJson<T>(await send('GET', path, { query })),
  post: async <T>(path: string, json?: unknown): Promise<T> => readJson<T>(await send('POST', path, { json: json ?? {} })),
  patch: async <T>(path: string, json: unknown): Promise<T> => readJson<T>(await send('PATCH', path, { json })),
  put: async <T>(path: string, json: unknown): Promise<T> => readJson<T>(await send('PUT', path, { json })),
  delete: async (path: string): Promise<void> => {
    await send('DELETE', path);
  },
  /** Sends a spreadsheet's raw bytes, as the import endpoints expect. */
  upload: async <T>(path: string, file: Blob): Promise<T> =>
    readJson<T>(await send('POST', path, { raw: { body: file, contentType: XLSX_TYPE } })),
  /** Sends a file's raw bytes with its own content type (YAML text, evidence), with optional extra headers. */
  uploadAs: async <T>(path: string, body: BodyInit, contentType: string, options: { query?: Query; headers?: Record<string, string> } = {}): Promise<T> =>
    readJson<T>(await send('POST', path, { raw: { body, contentType }, query: options.query, headers: options.headers })),
  /** Downloads a file with the session cookie and returns the name it was saved under. */
  download: async (path: string, fallbackName: string, query?: Query): Promise<string> => {
    const response = await send('GET', path, { query });
    const name = fileNameFrom(response, fallbackName);
    saveBlob(await response.blob(), name);
    return name;
  },
  /** Sends JSON and saves the file the server answers with (a file that is made once, such as invitation links). */
  downloadPost: async (path: string, json: unknown, fallbackName: string): Promise<string> => {
    const response = await send('POST', path, { json, headers: { accept: '*/*' } });
    const name = fileNameFrom(response, fallbackName);
    saveBlob(await response.blob(), name);
    return name;
  },
};
