/**
 * The portal API as the citizens' page uses it (apps/api/src/modules/campaigns/portal.routes.ts).
 * The answers' shapes are the API's own, imported from @kaoping/shared as types only (`import type`
 * is erased by the build), so the page pulls in nothing of the shared code and keeps its size.
 */
import type { CampaignAnswer, InvitationCheck, PublicCampaign, Receipt, SmsCodeSent, TicketStatus, VerificationMode } from '@kaoping/shared';

export type { PublicCampaign, Receipt, TicketStatus } from '@kaoping/shared';
export type Answer = CampaignAnswer;
export const ANSWERS: Answer[] = ['satisfied', 'basicallySatisfied', 'dissatisfied', 'unaware'];
export type Mode = VerificationMode;
export type PublicUnit = PublicCampaign['groups'][number]['units'][number];

export type Verification = { mode: 'invitation'; token: string } | { mode: 'sms'; phone: string; code: string } | { mode: 'open'; deviceId: string };

export interface SubmittedAnswer {
  unitId: number;
  answer: Answer;
  reason?: string;
  suggestion?: string;
}

export interface ResponseBody {
  verification: Verification;
  submissionKey: string;
  /** When the questionnaire was served, sealed by the server: the "too fast" review measures from it. */
  served: string;
  answers: SubmittedAnswer[];
  extra?: Record<string, string>;
}

/** An answer of the API with an error body: its message is written for citizens and shown as it is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** The request never got an answer (offline, timeout): nothing is known about what the server did. */
export class NetworkError extends Error {}

const TIMEOUT_MS = 20_000;

async function call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : 0;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: controller ? controller.signal : undefined,
    });
  } catch {
    throw new NetworkError('网络连接失败，请检查网络后重试');
  } finally {
    clearTimeout(timer);
  }
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (res.ok) return data as T;
  const err = (data as { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } } | null)?.error;
  if (!err || res.status >= 500) {
    if (res.status >= 500 || res.status === 0) throw new NetworkError(`服务器暂时无法处理（${res.status}），请稍后重试`);
    throw new ApiError(res.status, 'UNKNOWN', `请求未成功（${res.status}），请稍后重试`);
  }
  throw new ApiError(res.status, err.code ?? 'UNKNOWN', err.message ?? `请求未成功（${res.status}）`, err.details ?? []);
}

const enc = encodeURIComponent;

/** The campaign with its questionnaire and units, served to the page holding `submissionKey`. */
export const getCampaign = (slug: string, submissionKey: string) => call<PublicCampaign>('GET', `/api/p/${enc(slug)}?key=${enc(submissionKey)}`);

/** Whether an invitation token is known and still unused. */
export const checkInvitation = (slug: string, token: string) => call<InvitationCheck>('GET', `/api/p/${enc(slug)}/invitations/${enc(token)}`);

/** Sends a one-time code to the phone. */
export const requestSmsCode = (slug: string, phone: string) => call<SmsCodeSent>('POST', `/api/p/${enc(slug)}/sms-codes`, { phone });

/** Submits the answers; a retry with the same submission key answers with the same receipt. */
export const submitResponse = (slug: string, body: ResponseBody) => call<Receipt>('POST', `/api/p/${enc(slug)}/responses`, body);

/** The suggestions of a ticket with their status and accepted replies. */
export const getTicket = (ticket: string) => call<TicketStatus>('GET', `/api/tickets/${enc(ticket)}`);
